"""Lighthouse rates every page at accessibility 100, best practices 100 and SEO at least 95, on a desktop and a phone (in turns of language).

All runs go through one Node process and one Chrome (audit/lighthouse.mjs). The
search page is left out: it is ``noindex`` by design (audit.pages).
"""

TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 95}


def test_every_page_reaches_the_lighthouse_targets_on_desktop_and_mobile(audit_site):
    runs, results = audit_site.lighthouse()
    assert len(results) == len(runs)
    misses = [
        f"{result['name']} ({result['formFactor']}): {category} {result['scores'][category]} < {target}; "
        + "; ".join(f"{f['id']}: {f['items']}" for f in result["failing"] if f["category"] == category)
        for result in results
        for category, target in TARGETS.items()
        if result["scores"][category] is None or result["scores"][category] < target
    ]
    assert not misses, "\n".join(misses)
