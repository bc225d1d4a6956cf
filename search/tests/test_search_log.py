"""The search log counts searches, searches without a result and opened results per day and query, and nothing about the reader."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.tests.helpers import cno
from search import log
from search.models import SearchQueryDay

pytestmark = pytest.mark.django_db


def counts(query):
    row = SearchQueryDay.objects.get(day=timezone.localdate(), query=query)
    return row.searches, row.empty, row.clicks


def test_a_search_on_the_results_page_is_counted_under_its_normalised_text(client):
    client.get("/en/search/", {"q": "  CRMO "})
    client.get("/de/suche/", {"q": "crmo"})
    assert counts("crmo") == (2, 0, 0)


def test_a_search_that_finds_nothing_is_counted_as_empty(client):
    client.get("/en/search/", {"q": "zzyzx"})
    assert counts("zzyzx") == (1, 1, 0)


def test_a_search_through_the_api_is_counted_too(client):
    client.get("/api/v1/search", {"q": "CNO", "lang": "en"})
    client.get("/api/v1/search", {"q": "qqqxv", "lang": "en"})
    assert counts("cno") == (1, 0, 0) and counts("qqqxv") == (1, 1, 0)


def test_type_ahead_and_refused_queries_are_not_counted(client):
    client.get("/api/v1/suggest", {"q": "CN", "lang": "en"})
    client.get("/en/search/", {"q": "?!"})
    client.get("/en/search/", {"q": "x" * 300})
    assert not SearchQueryDay.objects.exists()


def test_the_log_keeps_no_trace_of_who_searched(client, verified_user):
    client.force_login(verified_user)
    client.get("/en/search/", {"q": "CRMO"}, REMOTE_ADDR="203.0.113.9")
    fields = {field.name for field in SearchQueryDay._meta.get_fields()}
    assert fields == {"id", "day", "query", "searches", "empty", "clicks"}
    row = SearchQueryDay.objects.values().get()
    assert verified_user.email not in str(row) and "203.0.113.9" not in str(row)


def test_each_result_links_through_a_counted_redirect_to_its_article(client):
    html = client.get("/en/search/", {"q": "CRMO"}).content.decode()
    page = cno("en")
    link = f"/en/search/go/?q=CRMO&amp;to={page.pk}"
    assert link in html
    response = client.get("/en/search/go/", {"q": "CRMO", "to": page.pk})
    assert response.status_code == 302 and response["Location"] == page.url
    assert "no-store" in response["Cache-Control"]
    assert counts("crmo") == (1, 0, 1)


@pytest.mark.parametrize(
    "to", ["https://evil.example/", "//evil.example/", "/en/", "999999", "", "-1"], ids=lambda v: v or "empty"
)
def test_the_result_redirect_leads_only_to_published_articles(client, to):
    response = client.get("/en/search/go/", {"q": "CRMO", "to": to})
    assert response.status_code == 404
    assert not SearchQueryDay.objects.exists()


def test_the_result_redirect_does_not_lead_to_an_article_the_reader_may_not_view(client):
    page = cno("en")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Nobody"))
    assert client.get("/en/search/go/", {"q": "CRMO", "to": page.pk}).status_code == 404


def test_counts_older_than_ninety_days_are_deleted_by_the_daily_command():
    today = timezone.localdate()
    SearchQueryDay.objects.create(day=today - timedelta(days=90), query="old", searches=1)
    SearchQueryDay.objects.create(day=today - timedelta(days=89), query="recent", searches=1)
    call_command("prune_search_log", verbosity=0)
    assert list(SearchQueryDay.objects.values_list("query", flat=True)) == ["recent"]


def test_the_first_search_of_a_day_deletes_expired_counts(client, monkeypatch):
    monkeypatch.setattr(log, "_pruned_on", None)
    SearchQueryDay.objects.create(day=timezone.localdate() - timedelta(days=120), query="old", searches=1)
    client.get("/en/search/", {"q": "CRMO"})
    assert list(SearchQueryDay.objects.values_list("query", flat=True)) == ["crmo"]


@pytest.fixture
def wsgi_application():
    """Django's WSGI handler, as a server calls it, keeping the test's database connection (as the test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_a_search_is_counted_only_once_its_answer_has_gone_to_the_reader(wsgi_application):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/en/search/",
        "QUERY_STRING": "q=CRMO",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
    }
    response = wsgi_application(environ, lambda status, headers: None)
    body = b"".join(response)
    assert b"CNO syndrome" in body
    assert not SearchQueryDay.objects.exists(), "the reader would wait for the write"
    response.close()  # a WSGI server calls this after sending the last byte
    assert counts("crmo") == (1, 0, 0)
