"""The search box in a real browser: type-ahead with the keyboard, and the plain form."""

import re

import pytest
from playwright.sync_api import expect

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


def test_escape_closes_the_suggestions_and_keeps_what_the_reader_typed(site_server, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{site_server.url}/en/")
    box = page.get_by_role("combobox")
    box.fill("crm")
    page.get_by_role("option").first.wait_for()
    box.press("Escape")
    assert page.get_by_role("listbox", include_hidden=True).is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "crm"
    page.close()


@pytest.mark.parametrize(
    "language, query, said",
    [
        ("en", "osteo", r"^\d+ suggestions$"),
        ("de", "osteo", r"^\d+ Vorschläge$"),
        ("en", "crmo", r"^1 suggestion$"),
        ("de", "crmo", r"^1 Vorschlag$"),
        ("en", "zzqx", r"^No suggestions$"),
        ("de", "zzqx", r"^Keine Vorschläge$"),
    ],
)
def test_the_live_region_says_how_many_suggestions_there_are_in_the_pages_language(
    site_server, browser, language, query, said
):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{site_server.url}/{language}/")
    page.get_by_role("combobox").fill(query)
    status = page.locator("form.search-box [role=status]")
    expect(status).to_have_text(re.compile(said))
    page.close()
