// Lighthouse's accessibility, best-practices and SEO categories for many pages with one Chrome.
// Usage: node audit/lighthouse.mjs runs.json results.json
// runs.json: [{"name", "url", "formFactor": "desktop"|"mobile", "cookie": "name=value" or null}]
// results.json: [{"name", "url", "formFactor", "scores": {category: 0..100}, "failing": [{id, title, category}]}]
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const CATEGORIES = ["accessibility", "best-practices", "seo"];
const [runsFile, resultsFile] = process.argv.slice(2);
const runs = JSON.parse(fs.readFileSync(runsFile, "utf8"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
});
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
const results = [];
try {
  for (const run of runs) {
    // The reader's session goes into Chrome's cookie jar, so every request of the page
    // carries it (figures too); Lighthouse's extraHeaders reach only some of them.
    // Lighthouse then must not clear the site's storage before loading.
    await browser.deleteCookie(...(await browser.cookies()));
    if (run.cookie) {
      const [name, ...value] = run.cookie.split("=");
      await browser.setCookie({ name, value: value.join("="), domain: new URL(run.url).hostname, path: "/" });
    }
    const flags = {
      port: chrome.port,
      output: "json",
      logLevel: process.env.LH_LOG || "error",
      onlyCategories: CATEGORIES,
      disableStorageReset: Boolean(run.cookie),
      // Only the three categories are asked for, not load speed: no waiting for a quiet
      // network or CPU, no screenshots. (Throttling stays simulated: observed throttling
      // would put the quiet windows back to over five seconds per page.)
      pauseAfterFcpMs: 1,
      pauseAfterLoadMs: 1,
      networkQuietThresholdMs: 1,
      cpuQuietThresholdMs: 1,
      disableFullPageScreenshot: true,
      skipAboutBlank: true,
    };
    const config = run.formFactor === "desktop" ? desktopConfig : undefined;
    const started = Date.now();
    const { lhr } = await lighthouse(run.url, flags, config);
    if (process.env.LH_TIMING) console.error(run.name, run.formFactor, Date.now() - started, JSON.stringify(lhr.timing.entries.filter((e) => e.duration > 800).map((e) => [e.name, Math.round(e.duration)])));
    const scores = {}, failing = [];
    for (const id of CATEGORIES) {
      const category = lhr.categories[id];
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          const items = (audit.details && audit.details.items) || [];
          failing.push({
            id: ref.id, category: id, title: audit.title,
            items: items.slice(0, 5).map((item) => [item.node && item.node.snippet, item.source, item.url, item.description].filter(Boolean).join(" ") || JSON.stringify(item).slice(0, 200)),
          });
        }
      }
    }
    results.push({ name: run.name, url: run.url, formFactor: run.formFactor, scores, failing, runtimeError: lhr.runtimeError || null });
  }
} finally {
  await browser.disconnect();
  await chrome.kill();
}
fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
