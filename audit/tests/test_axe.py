"""axe-core finds no accessibility violation on any page, in either language, on a desktop and a phone.

Also in the states a reader brings about: the suggestions open, the sign-up form
sent with errors, the article's gate for an anonymous reader. axe runs with its
default rules (WCAG 2.0–2.2 A and AA, and its best practices, landmark-unique among them).
"""

import pytest

from audit.pages import ALL_PAGES, VERIFIED
from audit.tests.conftest import NODE_MODULES

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def violations(page):
    """axe's violations on ``page`` as it is now, one readable line per rule and element.

    axe reports every element of every violation as usual; ``resultTypes`` tells it to
    describe only one element per rule that passed or did not apply, which is most of
    its time on a long page and nothing this audit reads.
    """
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(result => result.violations)")
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node['failureSummary'].splitlines()[-1].strip()}"
        for violation in found
        for node in violation["nodes"]
    ]


def test_the_audit_reports_every_element_of_a_violation(browser):
    """A control: two images without a text alternative and a button without a name are all reported."""
    tab = browser.new_page()
    tab.set_content(
        '<!doctype html><html lang="en"><head><title>Control</title></head><body><main><h1>Control</h1>'
        '<img src="data:," id="first"><img src="data:," id="second"><button id="nameless"></button></main></body></html>'
    )
    found = violations(tab)
    tab.close()
    assert sum(line.startswith("image-alt ") for line in found) == 2, found
    assert any(line.startswith("button-name ") and "#nameless" in line for line in found), found


def reader_context(browser, site, viewport, reader):
    # The site's CSP allows no inline script, and axe is injected as one.
    context = browser.new_context(bypass_csp=True, **VIEWPORTS[viewport])
    if reader == VERIFIED:
        name, value = site.cookie.split("=", 1)
        context.add_cookies([{"name": name, "value": value, "url": site.url}])
    return context


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_page_has_an_axe_violation_in_either_language(audit_site, browser, viewport):
    problems = []
    for reader in {page.reader for page in ALL_PAGES}:
        context = reader_context(browser, audit_site, viewport, reader)
        tab = context.new_page()
        for page in (p for p in ALL_PAGES if p.reader == reader):
            for language in page.paths:
                path = audit_site.path(page, language)
                tab.goto(audit_site.url + path)
                problems += [f"{page.name} {language} {path}: {line}" for line in violations(tab)]
        context.close()
    assert not problems, f"axe on a {viewport}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_open_suggestions_the_sign_up_errors_and_the_gate_have_no_axe_violation(audit_site, browser, language):
    context = reader_context(browser, audit_site, "desktop", "anonymous")
    tab = context.new_page()
    problems = []

    tab.goto(f"{audit_site.url}/{language}/")
    tab.get_by_role("combobox").fill("osteo")
    tab.get_by_role("option").first.wait_for()
    problems += [f"suggestions open: {line}" for line in violations(tab)]

    tab.goto(f"{audit_site.url}/{language}/accounts/signup/")
    tab.locator("#id_email").fill("not-an-address@")
    tab.locator("#id_password1").fill("short")
    tab.locator("#id_password2").fill("other")
    form = tab.locator("form[action$='/signup/']")
    form.evaluate("form => { form.noValidate = true; }")  # the server's errors, not the browser's own checks
    form.locator("[type=submit]").click()
    tab.wait_for_load_state()
    problems += [f"sign-up with errors: {line}" for line in violations(tab)]

    tab.goto(f"{audit_site.url}/{language}/{'cno-syndrome' if language == 'en' else 'cno-syndrom'}/")
    assert tab.locator(".gate").count(), "the anonymous article shows its gate"
    problems += [f"article gate: {line}" for line in violations(tab)]
    context.close()
    assert not problems, "\n".join(problems)
