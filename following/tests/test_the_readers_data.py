"""Followed articles and the delivery choice are in the reader's data export and go with the account."""

import json

import pytest

from articles.tests.helpers import cno
from following.models import Follow, FollowSettings, Frequency, PendingChange
from following.tests.conftest import content_change, logged_in

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_followed_articles_and_the_delivery_choice_of_this_reader_only(follower):
    en, de = cno("en"), cno("de")
    user = follower("ada@example.org", de, frequency=Frequency.WEEKLY, language="de")
    follower("cem@example.org", en)
    data = json.loads(logged_in(user).get("/en/accounts/professional/export/").content)
    following = data["following"]
    assert (following["frequency"], following["language"]) == ("weekly", "de")
    assert [(a["id"], a["title"], a["lang"]) for a in following["articles"]] == [(de.pk, de.title, "de")]


def test_deleting_the_account_deletes_what_it_follows_its_choice_and_what_is_waiting(follower):
    page = cno("en")
    user = follower("ada@example.org", page)
    other = follower("cem@example.org", page)
    content_change(page)
    response = logged_in(user).post("/en/accounts/professional/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert not Follow.objects.filter(user_id=user.pk).exists()
    assert not FollowSettings.objects.filter(user_id=user.pk).exists()
    assert not PendingChange.objects.filter(user_id=user.pk).exists()
    assert Follow.objects.filter(user=other).exists() and PendingChange.objects.filter(user=other).exists()
