"""A reader goes from the home page to a specialty and on to an article, on a desktop and on a phone."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_the_home_page_to_a_specialty_and_on_to_an_article(site_server, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{site_server.url}/en/")
    assert page.locator("main form.home-search input[type=search]").is_visible()
    recent = page.locator("section", has=page.locator("#home-recent"))
    assert recent.locator(".article-rows li").count() >= 6
    screenshot(page, "home-en")
    page.locator("section", has=page.locator("#home-specialties")).get_by_role("link", name="Dermatology").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Dermatology"
    assert page.url.endswith("/en/specialties/dermatology/")
    screenshot(page, "specialty-en")
    page.locator(".article-rows").get_by_role("link", name="Palmoplantar pustulosis").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Palmoplantar pustulosis")
    page.locator(".specialties").get_by_role("link", name="Dermatology").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Deutsch", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/de/fachgebiete/dermatologie/")
    page.locator("a.brand").click()
    page.wait_for_load_state()
    assert page.locator("#home-recent").inner_text() == "Zuletzt aktualisiert"
    screenshot(page, "home-de")
    page.close()

    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.goto(f"{site_server.url}/de/")
    assert phone.locator("main form.home-search").is_visible()
    screenshot(phone, "home-de-phone")
    phone.close()
