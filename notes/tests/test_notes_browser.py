"""In Chromium, without JavaScript: a verified reader adds a note to a section from the link at that section and
finds it in place, under the section's heading, in English and in German."""

import pytest

from medlex.testing import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-3"


@pytest.fixture(scope="module")
def professional_cookie(site_server):
    email = site_server.create_verified_user("dr.notes@example.org", PASSWORD, "Nora", "Notes")
    return site_server.browser_cookie(email)


@pytest.mark.parametrize(
    ("lang", "add", "section", "save", "text", "yours"),
    [
        (
            "en",
            "Add a note to this section",
            "Therapy",
            "Save note",
            "NSAIDs first; MRI again after 3 months.\nAsk about night pain.",
            "Your note",
        ),
        (
            "de",
            "Notiz zu diesem Abschnitt hinzufügen",
            "Therapie",
            "Notiz speichern",
            "Zuerst NSAR; MRT nach 3 Monaten.\nNach Nachtschmerz fragen.",
            "Ihre Notiz",
        ),
    ],
)
def test_a_reader_adds_a_note_to_a_section_and_finds_it_in_place(
    site_server, browser, professional_cookie, lang, add, section, save, text, yours
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1000, "height": 900})
    context.add_cookies([professional_cookie])
    page = context.new_page()
    page.goto(f"{site_server.url}/{lang}/")
    page.get_by_role("link", name="CNO", exact=False).first.click()
    article_url = page.url.split("#")[0]
    therapy = page.locator("section.section-therapy")
    therapy.get_by_role("link", name=add).click()
    assert page.get_by_label("Wo" if lang == "de" else "Where").locator("option:checked").inner_text() == section
    page.get_by_label("Ihre Notiz" if lang == "de" else "Your note").fill(text)
    page.get_by_role("button", name=save).click()
    # Back at the section, where the note now stands under its heading.
    assert page.url == f"{article_url}#{therapy.get_attribute('id')}"
    box = therapy.locator(".section-notes .reader-notes")
    assert box.get_by_role("heading", level=3).inner_text().startswith(yours)
    note = box.locator(".note").last
    assert note.locator(".note-text").inner_text().splitlines() == text.splitlines()
    assert text.splitlines()[0] not in page.locator("#your-notes").inner_text()
    # The box under the header leads to it.
    page.locator("#your-notes").get_by_role("link", name=section, exact=True).click()
    assert page.url.endswith(f"#{therapy.get_attribute('id')}")
    therapy.get_by_role("heading", level=2).scroll_into_view_if_needed()
    screenshot(page, f"notes-in-article-{lang}", full_page=False)
    context.close()
