"""The article page's "Follow" button: a reader part, per reader on one shared page, and a POST form without JavaScript."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.tests.helpers import cno
from following.models import Follow
from following.tests.conftest import logged_in

pytestmark = pytest.mark.django_db


def follow_form(html):
    match = re.search(r'<form class="follow-article".*?</form>', html, re.S)
    return match.group(0) if match else None


def test_a_verified_reader_follows_an_article_with_the_button_and_sees_it_followed(follower):
    page = cno("en")
    reader = logged_in(follower("ada@example.org"))
    form = follow_form(reader.get(page.url).content.decode())
    assert 'value="follow"' in form and ">Follow</button>" in form
    action = re.search(r'action="([^"]+)"', form).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = reader.post(action, {"action": "follow", "next": page.url, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == page.url
    html = reader.get(page.url).content.decode()
    assert "You now follow this article." in html
    assert ">Following</button>" in follow_form(html) and 'aria-pressed="true"' in follow_form(html)
    assert Follow.objects.filter(user__email="ada@example.org", page=page).exists()


def test_the_german_page_says_folgen_and_sie_folgen_diesem_artikel(follower):
    page = cno("de")
    reader = logged_in(follower("bert@example.org", language="de"))
    assert ">Folgen</button>" in follow_form(reader.get(page.url).content.decode())
    reader.post(f"/de/folgen/{page.pk}/", {"action": "follow", "next": page.url})
    form = follow_form(reader.get(page.url).content.decode())
    assert ">Sie folgen diesem Artikel</button>" in form and 'href="/de/folgen/"' in form


def test_one_readers_follow_never_shows_on_another_readers_view_of_the_same_warm_page(follower):
    """Both readers get the page from one professional shell; each sees their own state."""
    page = cno("en")
    ada = logged_in(follower("ada@example.org", page))
    cem = logged_in(follower("cem@example.org"))
    assert ">Following</button>" in follow_form(ada.get(page.url).content.decode())  # rendered, kept as the shell
    cem.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        html = cem.get(page.url).content.decode()
    assert ">Follow</button>" in follow_form(html) and "Following" not in follow_form(html)
    # Served from the shell, not rendered, and the button from Cem's facts, without a query
    # (delivery/tests/test_page_shell.py).
    assert not any("following_follow" in q["sql"] for q in queries)
    assert not any("articles_articlepage" in q["sql"] for q in queries)
    with CaptureQueriesContext(connection) as queries:
        html = ada.get(page.url).content.decode()
    assert ">Following</button>" in follow_form(html)
    # The CSRF token in the button is each reader's own.
    assert ada.cookies["csrftoken"].value != cem.cookies["csrftoken"].value


@pytest.mark.parametrize("kind", ["anonymous", "proof_missing", "under_review", "expired"])
def test_readers_who_are_not_verified_see_no_button(kind, follower, client):
    page = cno("en")
    if kind != "anonymous":
        client = logged_in(follower(f"{kind}@example.org", kind=kind))
    for _ in range(2):  # rendered, then from a warm page
        html = client.get(page.url).content.decode()
        assert follow_form(html) is None and "reader-part" not in html


@pytest.mark.parametrize("kind", ["proof_missing", "under_review", "rejected", "expired"])
def test_a_reader_who_is_not_verified_cannot_follow_by_posting_the_form(kind, follower):
    page = cno("en")
    reader = logged_in(follower(f"{kind}@example.org", kind=kind))
    response = reader.post(f"/en/following/{page.pk}/", {"action": "follow"})
    assert response.status_code == 403
    assert "for verified health professionals" in response.content.decode()
    assert not Follow.objects.exists()


def test_an_anonymous_reader_who_posts_the_form_is_sent_to_the_login(client):
    response = client.post(f"/en/following/{cno('en').pk}/", {"action": "follow"})
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")
    assert not Follow.objects.exists()


def test_bad_input_gets_a_clear_message_and_changes_nothing(follower):
    page = cno("en")
    reader = logged_in(follower("ada@example.org", page))
    unknown = reader.post("/en/following/999999/", {"action": "follow"})
    assert unknown.status_code == 404
    nonsense = reader.post(f"/en/following/{page.pk}/", {"action": "delete-everything"})
    assert nonsense.status_code == 400 and "Say whether to follow or unfollow." in nonsense.content.decode()
    empty = reader.post(f"/en/following/{page.pk}/", {})
    assert empty.status_code == 400
    assert reader.get(f"/en/following/{page.pk}/").status_code == 405
    assert Follow.objects.filter(page=page).count() == 1


def test_the_way_back_after_the_form_stays_on_this_site(follower):
    page = cno("en")
    reader = logged_in(follower("ada@example.org"))
    response = reader.post(f"/en/following/{page.pk}/", {"action": "follow", "next": "https://evil.example/"})
    assert response["Location"] == page.url
    response = reader.post(f"/en/following/{page.pk}/", {"action": "unfollow", "next": "//evil.example/x"})
    assert response["Location"] == page.url and not Follow.objects.exists()


def test_the_form_needs_the_csrf_token(follower):
    page = cno("en")
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(follower("ada@example.org"))
    assert reader.post(f"/en/following/{page.pk}/", {"action": "follow"}).status_code == 403
    assert not Follow.objects.exists()
