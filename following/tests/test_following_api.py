"""``/api/v1/me/following``: list, follow, unfollow, choose the delivery; for verified professionals, CSRF for writes."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from articles.tests.helpers import cno
from following.models import Follow, FollowSettings, Frequency
from following.tests.conftest import logged_in

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/following"


def post(client, data, path=URL):
    return client.post(path, json.dumps(data), content_type="application/json")


def put(client, data, path=f"{URL}/frequency"):
    return client.put(path, json.dumps(data), content_type="application/json")


def test_a_verified_reader_follows_lists_chooses_and_unfollows(follower):
    en, de = cno("en"), cno("de")
    user = follower("ada@example.org")
    api = logged_in(user)
    answer = post(api, {"article": de.pk})
    assert answer.status_code == 200
    assert answer.json()["results"] == [
        {"id": de.pk, "title": de.title, "url": de.url, "lang": "de", "since": answer.json()["results"][0]["since"]}
    ]
    post(api, {"article": en.pk})
    post(api, {"article": en.pk})  # again: nothing changes
    listing = api.get(URL)
    assert listing["Cache-Control"] == "private, no-store"
    assert listing.json()["count"] == 2 and listing.json()["frequency"] == "daily"
    assert put(api, {"frequency": "immediate"}).json()["frequency"] == "immediate"
    assert FollowSettings.objects.get(user=user).frequency == Frequency.IMMEDIATE
    answer = api.delete(f"{URL}/{de.pk}")
    assert answer.status_code == 200 and [a["id"] for a in answer.json()["results"]] == [en.pk]


def test_another_reader_sees_only_their_own_list(follower):
    follower("ada@example.org", cno("en"))
    cem = logged_in(follower("cem@example.org"))
    assert cem.get(URL).json()["results"] == []
    assert cem.delete(f"{URL}/{cno('en').pk}").status_code == 404  # not Cem's to remove
    assert Follow.objects.filter(user__email="ada@example.org").count() == 1


@pytest.mark.parametrize(
    "data, status, message",
    [
        ({"article": 999_999}, 404, "Unknown article."),
        ({"article": "CNO"}, 400, "Invalid parameters."),
        ({"article": 0}, 400, "Invalid parameters."),
        ({"article": 2**63}, 400, "Invalid parameters."),
        ({}, 400, "Invalid parameters."),
    ],
)
def test_bad_input_to_follow_gets_a_json_message_and_changes_nothing(data, status, message, follower):
    api = logged_in(follower("ada@example.org"))
    answer = post(api, data)
    assert answer.status_code == status and answer.json()["error"] == message
    assert not Follow.objects.exists()


def test_a_bad_frequency_or_an_unknown_article_to_unfollow_changes_nothing(follower):
    user = follower("ada@example.org", cno("en"), frequency=Frequency.WEEKLY)
    api = logged_in(user)
    answer = put(api, {"frequency": "hourly"})
    assert answer.status_code == 400 and answer.json()["details"][0]["field"] == "frequency"
    assert put(api, {"frequency": "x" * 10_000}).status_code == 400
    assert api.delete(f"{URL}/999999").status_code == 404
    assert api.delete(f"{URL}/{2**40}").status_code == 404
    assert FollowSettings.objects.get(user=user).frequency == Frequency.WEEKLY
    assert Follow.objects.count() == 1


def test_an_article_behind_a_view_restriction_cannot_be_followed(follower):
    page = cno("en")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Nobody"))
    answer = post(logged_in(follower("ada@example.org")), {"article": page.pk})
    assert answer.status_code == 404 and not Follow.objects.exists()


@pytest.mark.parametrize("kind, status", [("anonymous", 401), ("proof_missing", 403), ("expired", 403)])
def test_readers_who_are_not_verified_get_the_refusal_not_data(kind, status, follower):
    api = Client() if kind == "anonymous" else logged_in(follower(f"{kind}@example.org", kind=kind))
    page = cno("en")
    for answer in (
        api.get(URL),
        post(api, {"article": page.pk}),
        put(api, {"frequency": "off"}),
        api.delete(f"{URL}/{page.pk}"),
    ):
        assert answer.status_code == status, answer.content
        assert "results" not in answer.json()
    assert not Follow.objects.exists() and not FollowSettings.objects.filter(frequency=Frequency.OFF).exists()


def test_writes_from_a_browser_session_need_the_csrf_token(follower):
    user = follower("ada@example.org", cno("de"))
    api = Client(enforce_csrf_checks=True)
    api.force_login(user)
    assert post(api, {"article": cno("en").pk}).status_code == 403
    assert put(api, {"frequency": "off"}).status_code == 403
    assert api.delete(f"{URL}/{cno('de').pk}").status_code == 403
    assert Follow.objects.filter(user=user).count() == 1
    api.get("/en/following/")  # the site sets the CSRF cookie
    token = api.cookies["csrftoken"].value
    answer = api.post(
        URL, json.dumps({"article": cno("en").pk}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert answer.status_code == 200 and answer.json()["count"] == 2


def test_the_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths[URL]) == {"get", "post"}
    assert set(paths[f"{URL}/{{article_id}}"]) == {"delete"}
    assert set(paths[f"{URL}/frequency"]) == {"put"}
