"""Sign-up with registration data, mandatory e-mail confirmation, login by e-mail, rate limits."""

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from accounts.models import Profile
from accounts.states import State, state_for

pytestmark = pytest.mark.django_db

SIGNUP = "/en/accounts/signup/"
FORM = {
    "email": "new.doctor@example.org",
    "full_name": "Nora Neumann",
    "profession": "physician",
    "country": "DE",
    "specialty": "Infectious diseases",
    "accept_terms": "on",
    "password1": "correct-horse-battery-9",
    "password2": "correct-horse-battery-9",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def confirmation_link(message):
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def test_sign_up_stores_the_registration_data_and_sends_a_confirmation_link(client):
    response = client.post(SIGNUP, FORM)
    assert response.status_code == 302
    user = get_user_model().objects.get(email=FORM["email"])
    profile = Profile.objects.get(user=user)
    assert (profile.full_name, profile.profession, profile.country, profile.specialty) == (
        "Nora Neumann",
        "physician",
        "DE",
        "Infectious diseases",
    )
    assert profile.terms_accepted_at is not None
    assert state_for(user).state == State.EMAIL_UNCONFIRMED
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [FORM["email"]]
    assert "/en/accounts/confirm-email/" in confirmation_link(mail.outbox[0])


def test_login_is_refused_until_the_address_is_confirmed_then_proof_is_the_next_step(client):
    client.post(SIGNUP, FORM)
    client.logout()
    response = client.post("/en/accounts/login/", {"login": FORM["email"], "password": FORM["password1"]})
    assert response.status_code == 302 and "confirm-email" in response.url
    assert "_auth_user_id" not in client.session
    link = confirmation_link(mail.outbox[0])
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # GET only shows a button, a mail scanner cannot confirm
    assert not EmailAddress.objects.get(email=FORM["email"]).verified
    client.post("/" + path)
    user = get_user_model().objects.get(email=FORM["email"])
    assert state_for(user).state == State.PROOF_MISSING
    page = client.get("/en/accounts/professional/").content.decode()
    assert "One step left: your proof of profession" in page


def test_a_reused_confirmation_link_says_it_is_no_longer_valid(client):
    client.post(SIGNUP, FORM)
    path = "/" + confirmation_link(mail.outbox[0]).split("://", 1)[1].split("/", 1)[1]
    client.post(path)
    client.logout()
    again = client.get(path).content.decode()
    assert "expired or is invalid" in again


def test_an_expired_confirmation_link_is_refused(client, settings):
    client.post(SIGNUP, FORM)
    address = EmailAddress.objects.get(email=FORM["email"])
    key = EmailConfirmationHMAC(address).key
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 0
    page = client.get(f"/en/accounts/confirm-email/{key}/").content.decode()
    assert "expired or is invalid" in page
    client.post(f"/en/accounts/confirm-email/{key}/")
    assert not EmailAddress.objects.get(email=FORM["email"]).verified


def test_a_weak_password_is_refused_and_what_was_typed_is_kept(client):
    response = client.post(SIGNUP, {**FORM, "password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "too short" in html or "too common" in html
    assert (
        'value="Nora Neumann"' in html
        and 'value="Infectious diseases"' in html
        and 'value="new.doctor@example.org"' in html
    )
    assert not get_user_model().objects.filter(email=FORM["email"]).exists()
    assert not Profile.objects.exists()


def test_missing_terms_or_profession_are_named_and_nothing_is_stored(client):
    response = client.post(SIGNUP, {**FORM, "accept_terms": "", "profession": ""})
    html = response.content.decode()
    assert "Please accept the terms of use to register." in html
    assert "This field is required." in html
    assert not get_user_model().objects.filter(email=FORM["email"]).exists()


def test_a_duplicate_address_creates_no_second_account_and_the_owner_is_told_by_mail(client):
    client.post(SIGNUP, FORM)
    client.logout()
    mail.outbox.clear()
    cache.clear()  # past the cooldown that limits mails to one address
    client.post(SIGNUP, {**FORM, "full_name": "Someone Else"})
    assert get_user_model().objects.filter(email__iexact=FORM["email"]).count() == 1
    # Enumeration protection: the page does not say the address is taken; the owner learns it by mail.
    assert len(mail.outbox) == 1 and "already" in mail.outbox[0].body.lower()


def test_repeated_failed_logins_are_rate_limited(client, plain_user):
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": plain_user.email, "password": "wrong-password-x"})
    response = client.post("/en/accounts/login/", {"login": plain_user.email, "password": "wrong-password-x"})
    assert response.status_code == 429 or "Too many failed login attempts" in response.content.decode()


def test_rate_limits_live_in_the_shared_cache():
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"] in (
        "delivery.db_cache.DatabaseCache",
        "delivery.redis_cache.RedisCache",
    )


def test_password_reset_sends_a_link_by_mail(client, plain_user):
    EmailAddress.objects.create(user=plain_user, email=plain_user.email, verified=True, primary=True)
    client.post("/en/accounts/password/reset/", {"email": plain_user.email})
    assert len(mail.outbox) == 1 and "/en/accounts/password/reset/key/" in mail.outbox[0].body


def test_two_factor_authentication_offers_totp_and_recovery_codes(client, reader):
    user = reader("verified")
    client.force_login(user)
    html = client.get("/en/accounts/2fa/").content.decode()
    assert "/en/accounts/2fa/totp/activate/" in html
    assert "Recovery Codes" in html or "recovery" in html.lower()


def test_german_sign_up_page_is_in_german(client):
    html = client.get("/de/accounts/signup/").content.decode()
    assert "Vollständiger Name" in html and "Ärztin/Arzt" in html
