"""The article page as a clinician sees it: the CNO article of the demo content."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage
from articles.tests.helpers import make_article

pytestmark = pytest.mark.django_db


def cno(lang):
    return ArticlePage.objects.get(locale__language_code=lang, icd10_codes__code="M86.9-")


def gated_snippet(page):
    """A sentence from the first professionals-only section, to look for in responses."""
    for block in page.body:
        if block.value["access"] == "professional":
            text = re.sub(r"<[^>]+>", "", block.value["text"].source)
            return text.strip()[:60]
    raise AssertionError("demo article has no gated section")


def test_title_is_followed_by_the_icd10_code(client):
    response = client.get(cno("en").url)
    assert response.status_code == 200
    assert re.search(r"<h1>CNO[^<]*<span class=\"icd10\"[^>]*>M86\.9-</span></h1>", response.content.decode())


def test_english_article_links_to_german_in_german_words_and_back(client):
    english = client.get(cno("en").url).content.decode()
    assert "Dieser Artikel auf Deutsch" in english
    assert f'href="{cno("de").url}"' in english
    german = client.get(cno("de").url).content.decode()
    assert "This article in English" in german


def test_language_link_hidden_while_translation_unpublished(client):
    english = cno("en")
    english.unpublish()
    german = client.get(cno("de").url).content.decode()
    assert "This article in English" not in german


def test_page_shows_last_updated_synonyms_authors_and_toc(client):
    html = client.get(cno("en").url).content.decode()
    assert "Last updated on" in html
    assert "CRMO" in html
    assert "Authors" in html
    assert 'href="#definition"' in html and 'href="#therapy"' in html and 'href="#literature"' in html


def test_anonymous_reader_sees_public_sections_and_a_prompt_in_place_of_gated_ones(client):
    page = cno("en")
    html = client.get(page.url).content.decode()
    assert 'id="definition-heading"' in html
    assert 'id="therapy-heading"' in html  # the heading stays
    assert gated_snippet(page) not in html
    assert "Registration is free" in html
    assert "<img" not in html


def test_german_prompt_is_in_german(client):
    html = client.get(cno("de").url).content.decode()
    assert "Die Registrierung ist kostenlos" in html


def test_logged_in_but_unverified_reader_is_told_what_is_missing(client, plain_user):
    client.force_login(plain_user)  # registered, e-mail address not yet confirmed
    page = cno("en")
    html = client.get(page.url).content.decode()
    assert gated_snippet(page) not in html
    assert "Please confirm your e-mail address" in html


def test_verified_professional_sees_gated_text_and_figures(verified_client):
    page = cno("en")
    html = verified_client.get(page.url).content.decode()
    assert gated_snippet(page) in html
    assert "Registration is free" not in html
    images = re.findall(r'<img src="([^"]+)"[^>]*alt="([^"]+)"', html)
    assert images, "the demo CNO article has a figure"
    assert verified_client.get(images[0][0]).status_code == 200


def test_figure_files_are_not_served_to_anonymous_or_unverified_readers(verified_client, plain_user):
    html = verified_client.get(cno("en").url).content.decode()
    url = re.search(r'<img src="([^"]+)"', html).group(1)
    assert Client().get(url).status_code == 404
    unverified = Client()
    unverified.force_login(plain_user)
    assert unverified.get(url).status_code == 404


def test_citations_link_to_the_numbered_literature_list(client):
    html = client.get(cno("en").url).content.decode()
    assert 'href="#ref-1"' in html
    entries = re.findall(r'<li id="ref-(\d+)">', html)
    assert entries == ["1", "2", "3", "4", "5", "6"]
    assert "https://doi.org/10.1542/peds.2011-3788" in html
    assert "https://pubmed.ncbi.nlm.nih.gov/23071213/" in html


def test_related_articles_are_listed_in_the_same_language(client):
    html = client.get(cno("en").url).content.decode()
    related = re.search(r'<section class="related".*?</section>', html, re.S).group(0)
    assert "/en/" in related and "/de/" not in related
    assert related.count("<li>") >= 5


def test_republishing_unchanged_content_keeps_the_last_updated_date():
    page = cno("de")
    before = page.last_updated()
    page.save_revision().publish()
    assert ArticlePage.objects.get(pk=page.pk).last_updated() == before


def test_changing_content_moves_the_last_updated_date():
    page = cno("de")
    before = page.last_updated()
    page.synonyms += "\nNeues Synonym"
    page.save_revision().publish()
    assert ArticlePage.objects.get(pk=page.pk).last_updated() > before


def _queries_for(client, page):
    client.get(page.url)  # warm-up: renditions are created on first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


def test_article_view_runs_a_constant_number_of_queries(verified_client):
    small = make_article("Small article", n=3)
    large = make_article("Large article", n=30)
    assert _queries_for(verified_client, small) == _queries_for(verified_client, large)


def test_root_redirects_by_accept_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").headers["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").headers["Location"] == "/de/"


def test_home_page_lists_articles_with_codes(client):
    html = client.get("/en/").content.decode()
    assert "M86.9-" in html
    assert "/en/" in html


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
