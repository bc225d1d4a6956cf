"""In Chromium, without JavaScript: a verified reader adds a note to a section of the article and finds it in place,
linked to its section, in English and in German."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-3"


@pytest.fixture(scope="module")
def professional_cookie(site_server):
    email = site_server.create_verified_user("dr.notes@example.org", PASSWORD, "Nora", "Notes")
    return site_server.browser_cookie(email)


@pytest.mark.parametrize(
    ("lang", "add", "section", "save", "text"),
    [
        ("en", "Add a note", "Therapy", "Save note", "NSAIDs first; MRI again after 3 months.\nAsk about night pain."),
        (
            "de",
            "Notiz hinzufügen",
            "Therapie",
            "Notiz speichern",
            "Zuerst NSAR; MRT nach 3 Monaten.\nNach Nachtschmerz fragen.",
        ),
    ],
)
def test_a_reader_adds_a_note_to_a_section_and_finds_it_in_place(
    site_server, browser, professional_cookie, lang, add, section, save, text
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1000, "height": 900})
    context.add_cookies([professional_cookie])
    page = context.new_page()
    page.goto(f"{site_server.url}/{lang}/")
    page.get_by_role("link", name="CNO", exact=False).first.click()
    article_url = page.url
    box = page.locator("#your-notes")
    box.get_by_role("link", name=add).click()
    page.get_by_label("Wo" if lang == "de" else "Where").select_option(label=section)
    page.get_by_label("Ihre Notiz" if lang == "de" else "Your note").fill(text)
    page.get_by_role("button", name=save).click()
    assert page.url.split("#")[0] == article_url.split("#")[0]
    note = box.locator(".note").last
    assert note.locator(".note-text").inner_text().splitlines() == text.splitlines()
    heading = note.get_by_role("link", name=section, exact=True)
    assert heading.get_attribute("href") == f"#{page.locator('section.section-therapy').get_attribute('id')}"
    box.scroll_into_view_if_needed()
    screenshot(page, f"notes-in-article-{lang}", full_page=False)
    heading.click()
    assert page.url.endswith("#therapy")
    context.close()
