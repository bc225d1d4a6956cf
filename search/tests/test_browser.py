"""The search box in a real browser: type-ahead with the keyboard, and the plain form."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser


def test_type_ahead_is_keyboard_navigable_and_opens_the_article(site_server, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{site_server.url}/en/")
    box = page.get_by_role("combobox")
    box.fill("crm")
    option = page.get_by_role("option").first
    option.wait_for()
    assert "CRMO" in option.inner_text() and box.get_attribute("aria-expanded") == "true"
    screenshot(page, "search-suggestions")
    box.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    box.press("Enter")
    page.wait_for_url("**/en/cno-syndrome/")
    page.close()


def test_the_search_form_works_without_javascript(site_server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_server.url}/de/")
    page.locator("#site-search").fill("m869")
    page.locator("#site-search").press("Enter")
    page.wait_for_url("**/de/suche/?q=m869")
    assert "CNO-Syndrom" in page.content()
    screenshot(page, "search-results-de-phone")
    context.close()
