"""sitemap.xml and robots.txt: the public pages in both languages, with their alternates, at the reader's host."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage

HOST = "reference.example.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml", HTTP_HOST=HOST)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return response, {
        url.find("s:loc", NS).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        for url in root.findall("s:url", NS)
    }


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[HOST])
def test_the_sitemap_lists_every_public_article_in_both_languages_with_its_alternates(client):
    _response, urls = sitemap(client)
    for article in ArticlePage.objects.live().public():
        assert f"http://{HOST}{article.url}" in urls, article.url
    assert urls[f"http://{HOST}/en/cno-syndrome/"] == {
        "de": f"http://{HOST}/de/cno-syndrom/",
        "en": f"http://{HOST}/en/cno-syndrome/",
        "x-default": f"http://{HOST}/de/cno-syndrom/",
    }
    assert urls[f"http://{HOST}/de/funktionen/"]["en"] == f"http://{HOST}/en/functions/"
    assert f"http://{HOST}/en/a-z/" in urls and f"http://{HOST}/de/icd10/" in urls
    assert f"http://{HOST}/de/fachgebiete/" in urls
    assert urls[f"http://{HOST}/en/specialties/rheumatology/"]["de"] == f"http://{HOST}/de/fachgebiete/rheumatologie/"


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[HOST])
def test_an_unpublished_or_restricted_article_leaves_the_sitemap_at_once(client):
    unpublished, restricted = ArticlePage.objects.live().filter(locale__language_code="en")[:2]
    unpublished_address = f"http://{HOST}{unpublished.url}"
    unpublished.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    response, urls = sitemap(client)
    assert unpublished_address not in urls
    assert f"http://{HOST}{restricted.url}" not in urls
    # Nothing keeps an older copy: nginx stores only answers the app marks public.
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=[HOST])
def test_robots_txt_points_to_the_sitemap_at_the_readers_host(client):
    response = client.get("/robots.txt", HTTP_HOST=HOST)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert re.search(rf"^Sitemap: http://{HOST}/sitemap.xml$", response.content.decode(), re.M)
    assert "Disallow: /\n" not in response.content.decode()
