"""A reader finds an article by its abbreviation in the A–Z index, from the header of any page."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_the_header_to_the_index_and_follows_an_abbreviation_to_its_article(site_server, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{site_server.url}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Articles A–Z").click()
    page.wait_for_load_state()
    page.get_by_role("navigation", name="Letters").get_by_role("link", name="C", exact=True).click()
    page.wait_for_load_state()
    entry = page.locator(".a-to-z li", has_text="CRMO")
    assert "→" in entry.inner_text()
    screenshot(page, "browse-a-to-z-en")
    entry.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("CNO")
    page.get_by_role("link", name="Deutsch", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/de/cno-syndrom/")
    page.close()
