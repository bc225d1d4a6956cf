"""In Chromium, on the audits' server: a keyboard reader follows and bookmarks an article, the reader's tools fit
a 375 px phone, and a new API token is shown once.

These run on ``audit_site`` (one server for the audits and these) with readers of their own, so the
audit reader's follow, bookmark and note stay as the audits expect them.
"""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
ARTICLE = {"en": "/en/cno-syndrome/", "de": "/de/cno-syndrom/"}
# The reader's tools on the article page: Bookmark, Follow, the notes box, Cite and PDF.
READER_TOOLS = ".bookmark-form, .follow-article, .reader-notes, .citing-links"


def reader_context(browser, site, email, **options):
    context = browser.new_context(**options)
    name, value = site.session_cookie(email).split("=", 1)
    context.add_cookies([{"name": name, "value": value, "url": site.url}])
    return context


def tab_to(page, selector, limit=150):
    """Press Tab until the focus is on ``selector``; fail if it never gets there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{selector} is not reached with the Tab key")


def overflowing(page, width):
    """The reader tools' elements that reach past the phone's width (or the page itself, if it scrolls sideways)."""
    return page.evaluate(
        """([selector, width]) => {
            const wide = [...document.querySelectorAll(selector + ', ' + selector.split(', ').join(' *, ') + ' *')]
                .filter(el => { const box = el.getBoundingClientRect(); return box.width && (box.left < 0 || box.right > width); })
                .map(el => el.outerHTML.slice(0, 80));
            return document.documentElement.scrollWidth > width ? ['the page: ' + document.documentElement.scrollWidth, ...wide] : wide;
        }""",
        [READER_TOOLS, width],
    )


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_keyboard_reader_follows_and_bookmarks_an_article_and_the_tools_fit_a_phone(audit_site, browser, language):
    email = audit_site.create_verified_user(f"keys-{language}@example.org", "a-keyboard-password-42", "Kim", "Keys")
    context = reader_context(browser, audit_site, email, **PHONE)
    page = context.new_page()
    page.goto(audit_site.url + ARTICLE[language])

    tab_to(page, ".follow-article button[aria-pressed=false]")
    with page.expect_navigation():  # the form's answer, not the page it was sent from
        page.keyboard.press("Enter")
    assert page.locator(".follow-article button").get_attribute("aria-pressed") == "true"

    tab_to(page, ".bookmark-button[aria-pressed=false]")
    with page.expect_navigation():  # the form's answer, not the page it was sent from
        page.keyboard.press("Enter")
    assert page.locator(".bookmark-button").get_attribute("aria-pressed") == "true"

    page.goto(audit_site.url + ARTICLE[language])
    for tool in READER_TOOLS.split(", "):
        assert page.locator(tool).is_visible(), f"{tool} is shown"
    assert not overflowing(page, PHONE["viewport"]["width"]), overflowing(page, PHONE["viewport"]["width"])
    page.locator(".bookmark-form").scroll_into_view_if_needed()
    screenshot(page, f"reader-tools-article-{language}", full_page=False)
    page.locator(".reader-notes").scroll_into_view_if_needed()
    screenshot(page, f"reader-tools-article-notes-{language}", full_page=False)
    context.close()


def test_a_new_api_token_is_shown_once(audit_site, browser):
    email = audit_site.create_verified_user("tokens@example.org", "a-token-password-42", "Tara", "Token")
    context = reader_context(browser, audit_site, email, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.goto(f"{audit_site.url}/en/accounts/tokens/")
    page.get_by_label("Name", exact=True).fill("Ward tablet")
    page.get_by_role("button", name="Create token").click()
    token = page.locator(".token-value").inner_text()
    assert token.startswith("mlx_") and "Ward tablet" in page.locator(".tokens").inner_text()
    screenshot(page, "api-tokens-en")

    page.goto(f"{audit_site.url}/en/accounts/tokens/")
    assert page.locator(".token-value").count() == 0 and token not in page.content()
    assert "Ward tablet" in page.locator(".tokens").inner_text()
    context.close()
