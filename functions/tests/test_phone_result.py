"""On a phone without JavaScript, "Calculate" leads the reader to the answer: the error summary or the result."""

import pytest

from functions.tests.test_browser import fill_a_german_case_of_17_points, logged_in_page
from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PATH = "/de/funktionen/kostik-nbo-score/"

IN_VIEW = """element => {
  const box = element.getBoundingClientRect();
  return Math.round(box.top) >= 0 && box.top < window.innerHeight;  // its start, to the pixel
}"""


def focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_on_a_phone_without_javascript_calculate_brings_the_error_summary_and_then_the_result_into_view_and_focus(
    site_server, browser, verified_login
):
    page = logged_in_page(browser, site_server, "de", PATH, viewport=PHONE, java_script_enabled=False, is_mobile=True)
    page.get_by_role("button", name="Berechnen").click()  # nothing filled in
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert "Bitte prüfen Sie Ihre Eingaben" in summary.inner_text()
    assert focused_id(page) == "answer" and summary.evaluate(IN_VIEW)

    fill_a_german_case_of_17_points(page)
    page.get_by_role("button", name="Berechnen").click()
    page.wait_for_load_state()
    result = page.locator("#answer")
    assert "Summe: 17 von 0–115 Punkten" in result.inner_text()
    assert focused_id(page) == "answer" and result.evaluate(IN_VIEW)
    assert page.locator("#answer h2").evaluate(IN_VIEW)  # the heading "Ergebnis" is what the reader sees first
    screenshot(page, "function-result-phone-de", full_page=False)
    page.context.close()
