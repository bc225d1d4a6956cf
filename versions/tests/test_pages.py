"""Readers see each article's version history; verified professionals also see what changed in the text."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from articles.models import ChangeKind
from articles.tests.helpers import cno, make_article
from versions.tests.helpers import publish_change, replace_in_section

pytestmark = pytest.mark.django_db

GATED_WORDS = "GATEDWORDSd41c"
PUBLIC_WORDS = "PUBLICWORDS77ab"


@pytest.fixture
def changed_article():
    """An English article published twice: version 2 changes its public first section and a gated one."""
    page = make_article("History article", lang="en", slug="history-article")

    def edit(body):
        replace_in_section(0, "Text 0", f"Text 0 {PUBLIC_WORDS}")(body)
        replace_in_section(1, "Text 1", f"Text 1 {GATED_WORDS}")(body)

    return publish_change(page, ChangeKind.NEW_EVIDENCE, "Epidemiology: new figures.", edit)


def test_anyone_sees_date_kind_and_summary_of_every_version(client, changed_article):
    response = client.get(f"{changed_article.url}versions/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Version 2" in html and "Version 1" in html
    assert "New evidence" in html and "Epidemiology: new figures." in html and "First publication" in html
    assert f'href="{changed_article.url}versions/1/"' in html


def test_anonymous_readers_see_no_text_of_the_changes(client, changed_article):
    html = client.get(f"{changed_article.url}versions/").content.decode()
    assert GATED_WORDS not in html and PUBLIC_WORDS not in html
    assert "<ins>" not in html and "<del>" not in html
    assert "shown to verified professionals" in html and "register for free" in html


def test_verified_readers_see_the_changes_marked_with_words_not_colour_alone(verified_client, changed_article):
    html = verified_client.get(f"{changed_article.url}versions/").content.decode()
    assert re.search(rf'<ins><span class="visually-hidden">\[added: </span>\s*{GATED_WORDS}', html)
    assert re.search(rf'<ins><span class="visually-hidden">\[added: </span>\s*{PUBLIC_WORDS}', html)
    assert 'href="/static/versions/versions.css"' in html  # strikes through, underlines, hides the labels visually


def test_a_removed_word_is_shown_struck_out_with_its_label(verified_client):
    page = make_article("Shrinking article", lang="en", slug="shrinking-article")
    page = publish_change(page, ChangeKind.CORRECTION, "A word removed.", replace_in_section(1, "Text 1", "1"))
    html = verified_client.get(f"{page.url}versions/").content.decode()
    assert '<del><span class="visually-hidden">[removed: </span>Text' in html


def test_a_permalink_shows_the_text_as_it_was_and_says_it_is_older(verified_client, changed_article):
    response = verified_client.get(f"{changed_article.url}versions/1/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "You are reading version 1, an older version of this article" in html
    assert f'<a href="{changed_article.url}">Read the current version</a>' in html
    assert "<p>Text 1 " in html and GATED_WORDS not in html and PUBLIC_WORDS not in html
    current = verified_client.get(f"{changed_article.url}versions/2/").content.decode()
    assert GATED_WORDS in current and "Version 2, the current version" in current


def test_a_permalink_withholds_gated_sections_as_the_article_does(client, changed_article):
    html = client.get(f"{changed_article.url}versions/2/").content.decode()
    assert PUBLIC_WORDS in html and GATED_WORDS not in html
    assert "gate-message" in html


def test_version_pages_are_not_indexed_and_never_cached(client, changed_article):
    permalink = client.get(f"{changed_article.url}versions/1/")
    assert (
        permalink["X-Robots-Tag"] == "noindex"
        and '<meta name="robots" content="noindex">' in permalink.content.decode()
    )
    for response in (permalink, client.get(f"{changed_article.url}versions/")):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("tail", ["versions/3/", "versions/0/", "versions/999999999/"])
def test_an_unknown_version_is_the_not_found_page(client, changed_article, tail):
    response = client.get(f"{changed_article.url}{tail}")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_no_history_for_an_address_that_is_no_article(client):
    assert client.get("/en/no-such-article/versions/").status_code == 404
    assert client.get("/en/no-such-article/versions/1/").status_code == 404


def test_an_article_behind_a_view_restriction_has_no_public_history(client, changed_article):
    restriction = PageViewRestriction.objects.create(page=changed_article, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Nobody's group"))
    for tail in ("versions/", "versions/1/"):
        assert client.get(f"{changed_article.url}{tail}").status_code == 404


def test_an_unpublished_article_has_no_public_history(client, changed_article):
    url = changed_article.url
    changed_article.unpublish()
    assert client.get(f"{url}versions/").status_code == 404


def test_the_article_links_its_version_history_in_its_own_language(client):
    for lang, label, word in (("en", "Version history", "versions"), ("de", "Versionsgeschichte", "versionen")):
        page = cno(lang)
        html = client.get(page.url).content.decode()
        assert f'<a href="{page.url}{word}/">{label}</a>' in html


def test_the_german_history_is_in_german_with_german_dates_and_german_addresses(client):
    page = cno("de")
    html = client.get(f"{page.url}versionen/").content.decode()
    assert f'href="{page.url}versionen/1/"' in html and f"{page.url}versions/" not in html
    assert "Versionsgeschichte" in html and "Neue Evidenz" in html and "Redaktionell (Formulierung)" in html
    assert "Erstveröffentlichung" in html and "22.06.2026" in html


def test_the_article_shows_its_review_dates_in_the_readers_language(client):
    english = client.get(cno("en").url).content.decode()
    assert "Medically reviewed on" in english and "Literature reviewed through" in english and "May 2026" in english
    assert "Next review due" in english
    german = client.get(cno("de").url).content.decode()
    assert "Medizinisch geprüft am" in german and "15.06.2026" in german
    assert "Literatur gesichtet bis" in german and "Mai 2026" in german and "Nächste Prüfung fällig am" in german


@pytest.mark.parametrize(
    ("lang", "other_word", "own_word"), [("de", "versions", "versionen"), ("en", "versionen", "versions")]
)
def test_the_other_languages_word_for_the_history_redirects_to_the_articles_own(client, lang, other_word, own_word):
    page = cno(lang)
    for tail in ("", "1/"):
        response = client.get(f"{page.url}{other_word}/{tail}")
        assert response.status_code == 301
        assert response["Location"] == f"{page.url}{own_word}/{tail}"


def test_a_german_version_links_back_to_the_german_history(client):
    page = cno("de")
    html = client.get(f"{page.url}versionen/1/").content.decode()
    assert f'href="{page.url}versionen/">Alle Versionen</a>' in html
