"""The page of followed articles: the list, unfollow, and the delivery choice (at once, daily, weekly, none)."""

import re

import pytest

from articles.tests.helpers import cno
from following.models import Follow, FollowSettings, Frequency, PendingChange
from following.tests.conftest import content_change, logged_in

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_followed_articles_and_the_daily_digest_by_default(follower):
    en, de = cno("en"), cno("de")
    user = follower("ada@example.org", en, de)
    FollowSettings.objects.all().delete()  # a reader who never chose
    html = logged_in(user).get("/en/following/").content.decode()
    assert f'<a href="{en.url}">{en.title}</a>' in html and f'<a href="{de.url}">{de.title}</a>' in html
    assert re.search(r'<input type="radio" name="frequency" value="daily"[^>]* checked', html)


def test_a_reader_chooses_weekly_and_the_german_page_saves_it_in_german(follower):
    user = follower("bert@example.org", cno("de"))
    reader = logged_in(user)
    response = reader.post("/de/folgen/", {"frequency": "weekly"}, follow=True)
    assert "Ihre Auswahl wurde gespeichert." in response.content.decode()
    choice = FollowSettings.objects.get(user=user)
    assert (choice.frequency, choice.language) == (Frequency.WEEKLY, "de")
    html = reader.get("/de/folgen/").content.decode()
    assert "Wöchentliche Zusammenfassung" in html and "Gefolgte Artikel" in html


def test_choosing_no_emails_drops_what_is_waiting(follower):
    page = cno("en")
    user = follower("ada@example.org", page)
    content_change(page)
    assert PendingChange.objects.filter(user=user).count() == 1
    logged_in(user).post("/en/following/", {"frequency": "off"})
    assert FollowSettings.objects.get(user=user).frequency == Frequency.OFF
    assert not PendingChange.objects.exists()
    assert Follow.objects.filter(user=user).exists()  # still followed


@pytest.mark.parametrize("data", [{}, {"frequency": "hourly"}, {"frequency": "x" * 10_000}])
def test_a_bad_choice_gets_a_clear_message_and_changes_nothing(data, follower):
    user = follower("ada@example.org", cno("en"), frequency=Frequency.WEEKLY)
    response = logged_in(user).post("/en/following/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose how often you want e-mails." in html or "Choose one of the offered options." in html
    assert FollowSettings.objects.get(user=user).frequency == Frequency.WEEKLY


def test_unfollowing_from_the_list_drops_the_article_and_what_is_waiting_about_it(follower):
    en, de = cno("en"), cno("de")
    user = follower("ada@example.org", en, de)
    content_change(en)
    content_change(de)
    reader = logged_in(user)
    response = reader.post(f"/en/following/{en.pk}/", {"action": "unfollow", "next": "/en/following/"})
    assert response["Location"] == "/en/following/"
    assert list(Follow.objects.filter(user=user).values_list("page_id", flat=True)) == [de.pk]
    assert list(PendingChange.objects.values_list("version__page_id", flat=True)) == [de.pk]


def test_one_reader_never_sees_another_readers_list(follower):
    follower("ada@example.org", cno("en"))
    html = logged_in(follower("cem@example.org")).get("/en/following/").content.decode()
    assert cno("en").title not in html and "You do not follow any article yet." in html


@pytest.mark.parametrize("kind", ["proof_missing", "under_review", "rejected", "expired", "email_unconfirmed"])
def test_readers_who_are_not_verified_get_the_gate_not_the_page(kind, follower):
    reader = logged_in(follower(f"{kind}@example.org", kind=kind))
    for response in (reader.get("/en/following/"), reader.post("/en/following/", {"frequency": "off"})):
        assert response.status_code == 403
        assert "for verified health professionals" in response.content.decode()
    assert not FollowSettings.objects.filter(frequency=Frequency.OFF).exists()


def test_an_anonymous_reader_is_asked_to_log_in(client):
    response = client.get("/de/folgen/")
    assert response.status_code == 302 and response["Location"].startswith("/de/accounts/login/")


def test_the_account_page_links_the_followed_articles(follower):
    html = logged_in(follower("ada@example.org")).get("/de/accounts/professional/").content.decode()
    assert '<a href="/de/folgen/">Gefolgte Artikel und E-Mail-Benachrichtigungen</a>' in html
