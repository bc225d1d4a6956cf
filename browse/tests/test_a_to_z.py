"""The A–Z index as a reader uses it: letters, titles, synonyms pointing to their article, pages."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from articles.tests.helpers import cno
from browse import a_to_z
from search.models import SearchDocument, SearchTerm

pytestmark = pytest.mark.django_db


def entries(html):
    """(name, linked title, href) of each listed name, in order."""
    items = re.findall(r"<li>(.*?)</li>", re.search(r'<ul class="a-to-z">(.*?)</ul>', html, re.S).group(1), re.S)
    found = []
    for item in items:
        link = re.search(r'<a href="([^"]+)">([^<]+)</a>', item)
        name = re.sub(r"<[^>]+>", "", item.split("<a")[0]).replace("→", "").replace("see", "").replace("siehe", "")
        found.append((name.strip() or link.group(2), link.group(2), link.group(1)))
    return found


def test_a_letter_lists_titles_and_synonyms_that_point_to_their_article(client):
    page = cno("en")
    html = client.get("/en/a-z/?letter=C").content.decode()
    listed = entries(html)
    assert (page.title, page.title, page.url) in listed
    assert ("CRMO", page.title, page.url) in listed  # "CRMO → CNO syndrome"
    assert [name.casefold() for name, _, _ in listed] == sorted(name.casefold() for name, _, _ in listed)
    assert 'aria-current="page">C<' in html


def test_the_german_index_files_names_under_the_letter_a_reader_looks_for(client):
    page = cno("de")
    page.synonyms += "\nÜberbein-Beispiel"
    page.save_revision().publish()
    html = client.get("/de/a-z/?letter=u").content.decode()
    assert ("Überbein-Beispiel", page.title, page.url) in entries(html)  # Ü under U, where a reader looks
    assert "Artikel A–Z" in html and "siehe" in html


def test_without_a_letter_the_index_opens_at_the_first_letter_with_articles(client):
    html = client.get("/en/a-z/").content.decode()
    first = a_to_z.letters_with_entries("en", frozenset())[0]
    assert f'aria-current="page">{first}<' in html


def test_letters_without_articles_are_shown_but_not_links(client):
    html = client.get("/en/a-z/?letter=C").content.decode()
    empty = set(a_to_z.LETTERS) - set(a_to_z.letters_with_entries("en", frozenset()))
    assert empty, "the demo content does not fill every letter"
    for letter in empty:
        assert f'<span class="empty" title="No articles under this letter">{letter}</span>' in html


def test_an_unknown_letter_is_refused_with_a_message(client):
    response = client.get("/en/a-z/?letter=%3Cscript%3E")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is no letter" in html and "<script>" not in html


def test_long_letters_are_split_into_pages_of_a_hundred(client):
    document = SearchDocument.objects.filter(lang="en").first()
    SearchTerm.objects.bulk_create(
        SearchTerm(document=document, kind=SearchTerm.SYNONYM, text=f"Zeta {n:03}", folded=f"zeta {n:03}", whole=True)
        for n in range(150)
    )
    first = client.get("/en/a-z/?letter=Z").content.decode()
    second = client.get("/en/a-z/?letter=Z&page=2").content.decode()
    assert len(entries(first)) == 100 and len(entries(second)) == 50
    assert "Page 1" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert "Page 2" in second and 'rel="prev"' in second and 'rel="next"' not in second
    assert entries(first)[0][0] == "Zeta 000" and entries(second)[-1][0] == "Zeta 149"
    assert entries(client.get("/en/a-z/?letter=Z&page=x").content.decode()) == entries(first)
    beyond = client.get("/en/a-z/?letter=Z&page=99").content.decode()
    assert '<ul class="a-to-z">' not in beyond and "Back to the first page" in beyond


def test_the_next_and_previous_links_lead_to_the_next_and_previous_page(client):
    document = SearchDocument.objects.filter(lang="en").first()
    SearchTerm.objects.bulk_create(
        SearchTerm(document=document, kind=SearchTerm.SYNONYM, text=f"Zeta {n:03}", folded=f"zeta {n:03}", whole=True)
        for n in range(250)
    )
    second = client.get("/en/a-z/?letter=Z&page=2").content.decode()
    assert 'href="?letter=Z&amp;page=1" rel="prev"' in second
    assert 'href="?letter=Z&amp;page=3" rel="next"' in second


def test_names_starting_with_a_digit_are_filed_together(client):
    document = SearchDocument.objects.filter(lang="en").first()
    SearchTerm.objects.create(
        document=document, kind=SearchTerm.SYNONYM, text="22q11 deletion", folded="22q11 deletion", whole=True
    )
    html = client.get("/en/a-z/?letter=0-9").content.decode()
    assert [name for name, _, _ in entries(html)] == ["22q11 deletion"]


def test_an_article_behind_a_view_restriction_is_not_listed_to_readers_outside_it():
    page = cno("en")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Nobody"))
    html = Client().get("/en/a-z/?letter=C").content.decode()
    assert page.url not in html
