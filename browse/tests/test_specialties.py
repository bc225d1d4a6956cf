"""Specialties as a reader uses them: the list with counts, a specialty's articles, its other language."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from articles.tests.helpers import cno
from browse import specialties as specialty_listing

pytestmark = pytest.mark.django_db


def rows(html):
    """(title, href) of each listed article, in order."""
    block = re.search(r'<ul class="article-rows">(.*?)</ul>', html, re.S)
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', block.group(1)) if block else []


def test_the_list_names_every_specialty_with_the_number_of_its_articles_in_the_readers_language(client):
    html = client.get("/en/specialties/").content.decode()
    assert '<a href="/en/specialties/rheumatology/">Rheumatology</a> <span class="count">2 articles</span>' in html
    assert '<a href="/en/specialties/dermatology/">Dermatology</a> <span class="count">2 articles</span>' in html
    german = client.get("/de/fachgebiete/").content.decode()
    assert '<a href="/de/fachgebiete/dermatologie/">Dermatologie</a> <span class="count">2 Artikel</span>' in german
    assert "<h1>Fachgebiete</h1>" in german


def test_a_specialty_lists_its_articles_by_title_with_codes_and_last_updated(client):
    html = client.get("/en/specialties/rheumatology/").content.decode()
    page = cno("en")
    assert "<h1>Rheumatology</h1>" in html
    assert [title for _, title in rows(html)] == ["CNO syndrome", "SAPHO syndrome"]
    assert (page.url, "CNO syndrome") in rows(html)
    assert '<span class="icd10">M86.9-</span>' in html
    updated = page.last_updated()
    assert f'<time datetime="{updated:%Y-%m-%d}">' in html
    # Titles are public; nothing of the article's text is on the page.
    assert page.synonym_list()[0] not in html.split('<ul class="article-rows">')[1]


def test_the_language_switch_leads_to_the_same_specialty_in_the_other_language(client):
    html = client.get("/en/specialties/dermatology/").content.decode()
    assert 'class="language-switch" href="/de/fachgebiete/dermatologie/" hreflang="de"' in html
    german = client.get("/de/fachgebiete/dermatologie/").content.decode()
    assert 'class="language-switch" href="/en/specialties/dermatology/" hreflang="en"' in german
    listing = client.get("/en/specialties/").content.decode()
    assert 'class="language-switch" href="/de/fachgebiete/"' in listing


def test_the_other_languages_address_leads_to_this_languages_address_and_an_unknown_one_is_not_found(client):
    response = client.get("/en/specialties/dermatologie/")
    assert response.status_code == 301 and response["Location"] == "/en/specialties/dermatology/"
    assert client.get("/en/specialties/no-such-specialty/").status_code == 404


def test_the_article_page_names_its_specialties_with_links_to_them(client):
    html = client.get(cno("en").url).content.decode()
    assert (
        '<span class="specialties">Specialties: <a href="/en/specialties/paediatrics/">Paediatrics</a>, '
        '<a href="/en/specialties/rheumatology/">Rheumatology</a></span>'
    ) in html


def test_every_page_leads_to_the_specialties(client):
    for url in ("/en/", "/en/a-z/", cno("en").url, "/en/search/?q=cno"):
        assert '<li><a href="/en/specialties/">Specialties</a></li>' in client.get(url).content.decode()
    assert '<li><a href="/de/fachgebiete/">Fachgebiete</a></li>' in client.get("/de/").content.decode()


def test_a_large_specialty_is_split_into_pages_that_link_to_each_other(client, monkeypatch):
    monkeypatch.setattr(specialty_listing, "ENTRIES_PER_PAGE", 1)  # two articles: two pages
    first = client.get("/en/specialties/rheumatology/").content.decode()
    second = client.get("/en/specialties/rheumatology/?page=2").content.decode()
    assert [title for _, title in rows(first)] == ["CNO syndrome"] and [t for _, t in rows(second)] == [
        "SAPHO syndrome"
    ]
    assert 'href="?page=2" rel="next"' in first and 'rel="prev"' not in first
    assert 'href="?page=1" rel="prev"' in second and 'rel="next"' not in second
    assert rows(client.get("/en/specialties/rheumatology/?page=x").content.decode()) == rows(first)
    beyond = client.get("/en/specialties/rheumatology/?page=99").content.decode()
    assert not rows(beyond) and "Back to the first page" in beyond


def test_an_article_behind_a_view_restriction_is_neither_listed_nor_counted_for_readers_outside_it():
    page = cno("en")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Closed group"))
    client = Client()
    html = client.get("/en/specialties/rheumatology/").content.decode()
    assert [title for _, title in rows(html)] == ["SAPHO syndrome"]
    listing = client.get("/en/specialties/").content.decode()
    assert '<a href="/en/specialties/rheumatology/">Rheumatology</a> <span class="count">1 article</span>' in listing
