"""Recently read: the last 20 articles a verified reader opened, recorded from warm pages too, cheaply; the reader
can switch it off (nothing is recorded then) and clear it, on the account page and through the API."""

from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage
from articles.tests.helpers import cno, make_article
from delivery.shells import recent_reads
from notes import reading
from notes.models import ReadingEntry

pytestmark = pytest.mark.django_db


def recorded(user):
    return list(ReadingEntry.objects.filter(user=user).order_by("-read_at").values_list("page_id", flat=True))


def test_an_article_opened_from_a_warm_page_is_recorded_once_per_few_minutes(verified, article):
    dana, _dana = verified()
    cem, cem_user = verified("cem@example.org")
    dana.get(article.url)  # rendered and kept as the professional shell
    with CaptureQueriesContext(connection) as first:
        cem.get(article.url)  # from the shell
    assert recorded(cem_user) == [article.pk]
    assert not any("articles_articlepage" in query["sql"] and "body" in query["sql"] for query in first)
    ReadingEntry.objects.all().update(read_at="2026-01-01T00:00:00Z")
    with CaptureQueriesContext(connection) as again:
        cem.get(article.url)
    assert not any("notes_readingentry" in query["sql"] or "notes_readingsettings" in query["sql"] for query in again)
    assert ReadingEntry.objects.get(user=cem_user).read_at == datetime(2026, 1, 1, tzinfo=UTC)  # not written again
    # The minutes have passed: for the app's own bound, and for the worker's (delivery.shells).
    cache.delete(reading.repeat_key(cem_user.pk, article.pk))
    recent_reads.clear()
    cem.get(article.url)
    assert ReadingEntry.objects.get(user=cem_user).read_at > datetime(2026, 1, 2, tzinfo=UTC)


def test_the_account_page_lists_the_articles_newest_first(verified):
    client, user = verified()
    client.get(cno("en").url)
    client.get(cno("de").url)
    html = client.get("/en/accounts/professional/").content.decode()
    section = html[html.index('id="recently-read"') :]
    assert section.index(cno("de").title) < section.index(cno("en").title)
    german = client.get("/de/accounts/professional/").content.decode()
    assert "Zuletzt gelesen" in german and "Liste leeren" in german


def test_only_the_last_twenty_articles_are_kept(verified):
    client, user = verified()
    pages = list(ArticlePage.objects.live())
    pages += [make_article(f"Reading {k}", n=1, with_figures=False) for k in range(reading.KEEP + 1 - len(pages))]
    for page in pages:
        client.get(page.url)
    assert len(pages) == reading.KEEP + 1 == 21
    assert len(recorded(user)) == 20 and pages[0].pk not in recorded(user)
    assert recorded(user)[0] == pages[-1].pk


def test_a_reader_who_switches_recording_off_is_not_recorded_until_they_switch_it_on(verified, article):
    client, user = verified()
    client.get(cno("de").url)
    assert client.post("/en/recently-read/recording/", {"recording": "off"}).status_code == 302
    client.get(article.url)
    client.get(article.url)
    assert recorded(user) == [cno("de").pk]  # the list is kept, nothing added
    assert "Recording is switched off" in client.get("/en/accounts/professional/").content.decode()
    client.post("/en/recently-read/recording/", {"recording": "on"})
    client.get(article.url)
    assert recorded(user) == [article.pk, cno("de").pk]


def test_the_reader_clears_the_list(verified, article):
    client, user = verified()
    client.get(article.url)
    assert client.post("/en/recently-read/clear/").status_code == 302
    assert recorded(user) == []
    assert "No articles yet." in client.get("/en/accounts/professional/").content.decode()


def test_readers_who_are_not_verified_are_not_recorded(reader, article):
    for kind in ("proof_missing", "under_review", "expired"):
        user = reader(kind)
        client = Client()
        client.force_login(user)
        client.get(article.url)
        client.get(article.url)
        assert recorded(user) == []
        assert "recently-read" not in client.get("/en/accounts/professional/").content.decode()
        assert client.post("/en/recently-read/clear/").status_code == 403


def test_one_readers_list_is_not_anothers(verified, article):
    dana, dana_user = verified()
    cem, _cem = verified("cem@example.org")
    dana.get(article.url)
    assert cem.get("/api/v1/me/recent").json()["results"] == []
    assert article.title not in cem.get("/en/accounts/professional/").content.decode().split('id="recently-read"')[1]
    cem.post("/en/recently-read/clear/")
    assert recorded(dana_user) == [article.pk]


def test_the_api_lists_clears_and_switches_recording(verified, article):
    client, user = verified()
    client.get(article.url)
    listed = client.get("/api/v1/me/recent").json()
    assert listed["recording"] is True
    assert [(e["article"], e["url"], e["lang"]) for e in listed["results"]] == [(article.pk, article.url, "en")]
    off = client.put("/api/v1/me/recent/settings", {"recording": False}, content_type="application/json")
    assert off.status_code == 200 and off.json() == {"recording": False}
    assert client.get("/api/v1/me/recent/settings").json() == {"recording": False}
    assert client.delete("/api/v1/me/recent").status_code == 204
    client.get(cno("de").url)
    assert client.get("/api/v1/me/recent").json() == {"recording": False, "results": []}
    bad = client.put("/api/v1/me/recent/settings", {"recording": "perhaps"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["details"][0]["field"] == "recording"
    assert reading.is_recording(user) is False
