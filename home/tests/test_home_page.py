"""The home page is the way in: search first, then what changed lately, specialties, functions and ICD-10 chapters."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.tests.helpers import make_article
from functions import registry
from search import corpus
from search.by_code import articles_for

pytestmark = pytest.mark.django_db


def section(html, heading_id):
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def test_the_search_box_comes_before_everything_else_on_the_page(client):
    html = client.get("/en/").content.decode()
    main = html.split('<main id="main"', 1)[1]
    assert main.index('<form class="home-search"') < main.index('id="home-recent"')
    assert 'action="/en/search/"' in main.split('<form class="home-search"', 1)[1].split("</form>", 1)[0]


def test_recently_updated_lists_the_newest_articles_of_the_readers_language_with_their_dates(client):
    html = client.get("/en/").content.decode()
    recent = section(html, "home-recent")
    titles = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', recent)
    dates = re.findall(r'<time datetime="([\d-]+)">', recent)
    assert "CNO syndrome" in titles and "Chronisch nichtbakterielle Osteomyelitis" not in recent
    assert dates == sorted(dates, reverse=True) and len(dates) == len(titles)


def test_a_publish_shows_on_the_home_page_at_once(client):
    client.get("/en/")  # whatever may be kept of the page
    page = make_article("Freshly published article", n=1, lang="en")
    html = client.get("/en/").content.decode()
    recent = section(html, "home-recent")
    assert re.findall(r'<li><a href="[^"]+">([^<]+)</a>', recent)[0] == "Freshly published article"
    page.unpublish()
    assert "Freshly published article" not in client.get("/en/").content.decode()


def test_the_home_page_names_the_specialties_with_counts_the_functions_and_the_icd10_chapters(client):
    html = client.get("/en/").content.decode()
    assert '<a href="/en/specialties/rheumatology/">Rheumatology</a> <span class="count">2 articles</span>' in html
    functions = section(html, "home-functions")
    assert '<a href="/en/functions/">Clinical functions</a>' in functions
    assert f"{len(registry.all_functions())} scores, criteria sets and checklists" in functions
    assert 'href="/en/functions/kostik-nbo-score/"' in functions
    chapters = section(html, "home-icd10")
    assert '<a href="/en/icd10/">ICD-10 chapters</a>' in chapters
    assert chapters.count("<li>") == 22 and 'href="/en/icd10/XIII/"' in chapters


def test_each_chapter_count_is_the_number_of_articles_its_catalogue_page_lists(client):
    chapters = section(client.get("/en/").content.decode(), "home-icd10")
    counts = re.findall(r'href="/en/icd10/([IVX]+)/">.*?<span class="count">(\d+) articles?</span>', chapters, re.S)
    assert len(counts) == 22 and sum(int(count) for _, count in counts) >= 6
    for code, count in counts:
        assert len(articles_for(code, "en")) == int(count), code


def test_the_german_home_page_speaks_german(client):
    html = client.get("/de/").content.decode()
    assert '<h2 id="home-recent">Zuletzt aktualisiert</h2>' in html
    assert '<a href="/de/fachgebiete/">Fachgebiete</a>' in html
    assert "ICD-10-Kapitel" in html and "Alle Artikel von A bis Z" in html
    assert "Krankheiten des Muskel-Skelett-Systems und des Bindegewebes" in html
    assert "Diseases of the musculoskeletal system" not in html


def test_the_home_page_makes_the_same_few_queries_for_six_articles_and_for_three_hundred(client):
    client.get("/en/")
    with CaptureQueriesContext(connection) as small:
        assert client.get("/en/").status_code == 200
    corpus.generate(300)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/en/").status_code == 200
    assert len(large) == len(small) <= 18, [query["sql"][:120] for query in large]
