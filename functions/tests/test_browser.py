"""A clinician uses the Kostik score in Chromium: without JavaScript the form posts, with it the result updates live."""

import pytest

from functions.tests.conftest import PASSWORD, USER
from medlex.testing import screenshot

pytestmark = pytest.mark.browser


def logged_in_page(browser, site_server, lang, path, viewport=None, **context_options):
    context = browser.new_context(viewport=viewport or {"width": 1100, "height": 900}, **context_options)
    page = context.new_page()
    label = {"en": ("Email", "Password", "Sign In"), "de": ("E-Mail", "Passwort", "Anmeldung")}[lang]
    page.goto(f"{site_server.url}/{lang}/accounts/login/?next={path}")
    page.get_by_label(label[0]).fill(USER)
    page.get_by_label(label[1]).fill(PASSWORD)
    page.get_by_role("button", name=label[2]).click()
    page.wait_for_load_state()
    assert page.url.endswith(path)
    return page


def answer(page, question, choice):
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


def fill_a_german_case_of_17_points(page):
    """CRP 60 mg/L, one lesion, in the femur, band neutrophils 0.3 × 10^9/L: 17 of 115 points."""
    page.locator("#id_crp").fill("60")
    page.locator("#id_crp_unit").select_option("mg/L")
    answer(page, "Multifokaler Befall", "Nein")
    answer(page, "Befall des Femurs", "Ja")
    page.locator("#id_band_neutrophils").fill("0,3")
    page.locator("#id_band_neutrophils_unit").select_option("10^9/L")


def test_kostik_form_posts_without_javascript_and_keeps_values_on_error(site_server, browser, verified_login):
    page = logged_in_page(browser, site_server, "en", "/en/functions/kostik-nbo-score/", java_script_enabled=False)
    page.get_by_role("textbox", name="Value").first.fill("5.5")
    page.get_by_label("Unit").first.select_option("mg/dL")
    answer(page, "Multifocal involvement", "No")
    answer(page, "Femur involvement", "Yes")
    page.get_by_role("button", name="Calculate").click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert "Band neutrophils (absolute count): Please enter a value." in summary.inner_text()
    assert page.get_by_role("textbox", name="Value").first.input_value() == "5.5"
    screenshot(page, "function-kostik-errors")

    page.locator("#id_band_neutrophils").fill("180")
    page.locator("#id_band_neutrophils_unit").select_option("cells/uL")
    page.get_by_role("button", name="Calculate").click()
    page.wait_for_load_state()
    result = page.locator("#result")
    assert "Total: 88 of 0–115 points" in result.inner_text()
    assert "5.5 mg/dL = 55 mg/L" in result.inner_text()
    assert "Favours non-bacterial (NBO) over bacterial osteomyelitis" in result.inner_text()
    screenshot(page, "function-kostik-result")
    page.context.close()


def test_kostik_result_updates_live_with_javascript(site_server, browser, verified_login):
    page = logged_in_page(browser, site_server, "de", "/de/funktionen/kostik-nbo-score/")
    page.get_by_role("button", name="Berechnen").click()  # an empty form posted: messages for every field
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    fill_a_german_case_of_17_points(page)
    result = page.locator("#result")
    result.get_by_text("Summe: 17 von 0–115 Punkten").wait_for()
    assert "Spricht nicht für eine NBO" in result.inner_text()

    page.locator("#id_crp").fill("55")  # exactly on the cut-off: no click, the result follows
    result.get_by_text("Summe: 73 von 0–115 Punkten").wait_for()
    assert "Spricht für eine nicht-bakterielle Osteomyelitis" in result.inner_text()
    assert page.locator(".error-summary").count() == 0
    screenshot(page, "function-kostik-live-de")
    page.context.close()


def test_workup_prints_as_a_checklist(site_server, browser, verified_login):
    page = logged_in_page(browser, site_server, "en", "/en/functions/cno-exclusion-workup/")
    page.locator("#id_onset_age").fill("9")
    page.locator("#id_symptom_duration").fill("10")
    answer(page, "Typical bone findings on radiograph or MRI", "Yes")
    for question in (
        "Malignancy (including leukaemia and Ewing sarcoma)",
        "Infection (bacterial, fungal, mycobacterial)",
    ):
        answer(page, question, "Ruled out")
    for question in (
        "Vitamin C deficiency (scurvy)",
        "Hypophosphatasia",
        "Langerhans cell histiocytosis",
        "Benign bone tumour (e.g. osteoid osteoma, osteoblastoma, bone cyst)",
    ):
        answer(page, question, "Not yet ruled out")
    answer(page, "Complete and sustained response to antimicrobials alone", "Not treated with antimicrobials alone")
    page.locator("#result").get_by_text("Work-up incomplete: exclusions still open").wait_for()
    page.emulate_media(media="print")
    assert not page.locator(".function-form").is_visible()
    assert page.locator("#result").get_by_text("Serum alkaline phosphatase (low in hypophosphatasia)").is_visible()
    screenshot(page, "function-workup-print")
    page.context.close()


def test_anonymous_reader_sees_the_tool_and_how_to_get_access(site_server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(f"{site_server.url}/en/functions/jansson-nbo-score/")
    assert page.locator(".gate-message").is_visible()
    assert page.locator(".function-form").count() == 0
    assert page.locator("a[href^='https://doi.org/10.1002/art.24402']").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "function-jansson-anonymous-phone")
    page.close()
