"""Offline reading on a phone: the manifest, the service worker, the list of what it keeps, and the clearing at logout."""

import json

import pytest
from django.test import Client

from articles.tests.helpers import cno, make_article
from bookmarks.models import Bookmark
from bookmarks.tests.helpers import colleague

pytestmark = pytest.mark.django_db


def test_the_manifest_starts_in_its_language_and_names_icons_that_exist(client):
    for language, start in (("de", "/de/"), ("en", "/en/")):
        prefix = "/de/merkliste/" if language == "de" else "/en/bookmarks/"
        response = client.get(prefix + "manifest.webmanifest")
        assert response["Content-Type"] == "application/manifest+json"
        manifest = json.loads(response.content)
        assert manifest["start_url"] == start and manifest["lang"] == language
        for icon in manifest["icons"]:
            assert client.get(icon["src"]).status_code == 200
    assert json.loads(client.get("/de/merkliste/manifest.webmanifest").content)["name"].endswith("Nachschlagewerk")
    assert '<link rel="manifest" href="/de/merkliste/manifest.webmanifest">' in client.get("/de/").content.decode()


def test_the_service_worker_is_served_from_the_root_so_its_scope_covers_both_languages(client):
    response = client.get("/sw.js")
    script = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "/api/v1/me/offline" in script and '"de": "/de/merkliste/offline/"' in script
    policy = response["Content-Security-Policy"]
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy


def test_the_offline_page_speaks_the_reader_s_language(client):
    assert "Sie sind offline" in client.get("/de/merkliste/offline/").content.decode()
    assert "You are offline" in client.get("/en/bookmarks/offline/").content.decode()


def test_the_offline_list_names_both_editions_their_figures_and_nothing_else(verified_client, verified_user):
    other = make_article("Not bookmarked", lang="en")
    verified_client.post("/en/bookmarks/article/", {"article": cno().pk, "action": "add"})
    listed = verified_client.get("/api/v1/me/offline").json()
    assert listed["articles"] == sorted([cno("de").url, cno("en").url])
    assert listed["figures"] and all(url.startswith("/media/images/") for url in listed["figures"])
    html = verified_client.get(cno().url).content.decode()
    assert any(url in html for url in listed["figures"])
    assert other.url not in listed["articles"]
    for url in listed["figures"] + listed["articles"] + listed["pages"]:
        assert verified_client.get(url).status_code == 200, url


def test_the_offline_list_leaves_out_unpublished_articles(verified_client, verified_user):
    page = make_article("Withdrawn", lang="en")
    verified_client.post("/en/bookmarks/article/", {"article": page.pk, "action": "add"})
    page.unpublish()
    assert verified_client.get("/api/v1/me/offline").json()["articles"] == []
    assert Bookmark.objects.count() == 1


def test_the_offline_list_names_each_reader_differently(verified_client, django_user_model):
    client = Client()
    client.force_login(colleague(django_user_model))
    assert (
        verified_client.get("/api/v1/me/offline").json()["reader"] != client.get("/api/v1/me/offline").json()["reader"]
    )


def test_logging_out_tells_the_browser_to_clear_what_it_kept(verified_client):
    response = verified_client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "Clear-Site-Data" not in verified_client.get("/en/").headers
