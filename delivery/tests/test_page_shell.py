"""Warm article views come from a cached page shell, personalised per reader.

The shell must be invisible to readers: everyone sees their own name, their own
gate message and their own messages, a revoked reader loses access on the next
request, and a page that gains a view restriction is never served from a shell.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from accounts.states import VERIFIED_PROFESSIONALS_GROUP
from articles.models import ArticlePage
from articles.tests.helpers import cno, logged_in, therapy_is_open
from delivery import generations

pytestmark = pytest.mark.django_db


def test_a_warm_anonymous_view_is_one_cache_read(client):
    url = cno().url
    first = client.get(url).content
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url).content
    assert second == first
    assert len(queries) == 1, [q["sql"][:120] for q in queries]


def test_a_warm_view_for_a_verified_reader_is_two_cache_reads_and_no_query_for_its_own_parts(verified_client):
    """The session, then user row, tier, the reader's facts and shell together from the cache; the user table is not read.

    The reader's own parts (their notes on the article, whether they follow it, whether
    they bookmarked it) are answered from the facts read with the shell
    (delivery.reader_facts). That they opened the article again is not news within the
    minute (delivery.shells.tell_served), so nothing is written or asked about it.
    """
    url = cno().url
    verified_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        html = verified_client.get(url).content.decode()
    assert therapy_is_open(html) and "Dana Doc" in html
    assert 'id="your-notes"' in html and "bookmark-form" in html and "follow-article" in html
    assert sum("medlex_cache" in q["sql"] for q in queries) == 2, [q["sql"][:120] for q in queries]
    assert len(queries) == 2, [q["sql"][:120] for q in queries]
    assert not any("auth_user" in q["sql"] for q in queries)


@pytest.fixture
def url_routings(monkeypatch):
    """The paths Django's URL routing resolves from now on."""
    from django.core.handlers.base import BaseHandler

    resolved, original = [], BaseHandler.resolve_request

    def counting(self, request):
        resolved.append(request.path_info)
        return original(self, request)

    monkeypatch.setattr(BaseHandler, "resolve_request", counting)
    return resolved


def test_a_warm_view_is_answered_before_url_routing_and_other_pages_are_not(verified_client, url_routings):
    url = cno().url
    verified_client.get(url)  # routed: the worker learns that this path is a page
    assert url_routings == [url]
    html = verified_client.get(url).content.decode()
    assert "Dana Doc" in html and therapy_is_open(html)
    assert url_routings == [url]
    for _ in range(2):
        assert verified_client.get("/en/search/?q=CNO").status_code == 200
    assert url_routings == [url, "/en/search/", "/en/search/"]


@pytest.mark.parametrize("reader", ["anonymous", "verified"])
def test_a_warm_answer_carries_the_same_headers_as_the_freshly_rendered_one(reader, request, url_routings):
    """The warm answer skips the last middleware; it must not lose a header (security, length, caching) to that."""
    client = Client() if reader == "anonymous" else request.getfixturevalue("verified_client")
    url = cno().url
    fresh, warm = client.get(url), client.get(url)
    assert url_routings == [url]  # the second answer came from the shell
    dropped = {"date", "x-request-id", "server-timing", "set-cookie"}  # per request
    assert {k.lower(): v for k, v in warm.headers.items() if k.lower() not in dropped} == {
        k.lower(): v for k, v in fresh.headers.items() if k.lower() not in dropped
    }
    assert warm["X-Frame-Options"] == "DENY" and int(warm["Content-Length"]) == len(warm.content)
    assert "frame-ancestors 'none'" in warm["Content-Security-Policy"]


def test_a_known_path_that_is_no_page_stays_not_found(client, url_routings):
    for _ in range(2):
        assert client.get("/en/no-such-article/").status_code == 404
    assert url_routings == ["/en/no-such-article/"] * 2


def test_each_reader_sees_their_own_name_and_can_log_out_with_the_token_on_the_page(verified_user, django_user_model):
    colleague = django_user_model.objects.create_user(
        "col@example.org", "col@example.org", "a-long-test-password", first_name="Cem", last_name="Colleague"
    )
    colleague.groups.add(Group.objects.get(name=VERIFIED_PROFESSIONALS_GROUP))
    url = cno().url
    dana, cem = logged_in(verified_user), Client(enforce_csrf_checks=True)
    cem.force_login(colleague)
    assert "Dana Doc" in dana.get(url).content.decode()  # warms the professional shell
    html = cem.get(url).content.decode()
    assert "Cem Colleague" in html and "Dana Doc" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert cem.post("/en/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert "Cem Colleague" not in cem.get(url).content.decode()


def test_anonymous_readers_get_a_complete_page_without_placeholders(verified_user):
    url = cno().url
    logged_in(verified_user).get(url)
    for _ in range(2):
        html = Client().get(url).content.decode()
        assert "<!--medlex:" not in html
        assert "Log in" in html and not therapy_is_open(html)


def test_a_readers_message_is_shown_once_and_never_cached_for_others(verified_user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=verified_user, email=verified_user.email, verified=True, primary=True)
    url = cno().url
    logged_in(verified_user).get(url)  # the professional shell is warm
    reader = Client()
    response = reader.post(
        "/en/accounts/login/",
        {"login": verified_user.email, "password": "a-long-test-password", "next": url},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url
    greeting = re.search(r'<ul class="messages"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert greeting, "allauth's sign-in message is shown on the article"
    assert '<ul class="messages"' not in reader.get(url).content.decode()
    assert '<ul class="messages"' not in logged_in(verified_user).get(url).content.decode()


def test_revocation_takes_effect_on_the_next_request_from_either_side(verified_user):
    url = cno().url
    reader = logged_in(verified_user)
    group = Group.objects.get(name=VERIFIED_PROFESSIONALS_GROUP)
    assert therapy_is_open(reader.get(url).content.decode())
    group.user_set.remove(verified_user)  # from the group's side
    assert not therapy_is_open(reader.get(url).content.decode())
    verified_user.groups.add(group)
    assert therapy_is_open(reader.get(url).content.decode())
    verified_user.groups.clear()
    assert not therapy_is_open(reader.get(url).content.decode())


def test_deactivating_a_reader_takes_effect_on_the_next_request(verified_user):
    url = cno().url
    reader = logged_in(verified_user)
    assert therapy_is_open(reader.get(url).content.decode())
    verified_user.is_active = False
    verified_user.save()
    assert not therapy_is_open(reader.get(url).content.decode())


def test_a_password_changed_elsewhere_logs_the_reader_out_on_the_next_request(verified_user):
    url = cno().url
    reader = logged_in(verified_user)
    reader.get(url)
    assert "Dana Doc" in reader.get(url).content.decode()  # warm: the user row came from the cache
    verified_user.set_password("a-new-long-test-password")
    verified_user.save()
    html = reader.get(url).content.decode()
    assert "Dana Doc" not in html and "Log in" in html and not therapy_is_open(html)


def test_a_view_restriction_added_to_a_warm_page_applies_at_once(client):
    page = cno()
    assert client.get(page.url).status_code == 200  # the anonymous shell is warm
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_evicted_generation_never_brings_back_older_entries(client):
    before = generations.current(generations.PAGES)
    cache.delete(generations.PAGES)
    assert generations.current(generations.PAGES) != before


def test_a_new_generation_from_another_server_retires_this_workers_copy(client):
    page = cno()
    assert "CNO syndrome" in client.get(page.url).content.decode()  # this worker keeps a copy now
    # Another app server publishes a new title: the database changes and the shared
    # generation moves on, but no signal reaches this process.
    revision = page.save_revision()
    ArticlePage.objects.filter(pk=page.pk).update(title="CNO syndrome, revised", live_revision=revision)
    cache.set(generations.PAGES, "set-by-another-server", None)
    assert "CNO syndrome, revised" in client.get(page.url).content.decode()
