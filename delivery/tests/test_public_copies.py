"""A reader without cookies gets a public page from the worker's own copy, never a stale or a personal one.

The copy is the whole answer, headers included, and is used before the session,
language, CSRF and security middleware run; so everything those would have said
must already be in it, and anything that makes a request or an answer a reader's
own must keep the copy out of the way.
"""

import pytest
from django.test import Client

from articles.tests.helpers import cno, logged_in, make_article, therapy_is_open
from delivery import public_copies

pytestmark = pytest.mark.django_db

PER_ANSWER = {"X-Request-ID", "Server-Timing"}


def from_a_copy(response):
    """Whether the answer came from a copy: the session middleware, which every other answer passes, never ran."""
    return not hasattr(response.wsgi_request, "session")


def test_the_second_view_without_cookies_is_the_same_page_with_the_same_headers_from_the_copy():
    url = cno().url
    first, second = Client().get(url), Client().get(url)
    assert not from_a_copy(first) and from_a_copy(second)
    assert second.content == first.content
    assert {k: v for k, v in second.items() if k not in PER_ANSWER} == {
        k: v for k, v in first.items() if k not in PER_ANSWER
    }
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "X-Content-Type-Options"):
        assert second[header]
    assert second["Cache-Control"] == "public, max-age=300" and second["X-Request-ID"] != first["X-Request-ID"]


def test_an_edit_and_an_unpublish_reach_readers_without_cookies_at_once(django_capture_on_commit_callbacks):
    page = cno()
    for _ in range(2):
        Client().get(page.url)
    page.title = "CNO syndrome, retitled by its editor"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "CNO syndrome, retitled by its editor" in Client().get(page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert Client().get(page.url).status_code == 404


@pytest.mark.parametrize(
    "request_headers",
    [
        {"HTTP_COOKIE": "consent=1"},
        {"HTTP_AUTHORIZATION": "Bearer some-token"},
        {"HTTP_IF_MODIFIED_SINCE": "Wed, 02 Dec 2026 10:00:00 GMT"},
        {"QUERY_STRING": "section=therapy"},
    ],
    ids=["cookie", "credentials", "condition", "query"],
)
def test_a_request_that_may_be_a_readers_own_is_never_answered_from_a_copy(request_headers):
    url = cno().url
    Client().get(url), Client().get(url)
    assert not from_a_copy(Client().get(url, **request_headers))


def test_a_conditional_view_of_an_unchanged_page_is_still_not_modified():
    url = cno().url
    etag = Client().get(url)["ETag"]
    assert from_a_copy(Client().get(url))
    response = Client().get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and not from_a_copy(response)


def test_a_page_answered_to_a_logged_in_reader_is_never_copied(verified_user):
    url, reader = cno().url, logged_in(verified_user)
    for _ in range(2):
        assert therapy_is_open(reader.get(url).content.decode())
    assert not public_copies.copies.items
    first = Client().get(url)
    assert not from_a_copy(first) and not therapy_is_open(first.content.decode())


def test_an_article_shown_under_the_other_languages_prefix_is_never_copied():
    """It is built for each view (delivery.shells), so that it turns into a redirect once a translation appears."""
    make_article("Only in English", n=1, lang="en", slug="only-in-english")
    first, second = Client().get("/de/only-in-english/"), Client().get("/de/only-in-english/")
    assert first.status_code == second.status_code == 200 and "public" in first["Cache-Control"]
    assert not from_a_copy(second)
