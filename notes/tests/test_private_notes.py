"""A verified reader keeps private notes on an article or a section: shown in place to them alone, never to another
reader of the same cached page, never in search or anyone else's API, in their data export and gone with their account."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.tests.helpers import cno
from notes.models import MAX_NOTE_LENGTH, Note, ReadingEntry
from notes.tests.conftest import notes_box, section_notes, write_note
from versions.addresses import history_url

pytestmark = pytest.mark.django_db


def test_a_note_on_a_section_is_shown_in_place_at_its_section_and_the_box_under_the_header_links_to_it(
    verified, article
):
    client, user = verified()
    response = write_note(client, article, "Ask about night pain.", next=article.url)
    assert response.status_code == 302 and response["Location"] == article.url
    html = client.get(article.url).content.decode()
    assert "Ask about night pain." in section_notes(html, "definition")
    assert '<a href="#definition">Definition</a>' in notes_box(html)
    assert Note.objects.get().user == user


def test_a_note_on_the_whole_article_says_so(verified, article):
    client, _user = verified()
    write_note(client, article, "Read again before the ward round.", section="")
    box = notes_box(client.get(article.url).content.decode())
    assert "Read again before the ward round." in box and "On the whole article" in box


def test_a_note_is_plain_text_and_markup_in_it_stays_text(verified, article):
    client, _user = verified()
    write_note(client, article, '<script>alert("x")</script><b>bold</b>')
    for html in (client.get(article.url).content.decode(), client.get("/en/notes/").content.decode()):
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html
        assert '<script>alert("x")' not in html and "<b>bold</b>" not in html


def test_a_one_megabyte_note_is_refused_with_a_message_and_nothing_is_saved(verified, article):
    client, _user = verified()
    response = write_note(client, article, "x" * 1_000_000)
    assert response.status_code == 400
    assert "A note can be at most 10,000 characters long; this one has 1,000,000." in response.content.decode()
    assert not Note.objects.exists()
    assert write_note(client, article, "x" * MAX_NOTE_LENGTH).status_code == 302  # the limit itself is allowed


def test_a_note_on_an_unknown_article_or_section_or_without_text_is_refused(verified, article):
    client, _user = verified()
    unknown_article = client.post("/en/notes/new/", {"article": 999999, "text": "Hello"})
    assert unknown_article.status_code == 400 and "Unknown article." in unknown_article.content.decode()
    assert client.post("/en/notes/new/", {"article": "x", "text": "Hello"}).status_code == 400
    unknown_section = write_note(client, article, "Hello", section="no-such-section")
    assert unknown_section.status_code == 400
    empty = write_note(client, article, "   ")
    assert empty.status_code == 400 and "Write something in the note." in empty.content.decode()
    assert not Note.objects.exists()


def test_a_forged_next_address_leads_back_to_the_article_not_elsewhere(verified, article):
    client, _user = verified()
    response = write_note(client, article, "Hello", next="https://evil.example/")
    assert response["Location"] == f"{article.url}#definition"  # where the note stands
    on_the_article = write_note(client, article, "Hello", section="", next="//evil.example/")
    assert on_the_article["Location"] == f"{article.url}#your-notes"


def test_the_reader_edits_and_deletes_a_note_with_forms(verified, article):
    client, _user = verified()
    write_note(client, article, "First thought.")
    note = Note.objects.get()
    assert client.post(f"/en/notes/{note.pk}/", {"text": "Second thought."}).status_code == 302
    assert "Second thought." in section_notes(client.get(article.url).content.decode(), "definition")
    assert client.post(f"/en/notes/{note.pk}/", {"text": "y" * 20_000}).status_code == 400
    note.refresh_from_db()
    assert note.text == "Second thought."
    assert client.post(f"/en/notes/{note.pk}/delete/").status_code == 302
    assert not Note.objects.exists()


def test_another_readers_note_cannot_be_read_changed_or_deleted(verified, article):
    dana, _dana = verified()
    write_note(dana, article, "Dana's private thought.")
    note = Note.objects.get()
    cem, _cem = verified("cem@example.org")
    assert cem.get(f"/en/notes/{note.pk}/").status_code == 404
    assert cem.post(f"/en/notes/{note.pk}/", {"text": "Cem was here."}).status_code == 404
    assert cem.post(f"/en/notes/{note.pk}/delete/").status_code == 404
    assert "Dana's private thought." not in cem.get("/en/notes/").content.decode()
    note.refresh_from_db()
    assert note.text == "Dana's private thought."


def test_a_note_never_shows_in_another_readers_view_of_the_warm_page(verified, article):
    dana, _dana = verified()
    cem, _cem = verified("cem@example.org")
    write_note(dana, article, "Only Dana may read this.")
    assert "Only Dana may read this." in dana.get(article.url).content.decode()  # kept as the professional shell
    cem.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        html = cem.get(article.url).content.decode()
    assert "Only Dana may read this." not in html
    assert 'id="your-notes"' in html  # Cem has his own (empty) box
    # Served from the shell, not rendered; Cem's facts say he has no notes on it, so no query
    # (delivery/tests/test_page_shell.py).
    assert not any("notes_note" in query["sql"] for query in queries)
    assert not any("articles_articlepage" in query["sql"] for query in queries)
    with CaptureQueriesContext(connection) as queries:
        html = dana.get(article.url).content.decode()
    assert "Only Dana may read this." in html
    assert sum("notes_note" in query["sql"] for query in queries) == 1  # Dana's notes on the article
    anonymous = Client().get(article.url).content.decode()
    assert "Only Dana may read this." not in anonymous and "your-notes" not in anonymous


@pytest.mark.parametrize("kind", ["anonymous", "proof_missing", "under_review", "rejected", "expired"])
def test_readers_who_are_not_verified_get_no_notes_only_the_gate(reader, kind, article):
    user = reader(kind)
    client = Client()
    if user:
        client.force_login(user)
    assert "your-notes" not in client.get(article.url).content.decode()
    response = client.get("/en/notes/")
    if user is None:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403 and "gate-message" in response.content.decode()
    assert write_note(client, article, "Let me in.").status_code in (302, 403)
    assert not Note.objects.exists()


def test_search_never_finds_a_note(verified, article):
    client, _user = verified()
    write_note(client, article, "quetzalcoatlus privatephrase")
    assert client.get("/api/v1/search?q=quetzalcoatlus&lang=en").json()["results"] == []
    page = client.get("/en/search/?q=quetzalcoatlus").content.decode()
    assert "privatephrase" not in page
    assert client.get("/api/v1/suggest?q=quetzalcoatlus&lang=en").status_code in (200, 400)
    assert "privatephrase" not in client.get("/api/v1/suggest?q=quetzalcoatlus&lang=en").content.decode()


def test_a_note_is_in_nobody_elses_api(verified, article):
    dana, _dana = verified()
    write_note(dana, article, "dana-only-words")
    cem, _cem = verified("cem@example.org")
    assert cem.get("/api/v1/me/notes").json() == {"count": 0, "results": []}
    assert "dana-only-words" not in cem.get(f"/api/v1/articles/{article.pk}?lang=en").content.decode()
    assert "dana-only-words" not in dana.get(f"/api/v1/articles/{article.pk}?lang=en").content.decode()


def change_section(page, kind, text):
    body = page.body.raw_data
    for block in body:
        if block["value"]["kind"] == kind:
            block["value"]["text"] = text
    page.body = body
    page.save_revision().publish()


@pytest.mark.parametrize(
    ("lang", "changed", "history"),
    [
        ("en", "The section changed after you wrote this.", "See what changed in the version history"),
        ("de", "Der Abschnitt wurde geändert, nachdem Sie diese Notiz geschrieben haben.", "Versionsgeschichte"),
    ],
)
def test_a_note_says_when_its_section_changed_after_it_was_written(verified, lang, changed, history):
    page = cno(lang)
    client, _user = verified()
    client.post(
        f"/{lang}/{'notizen/neu' if lang == 'de' else 'notes/new'}/",
        {"article": page.pk, "section": "definition", "text": "On the definition."},
    )
    client.post(
        f"/{lang}/{'notizen/neu' if lang == 'de' else 'notes/new'}/",
        {"article": page.pk, "section": "therapy", "text": "On therapy."},
    )
    assert changed not in client.get(page.url).content.decode()
    change_section(page, "definition", "<p>A new definition.</p>")
    html = client.get(page.url).content.decode()
    assert html.count(changed) == 1  # the definition's note, not the therapy's (notes/tests/test_notes_in_place.py)
    box = section_notes(html, "definition")
    assert box.index(changed) < box.index("On the definition.")
    link = re.search(r'<p class="note-changed">[^<]*<a href="([^"]+)">([^<]+)</a>', box)
    assert link.group(1) == history_url(page) and history in link.group(2)
    assert changed in client.get(f"/{lang}/{'notizen' if lang == 'de' else 'notes'}/").content.decode()
    note = Note.objects.get(section="definition")
    assert (
        client.post(
            f"/{lang}/{'notizen' if lang == 'de' else 'notes'}/{note.pk}/", {"text": "Read it again."}
        ).status_code
        == 302
    )
    assert changed not in client.get(page.url).content.decode()  # edited after reading the new text


def test_the_notes_page_lists_every_note_in_both_languages(verified):
    client, _user = verified()
    write_note(client, cno("en"), "An English note.")
    client.post("/de/notizen/neu/", {"article": cno("de").pk, "section": "therapy", "text": "Eine deutsche Notiz."})
    for url, heading in (("/en/notes/", "Your notes"), ("/de/notizen/", "Ihre Notizen")):
        html = client.get(url).content.decode()
        assert heading in html and "An English note." in html and "Eine deutsche Notiz." in html
        assert cno("en").title in html and cno("de").title in html


def test_the_german_article_page_speaks_german_in_the_notes_box(verified):
    client, _user = verified()
    html = notes_box(client.get(cno("de").url).content.decode())
    assert "Ihre Notizen" in html and "Notiz hinzufügen" in html and "Nur Sie sehen Ihre Notizen." in html


def test_notes_and_recently_read_are_in_the_data_export_and_go_with_the_account(verified, article):
    client, user = verified()
    write_note(client, article, "Exported thought.")
    client.get(article.url)
    data = json.loads(client.get("/en/accounts/professional/export/").content)
    assert [note["text"] for note in data["notes"]] == ["Exported thought."]
    assert data["notes"][0]["article"] == article.pk and data["notes"][0]["section"] == "definition"
    assert [entry["article"] for entry in data["recently_read"]["articles"]] == [article.pk]
    assert client.post("/en/accounts/professional/delete/", {"confirm": "on"}).status_code == 302
    assert not Note.objects.filter(user_id=user.pk).exists()
    assert not ReadingEntry.objects.filter(user_id=user.pk).exists()
