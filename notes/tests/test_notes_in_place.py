"""A reader's note on a section stands at that section, right under its heading, for its author alone; each section
offers a plain link to add a note to it; notes on the whole article stay in the box under the header. The shared
page costs no query for notes when the reader has none on the article, and one for all its sections when they do."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from access.policy import Tier
from articles import rendering
from articles.tests.helpers import cno
from core.fragments import placeholder
from notes.models import Note
from notes.tests.conftest import notes_box, section_notes, section_of, write_note
from versions.addresses import history_url

pytestmark = pytest.mark.django_db

SECTIONS = 11  # the CNO article's sections


def change_section(page, kind, text=None):
    """Publish ``page`` with section ``kind`` reading ``text``, or without that section when ``text`` is None."""
    body = [block for block in page.body.raw_data if text is not None or block["value"]["kind"] != kind]
    for block in body:
        if block["value"]["kind"] == kind:
            block["value"]["text"] = text
    page.body = body
    page.save_revision().publish()


def test_a_note_on_a_section_stands_under_that_sections_heading_for_its_author_on_the_warm_page(verified, article):
    dana, _dana = verified()
    write_note(dana, article, "NSAIDs first; MRI again after 3 months.", section="therapy")
    dana.get(article.url)  # shows the message "Your note has been saved."
    dana.get(article.url)  # kept as the professional shell
    html = dana.get(article.url).content.decode()
    therapy = section_of(html, "therapy")
    box = section_notes(html, "therapy")
    assert "NSAIDs first; MRI again after 3 months." in box and "Your note" in box and "Private" in box
    # Under the heading, before the section's own text.
    assert therapy.index("</h2>") < therapy.index(box) < therapy.index('<div class="section-text"')
    assert re.search(r'<h3 id="notes-therapy-heading">Your note ', box)
    assert "NSAIDs first" not in notes_box(html)  # not in the box under the header, which links to it
    assert '<a href="#therapy">Therapy</a>' in notes_box(html)
    assert all("NSAIDs first" not in section_notes(html, kind) for kind in ("definition", "diagnostics"))
    assert html.count("NSAIDs first") == 1 and "reader-part" not in html


def test_another_readers_view_of_the_same_warm_page_shows_no_note_and_asks_no_query_for_notes(verified, article):
    dana, _dana = verified()
    cem, _cem = verified("cem@example.org")
    write_note(dana, article, "Only Dana may read this.", section="therapy")
    assert "Only Dana may read this." in dana.get(article.url).content.decode()  # kept as the professional shell
    cem.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        html = cem.get(article.url).content.decode()
    assert "Only Dana may read this." not in html and "notes-therapy-heading" not in html
    assert html.count('class="section-note-add"') == SECTIONS  # his own way to add one, at every section
    assert not any("notes_note" in query["sql"] or "articles_articlepage" in query["sql"] for query in queries)
    assert len(queries) == 2, [query["sql"][:120] for query in queries]  # the session and the shell (test_page_shell)


def test_all_sections_of_an_article_with_notes_cost_one_query_together(verified, article):
    dana, _dana = verified()
    for kind in ("definition", "therapy", "imaging", ""):
        write_note(dana, article, f"On {kind or 'the article'}.", section=kind)
    dana.get(article.url)  # shows the messages "Your note has been saved."
    dana.get(article.url)  # kept as the professional shell
    with CaptureQueriesContext(connection) as queries:
        html = dana.get(article.url).content.decode()
    for kind in ("definition", "therapy", "imaging"):
        assert f"On {kind}." in section_notes(html, kind)
    assert "On the article." in notes_box(html)
    others = [query["sql"][:120] for query in queries if "medlex_cache" not in query["sql"]]
    assert len(others) == 1 and "notes_note" in others[0], others


def test_a_note_on_the_whole_article_stays_in_the_box_under_the_header(verified, article):
    client, _user = verified()
    write_note(client, article, "Read again before the ward round.", section="")
    html = client.get(article.url).content.decode()
    box = notes_box(html)
    assert "Read again before the ward round." in box
    assert html.count("Read again before the ward round.") == 1
    assert "Your notes on sections" not in box


@pytest.mark.parametrize(
    ("lang", "changed", "history"),
    [
        ("en", "The section changed after you wrote this.", "See what changed in the version history"),
        ("de", "Der Abschnitt wurde geändert, nachdem Sie diese Notiz geschrieben haben.", "Versionsgeschichte"),
    ],
)
def test_a_note_on_a_changed_section_says_so_at_that_section_with_a_link_to_the_version_history(
    verified, lang, changed, history
):
    page = cno(lang)
    client, _user = verified()
    new = f"/{lang}/{'notizen/neu' if lang == 'de' else 'notes/new'}/"
    client.post(new, {"article": page.pk, "section": "definition", "text": "On the definition."})
    client.post(new, {"article": page.pk, "section": "therapy", "text": "On therapy."})
    change_section(page, "definition", "<p>A new definition.</p>")
    client.get(page.url)  # shows the messages "Your note has been saved."
    client.get(page.url)  # kept as the professional shell
    with CaptureQueriesContext(connection) as queries:
        html = client.get(page.url).content.decode()
    definition = section_notes(html, "definition")
    assert definition.index(changed) < definition.index("On the definition.")
    link = re.search(r'<p class="note-changed">[^<]*<a href="([^"]+)">([^<]+)</a>', definition)
    assert link.group(1) == history_url(page) and history in link.group(2)
    assert changed not in section_notes(html, "therapy") and "On therapy." in section_notes(html, "therapy")
    assert html.count(changed) == 1
    # The reader's notes on the article, then (as a note's section changed) the article for its history.
    others = [query["sql"] for query in queries if "medlex_cache" not in query["sql"]]
    assert len(others) == 2 and "notes_note" in others[0] and "articles_articlepage" in others[1]


def test_a_note_on_a_section_the_article_no_longer_has_stands_in_the_box_under_the_header(verified, article):
    client, _user = verified()
    write_note(client, article, "On histology.", section="histology")
    change_section(article, "histology")
    html = client.get(article.url).content.decode()
    box = notes_box(html)
    assert "On histology." in box and "Histology" in box
    assert "The section changed after you wrote this." in box and history_url(article) in box


def test_each_section_offers_a_link_that_opens_the_form_with_that_section_chosen(verified, article):
    client, _user = verified()
    html = client.get(article.url).content.decode()
    link = re.search(r'<p class="section-note-add"><a href="([^"]+)">([^<]+)<', section_notes(html, "therapy"))
    assert link.group(2) == "Add a note to this section"
    url = link.group(1).replace("&amp;", "&")
    form = client.get(url).content.decode()
    assert re.search(r'<option value="therapy" selected>Therapy</option>', form)
    assert '<option value="" selected' not in form
    next_address = re.search(r'name="next" value="([^"]+)"', form).group(1)
    assert next_address == f"{article.url}#therapy"
    response = client.post(url, {"article": article.pk, "section": "therapy", "text": "Added.", "next": next_address})
    assert response.status_code == 302 and response["Location"] == f"{article.url}#therapy"
    assert Note.objects.get().section == "therapy"
    assert "Added." in section_notes(client.get(article.url).content.decode(), "therapy")


def test_the_german_section_speaks_german(verified):
    page = cno("de")
    client, _user = verified()
    client.post("/de/notizen/neu/", {"article": page.pk, "section": "therapy", "text": "Zuerst NSAR."})
    box = section_notes(client.get(page.url).content.decode(), "therapy")
    for words in ("Ihre Notiz", "Privat", "Bearbeiten", "Löschen", "Notiz zu diesem Abschnitt hinzufügen"):
        assert words in box
    assert 'lang="de"' in box


@pytest.mark.parametrize("kind", ["anonymous", "proof_missing", "under_review", "rejected", "expired"])
def test_readers_who_may_not_use_reader_tools_get_nothing_at_the_sections_and_the_gate_still_works(
    reader, kind, article
):
    user = reader(kind)
    client = Client()
    if user:
        client.force_login(user)
    for _ in range(2):  # rendered, then from the cache
        html = client.get(article.url).content.decode()
        assert "section-notes" not in html and "section-note-add" not in html and "reader-part" not in html
        assert 'class="gate-message' in section_of(html, "etiopathogenesis")


def test_only_the_professional_tiers_rendered_article_holds_a_place_for_notes_at_each_section(article):
    with_places = rendering.render_article(article, Tier.PROFESSIONAL)["body_html"]
    assert with_places.count(f"<!--reader-part:section-notes:{article.pk}:") == SECTIONS
    assert placeholder("section-notes", article.pk, "therapy") in with_places  # delivery fills it per reader
    assert "reader-part:section-notes" not in rendering.render_article(article, Tier.PUBLIC)["body_html"]
