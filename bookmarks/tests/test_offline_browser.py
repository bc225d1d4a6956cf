"""In Chromium with the network off: a verified reader's bookmarked article opens from the phone's cache with its
figure; other pages show the offline page in the reader's language; logging out or losing verification empties
the caches. Also the bookmark list on a phone, in both languages (screenshots)."""

import time

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-3"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
  }
  return urls;
}"""


def cached(page):
    return page.evaluate(CACHED_URLS)


def wait_until(condition, what, seconds=30, state=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.25)
    pytest.fail(f"waited {seconds} s for {what}" + (f": {state()}" if state else ""))


def phone_of(browser, site_server, email):
    context = browser.new_context(**PHONE)
    context.add_cookies([site_server.browser_cookie(email)])
    return context


def cno_url(page, site_server, lang):
    page.goto(f"{site_server.url}/{lang}/")
    return page.get_by_role("link", name="CNO", exact=False).first.get_attribute("href")


def synced(page, path):
    """The article at ``path`` and its figures are in the cache (the worker syncs at each page load)."""
    urls = cached(page)
    return path in urls and any(url.startswith("/media/images/") for url in urls)


def figure_shown(page):
    figure = page.locator("figure.figure img").first
    figure.scroll_into_view_if_needed()
    return page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=figure.element_handle(), timeout=10_000
    )


def test_a_bookmarked_article_opens_offline_with_its_figure_and_logout_empties_the_caches(site_server, browser):
    email = site_server.create_verified_user("dr.offline@example.org", PASSWORD, "Olga", "Offline")
    context = phone_of(browser, site_server, email)
    page = context.new_page()
    article = cno_url(page, site_server, "en")
    page.goto(site_server.url + article)
    page.get_by_role("button", name="Bookmark").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Bookmarked ✓").is_visible()
    wait_until(
        lambda: synced(page, article), "the bookmarked article in the cache", state=lambda: (article, cached(page))
    )

    context.set_offline(True)
    page.goto(site_server.url + article)
    assert page.locator("h1").first.inner_text().startswith("CNO")
    assert figure_shown(page)
    page.goto(f"{site_server.url}/en/a-z/")
    assert page.locator("h1").inner_text() == "You are offline"
    page.goto(f"{site_server.url}/de/icd10/")
    assert page.locator("h1").inner_text() == "Sie sind offline"
    screenshot(page, "bookmarks-offline-de", full_page=False)

    context.set_offline(False)
    page.goto(site_server.url + article)
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    wait_until(lambda: cached(page) == [], "empty caches after logout")
    context.set_offline(True)
    try:
        page.goto(site_server.url + article)
        gone = "Olga" not in page.content() and "CNO" not in page.locator("body").inner_text()
    except Exception:  # the browser's own offline error: nothing was kept
        gone = True
    assert gone
    context.close()


def test_losing_verification_empties_the_caches_at_the_next_online_page(site_server, browser):
    email = site_server.create_verified_user("dr.revoked@example.org", PASSWORD, "Rita", "Revoked")
    context = phone_of(browser, site_server, email)
    page = context.new_page()
    article = cno_url(page, site_server, "de")
    page.goto(site_server.url + article)
    page.get_by_role("button", name="Merken").click()
    page.wait_for_load_state()
    wait_until(
        lambda: synced(page, article), "the bookmarked article in the cache", state=lambda: (article, cached(page))
    )
    site_server.shell(
        "from django.contrib.auth import get_user_model; from accounts.states import verified_group\n"
        f"get_user_model().objects.get(email={email!r}).groups.remove(verified_group())"
    )
    page.goto(f"{site_server.url}/de/")
    wait_until(lambda: cached(page) == [], "empty caches after the revocation")
    context.close()


def test_the_bookmark_list_on_a_phone_in_both_languages(site_server, browser):
    email = site_server.create_verified_user("dr.list@example.org", PASSWORD, "Lena", "List")
    context = phone_of(browser, site_server, email)
    page = context.new_page()
    article = cno_url(page, site_server, "de")
    page.goto(site_server.url + article)
    page.get_by_role("button", name="Merken").click()
    page.goto(f"{site_server.url}/de/merkliste/")
    page.get_by_label("Neue Sammlung").fill("Knochen und Gelenke")
    page.get_by_role("button", name="Anlegen").click()
    page.locator(".bookmark-actions select").first.select_option(label="Knochen und Gelenke")
    page.get_by_role("button", name="Verschieben").click()
    assert "Knochen und Gelenke" in page.locator(".bookmark-list .meta").first.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the list fits the phone's width"
    screenshot(page, "bookmarks-list-de")
    page.goto(f"{site_server.url}/en/bookmarks/")
    assert page.locator("h1").inner_text() == "My bookmarks"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "bookmarks-list-en")
    context.close()
