"""Rate limits on sign-up, password reset and confirmation e-mails (failed logins: test_registration).

allauth's clock is frozen (and moved on by hand) so that no test depends on how fast
this machine is. Each test also shows that the count lives in the shared cache: a
second browser and a freshly built cache connection, as another worker process would
have, are refused just the same.
"""

import time
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from allauth.core.internal import ratelimit
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import CacheHandler, cache
from django.db import connection
from django.test import Client

from accounts.tests.conftest import PASSWORD
from accounts.tests.test_registration import FORM, SIGNUP

pytestmark = pytest.mark.django_db

RESET = "/en/accounts/password/reset/"
LOGIN = "/en/accounts/login/"
TOO_MANY = "Too many attempts"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """allauth's rate limit clock, frozen; ``clock[0] += seconds`` moves it on."""
    now = [time.time()]
    monkeypatch.setattr(
        ratelimit, "time", SimpleNamespace(time=lambda: now[0], monotonic=time.monotonic, sleep=time.sleep)
    )
    cache.clear()
    yield now
    cache.clear()


def allowed(action):
    """How many attempts the tightest configured rate of ``action`` lets through."""
    return min(rate.amount for rate in parse_rates(settings.ACCOUNT_RATE_LIMITS[action]))


def as_another_worker(monkeypatch):
    """A new browser, and allauth reading the cache through a new connection built from the settings."""
    monkeypatch.setattr(ratelimit, "cache", CacheHandler()["default"])
    return Client()


def counts_in_the_cache_table(action):
    """The rate limit rows of ``action`` in the database cache (the cache of the embedded mode)."""
    if settings.CACHES["default"]["BACKEND"] != "delivery.db_cache.DatabaseCache":
        pytest.skip("the shared cache is Redis here")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {connection.ops.quote_name(settings.CACHES['default']['LOCATION'])}")
        return [key for (key,) in cursor.fetchall() if f"allauth:rl:allauth.account:{action}:" in key]


def test_the_limits_are_configured_in_the_settings():
    for action in ("signup", "reset_password", "confirm_email", "login_failed"):
        assert parse_rates(settings.ACCOUNT_RATE_LIMITS[action]), action


def test_sign_up_is_rate_limited_with_a_clear_page_and_the_count_is_shared(client, monkeypatch):
    for _ in range(allowed("signup")):
        assert client.post(SIGNUP, {"email": "not-an-address"}).status_code == 200  # a form error, but it counts
    response = client.post(SIGNUP, FORM)
    assert response.status_code == 429
    html = response.content.decode()
    assert TOO_MANY in html and "most limits end after a few minutes" in html
    assert not get_user_model().objects.filter(email=FORM["email"]).exists()
    assert counts_in_the_cache_table("signup")

    other = as_another_worker(monkeypatch)
    response = other.post("/de/accounts/signup/", FORM)
    assert response.status_code == 429 and "Zu viele Versuche" in response.content.decode()
    assert not get_user_model().objects.filter(email=FORM["email"]).exists()


def test_password_reset_mails_are_rate_limited_per_address(client, plain_user, monkeypatch, clock):
    EmailAddress.objects.create(user=plain_user, email=plain_user.email, verified=True, primary=True)
    limit = allowed("reset_password")
    for _ in range(limit):
        assert client.post(RESET, {"email": plain_user.email}).status_code == 302
    assert len(mail.outbox) == limit
    response = client.post(RESET, {"email": plain_user.email})
    assert response.status_code == 429 and TOO_MANY in response.content.decode()
    assert len(mail.outbox) == limit, "no further mail"
    assert counts_in_the_cache_table("reset_password")

    other = as_another_worker(monkeypatch)
    assert other.post(RESET, {"email": plain_user.email.upper()}).status_code == 429
    assert len(mail.outbox) == limit

    clock[0] += 3600 + 1  # the hour is over
    assert other.post(RESET, {"email": plain_user.email}).status_code == 302
    assert len(mail.outbox) == limit + 1


def test_a_new_confirmation_mail_is_withheld_for_a_while_and_the_reader_is_told(client, monkeypatch, clock):
    client.post(SIGNUP, FORM)
    assert len(mail.outbox) == 1

    # Logging in unconfirmed is how a reader asks for a new link; right after sign-up it is withheld.
    response = client.post(LOGIN, {"login": FORM["email"], "password": FORM["password1"]}, follow=True)
    html = response.content.decode()
    assert "confirm-email" in response.redirect_chain[-1][0]
    assert "not sending another one yet" in html and "spam folder" in html
    assert len(mail.outbox) == 1
    assert counts_in_the_cache_table("confirm_email")

    other = as_another_worker(monkeypatch)
    response = other.post(LOGIN, {"login": FORM["email"], "password": FORM["password1"]}, follow=True)
    assert "not sending another one yet" in response.content.decode()
    assert len(mail.outbox) == 1

    clock[0] += 3 * 60 + 1  # the cooldown is over
    response = other.post(LOGIN, {"login": FORM["email"], "password": FORM["password1"]}, follow=True)
    assert len(mail.outbox) == 2 and mail.outbox[1].to == [FORM["email"]]
    assert "not sending another one yet" not in response.content.decode()


def test_the_withheld_mail_note_is_in_german_on_german_pages(client):
    client.post("/de/accounts/signup/", FORM)
    response = client.post("/de/accounts/login/", {"login": FORM["email"], "password": FORM["password1"]}, follow=True)
    assert "Bestätigungslink" in response.content.decode()


def test_failed_logins_share_the_count_across_workers(client, plain_user, monkeypatch):
    for _ in range(allowed("login_failed")):
        client.post(LOGIN, {"login": plain_user.email, "password": "wrong-password-x"})
    other = as_another_worker(monkeypatch)
    response = other.post(LOGIN, {"login": plain_user.email, "password": PASSWORD})
    assert response.status_code == 429 or "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in other.session
