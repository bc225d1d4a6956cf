"""Readers always know who translated what; German-only articles still reach English readers."""

import pytest

from articles.models import ArticlePage
from articles.tests.helpers import make_article
from translation.models import SectionTranslation
from translation.services import section_states

pytestmark = pytest.mark.django_db


def test_an_article_only_in_german_is_listed_in_the_english_site_with_a_note(client):
    german_only = make_article("Nur auf Deutsch", n=1, lang="de", with_figures=False)
    html = client.get("/en/").content.decode()
    # opened under the English prefix (see test_untranslated.py), its text marked as German
    assert 'href="/en/nur-auf-deutsch/" lang="de" hreflang="de">Nur auf Deutsch</a>' in html
    assert german_only.url == "/de/nur-auf-deutsch/"
    assert "Not translated yet – this article is available in German only." in html


def test_the_german_site_does_not_list_translated_articles_twice(client):
    html = client.get("/de/").content.decode()
    assert 'class="untranslated"' not in html


def test_demo_content_says_truthfully_how_each_section_was_translated():
    for page in ArticlePage.objects.filter(locale__language_code="de"):
        assert section_states(page) == {}  # German sections are the originals
    for page in ArticlePage.objects.filter(locale__language_code="en"):
        states = section_states(page)
        assert len(states) == len(page.body)
        assert {s.state for s in states.values()} == {"human"}
    assert not SectionTranslation.objects.filter(method="machine").exists()


def test_human_translations_carry_no_machine_label_but_say_who_translated_and_report_their_state_in_the_api(
    client,
):
    page = ArticlePage.objects.get(locale__language_code="en", icd10_codes__code="M86.9-")
    html = client.get(page.url).content.decode()
    assert "translation-machine" not in html and "translated automatically" not in html
    assert html.count("Translated from German by") == len(page.body)
    section = client.get(f"/api/v1/articles/{page.pk}").json()["sections"][0]
    assert section["translation"]["state"] == "human"
    assert section["translation"]["translator"] == "Demo translator"
    assert section["translation"]["source_url"].endswith("#definition")


def test_the_label_is_worded_in_the_readers_language():
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import translation

    from articles.sections import SectionState

    section = SimpleNamespace(
        translation=SectionState("machine", engine="deepl", source_url="/en/cno/#definition", source_lang="en")
    )
    with translation.override("de"):
        html = render_to_string("translation/section_note.html", {"s": section})
    assert "Maschinell übersetzt – noch nicht ärztlich geprüft." in html
    assert "Originalabschnitt lesen (Englisch)" in html
