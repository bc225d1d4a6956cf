"""In Chromium, without JavaScript: a verified reader follows the CNO article from its page and chooses the weekly
digest on the page of followed articles, which keeps the choice in both languages (screenshots)."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-4"


def test_a_reader_follows_an_article_and_chooses_the_weekly_digest_without_javascript(site_server, browser):
    email = site_server.create_verified_user("dr.follow@example.org", PASSWORD, "Frieda", "Follow")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1000, "height": 900})
    context.add_cookies([site_server.browser_cookie(email)])
    page = context.new_page()
    page.goto(f"{site_server.url}/en/")
    page.get_by_role("link", name="CNO", exact=False).first.click()
    article_url = page.url

    page.get_by_role("button", name="Follow", exact=True).click()
    assert page.url == article_url
    assert page.get_by_text("You now follow this article.").is_visible()
    following = page.get_by_role("button", name="Following", exact=True)
    assert following.get_attribute("aria-pressed") == "true"

    page.locator("form.follow-article").get_by_role("link", name="E-mail alerts").click()
    assert page.locator("h1").inner_text() == "Followed articles"
    followed = page.locator(".followed-articles li")
    assert followed.count() == 1
    assert site_server.url + followed.get_by_role("link").get_attribute("href") == article_url
    choice = page.get_by_role("group", name="E-mail me about changes")
    assert choice.get_by_label("Daily digest").is_checked(), "the daily digest until the reader chooses"
    choice.get_by_label("Weekly digest").check()
    page.get_by_role("button", name="Save").click()

    assert page.get_by_text("Your choice has been saved.").is_visible()
    choice = page.get_by_role("group", name="E-mail me about changes")
    assert choice.get_by_label("Weekly digest").is_checked()
    assert not choice.get_by_label("Daily digest").is_checked()
    screenshot(page, "following-settings-en")

    page.goto(f"{site_server.url}/de/folgen/")
    assert page.locator("h1").inner_text() == "Gefolgte Artikel"
    assert page.locator(".followed-articles li").count() == 1
    assert (
        page.get_by_role("group", name="E-Mails über Änderungen")
        .get_by_label("Wöchentliche Zusammenfassung")
        .is_checked()
    )
    screenshot(page, "following-settings-de")
    context.close()
