"""Readers follow an article's version history in Chromium: anonymous in both languages, a verified reader with the changes."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-2"


@pytest.fixture(scope="module")
def verified_login(site_server):
    return site_server.create_verified_user("dr.berger@example.org", PASSWORD, "Jonas", "Berger")


def open_history(page, site_server, lang, link):
    page.goto(f"{site_server.url}/{lang}/")
    page.get_by_role("link", name="CNO", exact=False).first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name=link).click()
    page.wait_for_load_state()


def test_anyone_reads_the_version_history_in_english_and_german(site_server, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    open_history(page, site_server, "en", "Version history")
    assert page.url.endswith("/versions/")
    assert page.locator("li.version").count() == 3
    assert page.get_by_text("New evidence").is_visible() and page.get_by_text("First publication").is_visible()
    assert page.locator("ins, del").count() == 0
    assert page.locator(".gate-message").is_visible()
    screenshot(page, "editorial-version-history-en")

    open_history(page, site_server, "de", "Versionsgeschichte")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_text("Neue Evidenz").is_visible() and page.get_by_text("22.06.2026").is_visible()
    screenshot(page, "editorial-version-history-de")
    page.close()


def test_a_verified_reader_sees_what_changed_and_opens_an_older_version(site_server, browser, verified_login):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{site_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill(verified_login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    open_history(page, site_server, "en", "Version history")
    page.get_by_text("What changed in the text in version 2").click()
    added = page.locator("#version-2 ins", has_text="was reported from a small study of affected families").first
    added.scroll_into_view_if_needed()
    assert added.is_visible()
    label = added.locator(".visually-hidden").first
    assert label.text_content().startswith("[added:")  # said by screen readers, not shown on screen
    assert label.bounding_box()["width"] <= 1
    # Marked by more than colour: added text is underlined, removed text struck through.
    assert "underline" in added.evaluate("el => getComputedStyle(el).textDecorationLine")
    removed = page.locator("#version-2 del, #version-3 del").first
    assert "line-through" in removed.evaluate("el => getComputedStyle(el).textDecorationLine")
    screenshot(page, "editorial-version-diff-verified")

    page.locator("#version-1").get_by_role("link", name="Read version 1").click()
    page.wait_for_load_state()
    assert page.url.endswith("/versions/1/")
    assert page.get_by_text("You are reading version 1, an older version of this article").is_visible()
    assert page.get_by_text("The severe form is called").is_visible()
    figure = page.locator("figure img").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    screenshot(page, "editorial-version-permalink")
    page.get_by_role("link", name="Read the current version").click()
    page.wait_for_load_state()
    assert page.get_by_text("is the term for the severe form").is_visible()
    page.close()
