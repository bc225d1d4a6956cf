"""Lighthouse rates every page at accessibility 100, best practices 100 and SEO at least 95, on a desktop and a phone.

All runs go through one Node process and one Chrome (audit/lighthouse.mjs). The
search page is left out: it is ``noindex`` by design (audit.pages).
"""

import json
import os
import subprocess

from audit.pages import ALL_PAGES, VERIFIED
from audit.tests.conftest import node
from medlex.testing import CHROMIUM, ROOT

TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 95}
FORM_FACTORS = ["desktop", "mobile"]


def test_every_page_reaches_the_lighthouse_targets_on_desktop_and_mobile(audit_site, tmp_path):
    runs = [
        {
            "name": f"{page.name} {language}",
            "url": audit_site.url + path,
            "formFactor": form_factor,
            "cookie": audit_site.cookie if page.reader == VERIFIED else None,
        }
        for page in ALL_PAGES
        if page.lighthouse
        for language, path in page.paths.items()
        if language == "en"
        for form_factor in FORM_FACTORS
    ]
    (tmp_path / "runs.json").write_text(json.dumps(runs))
    subprocess.run(
        [node(), str(ROOT / "audit" / "lighthouse.mjs"), str(tmp_path / "runs.json"), str(tmp_path / "results.json")],
        check=True,
        timeout=600,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        cwd=ROOT,
    )
    results = json.loads((tmp_path / "results.json").read_text())
    assert len(results) == len(runs)
    misses = [
        f"{result['name']} ({result['formFactor']}): {category} {result['scores'][category]} < {target}; "
        + "; ".join(f"{f['id']}: {f['items']}" for f in result["failing"] if f["category"] == category)
        for result in results
        for category, target in TARGETS.items()
        if result["scores"][category] is None or result["scores"][category] < target
    ]
    assert not misses, "\n".join(misses)
