// The service worker for offline reading of bookmarked articles (served as /sw.js).
//
// It keeps only what the server lists for the logged-in verified reader
// (GET __OFFLINE_API__): the bookmarked articles in both languages, their figures,
// the offline page in each language and the style sheets. It never stores a page
// the reader merely visits. When that list answers 401 or 403 (logged out, not
// or no longer verified) it deletes everything it kept; when it names another
// reader, it deletes the previous reader's copies first. Logging out also sends
// Clear-Site-Data, which removes the caches and this worker.
//
// Online, every request goes to the network as if the worker were not there; only
// when the network fails does it answer from the cache, and a page it has not
// kept gets the offline page in the language of its address.
"use strict";

const CACHE = "medlex-offline-v1";
const OFFLINE_API = "__OFFLINE_API__";
// The offline page per language: {"de": "/de/merkliste/offline/", "en": ...}.
const OFFLINE_PAGES = __OFFLINE_PAGES__;
// The reader the cached copies belong to, kept as one more entry of the cache.
const READER_KEY = "/sw-offline-reader";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim().then(syncOnce));
});

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "sync") event.waitUntil(syncOnce());
  if (event.data && event.data.type === "clear") event.waitUntil(clearAll());
});

// One sync at a time; a request during a sync runs one more afterwards (the list may have changed since).
let running = null;
let again = false;

function syncOnce() {
  if (running) {
    again = true;
    return running;
  }
  running = sync().finally(function () {
    running = null;
    if (again) {
      again = false;
      return syncOnce();
    }
  });
  return running;
}

async function clearAll() {
  const keys = await caches.keys();
  await Promise.all(keys.map(function (key) { return caches.delete(key); }));
}

async function sync() {
  let response;
  try {
    response = await fetch(OFFLINE_API, { credentials: "same-origin", cache: "no-store" });
  } catch (error) {
    return; // offline: keep what there is
  }
  if (response.status === 401 || response.status === 403) {
    await clearAll();
    return;
  }
  if (!response.ok) return;
  const list = await response.json();
  let cache = await caches.open(CACHE);
  const owner = await cache.match(READER_KEY);
  if (owner && (await owner.text()) !== list.reader) {
    await clearAll();
    cache = await caches.open(CACHE);
  }
  await cache.put(READER_KEY, new Response(list.reader));
  const wanted = new Set([READER_KEY, ...list.pages, ...list.articles, ...list.figures].map(absolute));
  for (const url of wanted) {
    if (url === absolute(READER_KEY)) continue;
    try {
      const copy = await fetch(url, { credentials: "same-origin", cache: "no-store", redirect: "error" });
      if (copy.ok) await cache.put(url, copy);
    } catch (error) {
      // a figure that failed now is fetched at the next sync
    }
  }
  for (const request of await cache.keys()) {
    if (!wanted.has(absolute(request.url))) await cache.delete(request);
  }
}

function absolute(url) {
  return new URL(url, self.location.origin).href;
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request).catch(async function (error) {
      const url = new URL(request.url);
      url.hash = "";
      const cached = await caches.match(url.href, { ignoreVary: true });
      if (cached) return cached;
      if (request.mode === "navigate") {
        const language = url.pathname.startsWith("/de/") ? "de" : "en";
        const offline = await caches.match(absolute(OFFLINE_PAGES[language]));
        if (offline) return offline;
      }
      throw error;
    })
  );
});
