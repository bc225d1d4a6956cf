"""What search engines and link previews read in the head of every page: a description,
the page's one address, and its addresses in the other language, all absolute at the
host the reader asked for."""

import re

import pytest
from django.test import override_settings

PAGE_TYPES = [
    "/de/",
    "/en/",
    "/de/cno-syndrom/",
    "/en/cno-syndrome/",
    "/en/a-z/",
    "/de/icd10/",
    "/en/icd10/M86.9/",
    "/de/funktionen/",
    "/en/functions/kostik-nbo-score/",
    "/de/accounts/signup/",
    "/en/accounts/login/",
    "/en/people/demo-author/",
    "/de/suche/?q=osteomyelitis",
]
HOST = "reference.example.org"


def head(client, path):
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200, path
    return response.content.decode().split("</head>")[0]


def links(html, rel):
    return dict(re.findall(rf'<link rel="{rel}" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[HOST])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_type_has_a_description_and_absolute_addresses_at_the_readers_host(client, path):
    html = head(client, path)
    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert description and len(description.group(1)) > 10
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == f"http://{HOST}{path}"
    assert f'<meta property="og:url" content="{canonical}">' in html
    alternates = links(html, "alternate")
    language = path.split("/")[1]
    assert alternates[language] == canonical, "a self entry"
    assert set(alternates) == {"de", "en", "x-default"}
    assert alternates["x-default"] == alternates["de"]
    assert all(url.startswith(f"http://{HOST}/") for url in alternates.values())


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[HOST])
def test_an_articles_alternates_are_its_translations_under_their_own_slugs(client):
    alternates = links(head(client, "/de/cno-syndrom/"), "alternate")
    assert alternates == {
        "de": f"http://{HOST}/de/cno-syndrom/",
        "en": f"http://{HOST}/en/cno-syndrome/",
        "x-default": f"http://{HOST}/de/cno-syndrom/",
    }


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[HOST])
def test_where_to_go_after_logging_in_is_no_part_of_the_login_pages_address(client):
    html = head(client, "/en/accounts/login/?next=/en/cno-syndrome/")
    assert f'<link rel="canonical" href="http://{HOST}/en/accounts/login/">' in html


@pytest.mark.django_db
def test_a_host_the_site_does_not_serve_gets_no_page_to_carry_it(client):
    assert client.get("/en/", HTTP_HOST="evil.example.net").status_code == 400


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[HOST])
def test_the_search_page_stays_noindex(client):
    assert '<meta name="robots" content="noindex">' in head(client, "/en/search/?q=osteomyelitis")
