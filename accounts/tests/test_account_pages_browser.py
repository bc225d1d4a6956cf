"""The German account pages, the legal pages and the ICD-10 catalogue in Chromium, on a phone and on a desktop."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 900}


def test_a_german_reader_signs_up_on_a_phone_reads_the_terms_and_finds_the_login(site_server, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="de-DE")
    page = context.new_page()
    page.goto(f"{site_server.url}/de/accounts/signup/")
    page.get_by_role("button", name="Registrieren").click()  # nothing filled in
    page.wait_for_load_state()
    name = page.get_by_label("Vollständiger Name")
    assert name.get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{name.get_attribute('id')}_error")
    assert error.is_visible() and "Dieses Feld" in error.inner_text()
    consent = page.get_by_role("checkbox", name="Ich akzeptiere die Nutzungsbedingungen")
    assert consent.get_attribute("aria-invalid") == "true"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing on the form is wider than the phone"
    screenshot(page, "signup-de")

    page.get_by_role("link", name="Nutzungsbedingungen").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/de/nutzungsbedingungen/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nutzungsbedingungen"
    footer = page.get_by_role("navigation", name="Rechtliches")
    assert [link.inner_text() for link in footer.get_by_role("link").all()] == [
        "Impressum",
        "Datenschutz",
        "Nutzungsbedingungen",
        "Kontakt",
    ]

    page.goto(f"{site_server.url}/de/accounts/login/")
    assert page.get_by_label("E-Mail").is_visible() and page.get_by_label("Passwort", exact=True).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "account-login-de")
    context.close()


def test_the_german_icd10_catalogue_in_the_browser(site_server, browser):
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    page = context.new_page()
    page.goto(f"{site_server.url}/de/icd10/M86/")
    assert page.get_by_role("heading", level=1).inner_text() == "M86 Osteomyelitis"
    assert page.get_by_text("Osteomyelitis, nicht näher bezeichnet").is_visible()
    assert page.get_by_text("Codes ohne deutsche Bezeichnung werden englisch angezeigt").is_visible()
    screenshot(page, "icd10-de")
    context.close()
