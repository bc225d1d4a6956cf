"""A clinician reads the CNO article in Chromium, in both languages."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-1"


@pytest.fixture(scope="module")
def verified_login(site_server):
    return site_server.create_verified_user("dr.weiss@example.org", PASSWORD, "Hanna", "Weiss")


def open_cno(page, site_server, lang):
    page.goto(f"{site_server.url}/{lang}/")
    page.get_by_role("link", name="CNO", exact=False).first.click()
    page.wait_for_load_state()


def test_reader_switches_language_and_follows_a_citation(site_server, browser, verified_login):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    open_cno(page, site_server, "en")
    assert "M86.9-" in page.locator("h1").inner_text()
    assert page.locator(".gate-message").count() > 0
    screenshot(page, "article-en-anonymous")

    page.get_by_role("link", name="Dieser Artikel auf Deutsch").click()
    page.wait_for_load_state()
    assert "/de/" in page.url
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_text("Zuletzt aktualisiert am").is_visible()
    screenshot(page, "article-de-anonymous")

    page.get_by_role("link", name="This article in English").click()
    page.wait_for_load_state()
    assert "/en/" in page.url

    page.goto(f"{site_server.url}/en/accounts/login/?next=" + page.url.replace(site_server.url, ""))
    page.get_by_label("Email").fill(verified_login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    assert page.locator(".gate-message").count() == 0
    figure = page.locator("figure img").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    screenshot(page, "article-en-verified")

    citation = page.locator("a.cite").first
    target = citation.get_attribute("href")
    citation.click()
    assert page.url.endswith(target)
    assert page.locator(target).is_visible()
    assert page.locator(f"{target} a[href^='https://pubmed.ncbi.nlm.nih.gov/']").count() == 1
    screenshot(page, "literature-list")
    page.close()


def test_article_reads_on_a_phone(site_server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    open_cno(page, site_server, "de")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no horizontal scrolling on a phone"
    screenshot(page, "article-de-phone")
    page.close()
