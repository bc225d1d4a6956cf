"""In Chromium: a keyboard reader sees a citation's reference at its marker; a phone reader taps a figure and
reads its labels at full size."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-2"
SMALLEST_FIGURE_TEXT_PX = 12  # articles/demo_content/draw_figures.py MIN_TEXT_PX, at the image's own size


@pytest.fixture(scope="module")
def professional_cookie(site_server):
    email = site_server.create_verified_user("dr.figure@example.org", PASSWORD, "Fiona", "Figure")
    return site_server.browser_cookie(email)


def open_cno(page, site_server, lang):
    page.goto(f"{site_server.url}/{lang}/")
    page.get_by_role("link", name="CNO", exact=False).first.click()
    page.wait_for_load_state()


def test_a_keyboard_reader_sees_the_reference_at_the_citation_marker(site_server, browser):
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    open_cno(page, site_server, "en")
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.cite')"):
            break
    else:
        pytest.fail("no citation marker is reached with the Tab key")
    marker = page.locator("a.cite:focus")
    target = marker.get_attribute("href")
    preview = page.get_by_role("tooltip")
    assert preview.is_visible()
    reference = page.locator(f"{target} .reference-text").inner_text().strip()
    assert reference in preview.inner_text()
    assert marker.get_attribute("aria-describedby") == preview.get_attribute("id")
    box, width = preview.bounding_box(), page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    screenshot(page, "article-citation-preview-en", full_page=False)

    page.keyboard.press("Escape")  # dismissed without moving the focus
    assert preview.is_hidden()
    assert page.evaluate("document.activeElement.matches('a.cite')")
    page.keyboard.press("Enter")  # and the marker still leads to the literature list
    assert page.url.endswith(target)

    page.locator("a.cite").nth(1).hover()
    assert preview.is_visible()
    page.close()


def test_without_javascript_a_citation_marker_is_a_link_to_the_literature_list(site_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_cno(page, site_server, "en")
    marker = page.locator("a.cite").first
    target = marker.get_attribute("href")
    marker.focus()
    assert page.get_by_role("tooltip").count() == 0
    marker.click()
    assert page.url.endswith(target)
    assert page.locator(f"{target} .back-links a").first.is_visible()
    context.close()


def test_a_phone_reader_taps_a_figure_and_reads_its_german_labels_at_full_size(
    site_server, browser, professional_cookie
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.add_cookies([professional_cookie])
    page = context.new_page()
    open_cno(page, site_server, "de")
    figure = page.locator("figure.figure img").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    assert "-de" in figure.get_attribute("src")
    natural = figure.evaluate("img => img.naturalWidth")
    # In the text the figure fits the phone's width: its smallest labels would be far below 12 px.
    assert figure.bounding_box()["width"] * SMALLEST_FIGURE_TEXT_PX / natural < SMALLEST_FIGURE_TEXT_PX - 4

    page.locator("a.figure-open").first.tap()
    full = page.locator(".figure-full:target img")
    full.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=full.element_handle())
    assert full.evaluate("img => img.naturalWidth") == natural
    assert full.bounding_box()["width"] == natural  # shown at its own size: 12 px labels stay 12 px
    scroller = page.locator(".figure-full:target .figure-full-scroll")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")  # the reader pans across it
    scroller.evaluate("el => { el.scrollLeft = el.scrollWidth; }")  # to the labels, as a finger would
    assert scroller.evaluate("el => el.scrollLeft > 0")
    screenshot(page, "article-figure-phone-de", full_page=False)

    page.get_by_role("link", name="Schließen").tap()
    assert page.locator(".figure-full:target").count() == 0
    assert page.url.endswith(page.locator("figure.figure").first.get_attribute("id"))
    context.close()
