"""Every page leads to the indexes, and its language switch leads to the same page in the other language."""

import re

import pytest

from accounts.tests.conftest import make_reader
from articles.tests.helpers import cno

pytestmark = pytest.mark.django_db


def switch(html):
    """(href, hreflang, text) of the header's language switch."""
    return re.findall(r'<a class="language-switch" href="([^"]+)" hreflang="(\w+)" lang="\w+">([^<]+)</a>', html)


def main_navigation(html):
    nav = re.search(r'<nav class="site-nav" aria-label="[^"]+">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)


@pytest.mark.parametrize(
    "german, english",
    [
        ("/de/", "/en/"),
        ("/de/icd10/", "/en/icd10/"),
        ("/de/icd10/M86.9/", "/en/icd10/M86.9/"),
        ("/de/funktionen/", "/en/functions/"),
        ("/de/a-z/?letter=C", "/en/a-z/?letter=C"),
        ("/de/suche/?q=CRMO", "/en/search/?q=CRMO"),
        ("/de/accounts/login/", "/en/accounts/login/"),
    ],
)
def test_the_language_switch_leads_to_the_same_page_in_the_other_language(client, german, english):
    assert switch(client.get(german).content.decode()) == [(english, "en", "English")]
    assert switch(client.get(english).content.decode()) == [(german, "de", "Deutsch")]


def test_an_article_switches_to_its_translation_under_its_own_address(client):
    german, english = cno("de"), cno("en")
    assert switch(client.get(german.url).content.decode()) == [(english.url, "en", "English")]
    assert switch(client.get(english.url).content.decode()) == [(german.url, "de", "Deutsch")]


@pytest.mark.parametrize("kind", ["anonymous", "verified"])
def test_every_page_leads_to_the_a_to_z_index_the_specialties_the_icd10_catalogue_and_the_functions(
    client, django_user_model, kind
):
    user = make_reader(django_user_model, kind)
    if user:
        client.force_login(user)
    for path in ["/de/", cno("de").url, "/de/icd10/", "/de/suche/?q=CNO", "/de/accounts/login/"]:
        links = main_navigation(client.get(path, follow=True).content.decode())
        assert links == [
            ("/de/a-z/", "Artikel A–Z"),
            ("/de/fachgebiete/", "Fachgebiete"),
            ("/de/icd10/", "ICD-10"),
            ("/de/funktionen/", "Klinische Funktionen"),
        ]
    english = main_navigation(client.get("/en/").content.decode())
    assert english == [
        ("/en/a-z/", "Articles A–Z"),
        ("/en/specialties/", "Specialties"),
        ("/en/icd10/", "ICD-10"),
        ("/en/functions/", "Clinical functions"),
    ]
