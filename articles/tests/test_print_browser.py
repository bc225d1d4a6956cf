"""A clinician prints an article: the text, its codes, dates, source and literature; nothing to click."""

import datetime
import re

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang, printed", [("en", "{d.day} {d:%B} {d.year}"), ("de", "{d:%d}.{d:%m}.{d.year}")])
def test_the_printout_keeps_the_article_and_drops_what_only_works_on_screen(site_server, browser, lang, printed):
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    page.goto(f"{site_server.url}/{lang}/")
    page.get_by_role("link", name="CNO", exact=False).first.click()
    page.wait_for_load_state()
    assert not page.locator(".print-source").is_visible()  # on screen the address bar says it
    page.emulate_media(media="print")
    for gone in [".site-header", ".toc", ".search-box", ".site-footer", ".article-tools", "button"]:
        assert all(not element.is_visible() for element in page.locator(gone).all()), gone
    assert page.locator("h1").is_visible() and re.search(r"M86\.9-", page.locator("h1").inner_text())
    assert page.locator(".updated").is_visible()
    assert page.locator("#literature").is_visible() and page.locator(".references li").count() >= 6
    source = page.locator(".print-source").inner_text()
    today = datetime.date.today()
    assert page.url in source, source  # the address the reader opened, at the host they used
    assert printed.format(d=today) in source
    screenshot(page, f"print-preview-{lang}")
    page.close()
