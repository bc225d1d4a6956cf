"""Every mail's unsubscribe link: signed, works without login, GET asks, POST (also RFC 8058's one-click) unsubscribes."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import translation

from articles.tests.helpers import cno
from following import services
from following.models import Follow, FollowSettings, Frequency, PendingChange
from following.tests.conftest import content_change

pytestmark = pytest.mark.django_db


def link(user, language="en"):
    return services.unsubscribe_url(user, language).removeprefix(services.base_url())


def frequency_of(user):
    return FollowSettings.objects.get(user=user).frequency


def test_get_shows_a_confirmation_page_with_a_button_and_changes_nothing(follower):
    user = follower("ada@example.org", cno("en"), frequency=Frequency.IMMEDIATE)
    response = Client().get(link(user))
    html = response.content.decode()
    assert response.status_code == 200 and "Unsubscribe from e-mail alerts" in html
    assert '<form method="post">' in html and ">Unsubscribe</button>" in html
    assert frequency_of(user) == Frequency.IMMEDIATE


def test_the_one_click_post_of_a_mail_program_unsubscribes_without_login_or_csrf_token(follower):
    page = cno("en")
    user = follower("ada@example.org", page)
    content_change(page)
    mail_program = Client(enforce_csrf_checks=True)  # no session, no cookie, no token: only the signed link
    response = mail_program.post(
        link(user), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "You will receive no more e-mails about followed articles." in response.content.decode()
    assert frequency_of(user) == Frequency.OFF
    assert not PendingChange.objects.exists()
    assert Follow.objects.filter(user=user, page=page).exists()  # the reader still follows the article


def test_the_german_link_asks_in_german(follower):
    user = follower("bert@example.org", cno("de"), language="de")
    address = link(user, "de")
    assert address.startswith("/de/folgen/abmelden/")
    html = Client().get(address).content.decode()
    assert "Von E-Mail-Benachrichtigungen abmelden" in html and ">Abmelden</button>" in html
    html = Client().post(address).content.decode()
    assert "Sie erhalten keine E-Mails mehr zu gefolgten Artikeln." in html


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("aa" if not token.endswith("aa") else "bb"),  # altered signature
        lambda token: signing.dumps({"u": 1}, salt="another.purpose"),  # signed for something else
        lambda token: signing.dumps({"u": 1}, key="not-the-secret-key", salt=services.UNSUBSCRIBE_SALT),
        lambda token: "x" * 5000,
    ],
)
def test_a_forged_link_gets_a_clear_message_and_changes_nothing(forge, follower):
    user = follower("ada@example.org", cno("en"), frequency=Frequency.WEEKLY)
    token = services.unsubscribe_token(user)
    with translation.override("en"):
        address = f"/en/following/unsubscribe/{forge(token)}/"
    for response in (Client().get(address), Client(enforce_csrf_checks=True).post(address)):
        assert response.status_code == 400
        assert "This unsubscribe link is not valid. Nothing has been changed." in response.content.decode()
    assert frequency_of(user) == Frequency.WEEKLY


def test_an_expired_link_says_so_and_changes_nothing(follower, monkeypatch):
    user = follower("ada@example.org", cno("en"), frequency=Frequency.WEEKLY)
    address = link(user)
    monkeypatch.setattr(services, "UNSUBSCRIBE_MAX_AGE", timedelta(seconds=-1))
    response = Client().post(address)
    assert response.status_code == 400 and "This unsubscribe link has expired." in response.content.decode()
    assert frequency_of(user) == Frequency.WEEKLY


def test_a_link_for_a_deleted_account_changes_nothing(follower):
    user = follower("ada@example.org", cno("en"))
    address = link(user)
    user.delete()
    assert Client().post(address).status_code == 400


def test_one_readers_link_unsubscribes_only_that_reader(follower):
    ada = follower("ada@example.org", cno("en"), frequency=Frequency.IMMEDIATE)
    cem = follower("cem@example.org", cno("en"), frequency=Frequency.IMMEDIATE)
    Client().post(link(ada))
    assert (frequency_of(ada), frequency_of(cem)) == (Frequency.OFF, Frequency.IMMEDIATE)
