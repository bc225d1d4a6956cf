"""Every translated section says where its text comes from: the original's language, who translated it and
when, whether a physician checked it and who, and whether the original has changed since."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from articles.models import ArticlePage
from articles.sections import SectionState
from articles.tests.helpers import cno
from people.models import Person
from translation.models import TranslationJob
from translation.services import mark_reviewed, run_job
from translation.tests.test_workflow import english, german_article

pytestmark = pytest.mark.django_db


def notes(client, page):
    html = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    return [" ".join(note.get_text().split()) for note in html.select(".translation-note")], html


def person_for(user, name):
    return Person.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), user=user, disclosure_de="Keine", disclosure_en="None declared"
    )


def machine_translation(source, user):
    job = TranslationJob.objects.create(
        source_page=source, target_locale=Locale.objects.get(language_code="en"), engine="deepl", created_by=user
    )
    run_job(job)
    return english(source)


def test_the_demo_english_sections_say_who_translated_them_from_german_and_when(client):
    page = cno("en")
    texts, html = notes(client, page)
    assert len(texts) == len(page.body)
    assert set(texts) == {"Translated from German by Demo translator on 22 June 2026."}
    assert html.select_one(".translation-human a")["href"] == "/en/people/demo-translator/"


def test_the_german_originals_say_nothing_about_translation(client):
    texts, _html = notes(client, cno("de"))
    assert texts == []


def test_a_machine_section_keeps_the_label_of_the_old_site_and_names_the_editor_who_asked(
    deepl_server, client, django_user_model
):
    editor = django_user_model.objects.create_user("ed@example.org", "ed@example.org", "pw-long-1", is_staff=True)
    person_for(editor, "Erika Editor")
    target = machine_translation(german_article(), editor)
    texts, html = notes(client, target)
    assert len(texts) == 2
    for text in texts:
        assert text.startswith("This section has been translated automatically. ")
        assert "Machine translation – not yet checked by a physician." in text
        assert "Requested by Erika Editor on " in text
    assert len(html.select(".translation-machine")) == 2


def test_a_reader_who_asked_for_a_machine_translation_is_never_named(deepl_server, client, verified_user):
    target = machine_translation(german_article(), verified_user)
    texts, html = notes(client, target)
    assert all("Requested by a reader on " in text for text in texts)
    assert verified_user.first_name not in str(html) and verified_user.last_name not in str(html)


def test_a_checked_machine_section_names_its_reviewer_with_their_profile(deepl_server, client, verified_user):
    verified_user.user_permissions.add(Permission.objects.get(codename="review_machine_translation"))
    reviewer = type(verified_user).objects.get(pk=verified_user.pk)
    person = person_for(reviewer, "Rhea Reviewer")
    target = machine_translation(german_article(), None)
    mark_reviewed(target, target.body[0].id, reviewer)
    texts, html = notes(client, target)
    assert texts[0].startswith("This section has been translated automatically. Machine translation checked by Rhea")
    assert html.select_one(".translation-reviewed a")["href"] == person.get_absolute_url("en")
    assert "Translated on " in texts[1] and "not yet checked by a physician" in texts[1]  # nobody asked: a job


def test_a_section_an_editor_rewrote_names_them_and_says_when_its_original_changed(
    deepl_server, client, django_user_model
):
    editor = django_user_model.objects.create_user("ed@example.org", "ed@example.org", "pw-long-1", is_staff=True)
    person_for(editor, "Theo Translator")
    source = german_article()
    target = machine_translation(source, editor)
    body = target.body.raw_data
    body[0]["value"]["text"] = "<p>Rewritten by a person [1].</p>"
    target.body = body
    target.save_revision(user=editor).publish()
    texts, _html = notes(client, target)
    assert texts[0].startswith("Translated from German by Theo Translator on ")

    body = source.body.raw_data
    body[0]["value"]["text"] = "<p>Die Entzündung ist neu beschrieben [1].</p>"
    source.body = body
    source.save_revision().publish()
    texts, html = notes(client, ArticlePage.objects.get(pk=target.pk))
    assert texts[0].startswith("The original of this section has changed since it was translated")
    assert "Translated from German by Theo Translator on " in texts[0]
    assert "Read the current original (German)" in texts[0]


def test_original_sections_of_a_partly_translated_article_say_quietly_that_they_are_the_original(deepl_server, client):
    target = machine_translation(german_article(), None)
    body = target.body.raw_data
    body.append(
        {"type": "section", "value": {**body[0]["value"], "kind": "notes", "text": "<p>Written in English.</p>"}}
    )
    target.body = body
    target.save_revision().publish()
    texts, html = notes(client, ArticlePage.objects.get(pk=target.pk))
    assert texts[-1] == "Original (English)"
    assert html.select(".translation-original") and len(html.select(".translation-machine")) == 2


@pytest.mark.parametrize(
    "state, expected",
    [
        (
            SectionState("human", translator="Theo Translator", source_lang="en"),
            "Von Theo Translator am 22.06.2026 aus dem Original (Englisch) übersetzt.",
        ),
        (SectionState("machine", requester_kind="reader", source_lang="en"), "Dieser Abschnitt wurde automatisch"),
        (SectionState("machine", requester_kind="reader", source_lang="en"), "Von einer Leserin oder einem Leser"),
    ],
)
def test_the_notes_are_worded_in_german_on_a_german_page(state, expected):
    state.date = datetime(2026, 6, 22, 10, tzinfo=UTC)
    with translation.override("de"):
        html = render_to_string("translation/section_note.html", {"s": SimpleNamespace(translation=state)})
    assert expected in html
    assert "22.06.2026" in html
