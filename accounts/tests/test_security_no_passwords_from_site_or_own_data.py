"""Passwords built from the site's name or the user's own data are refused, wherever a password is set.

"medlex1234" was accepted. The first guesses against an account are the site's
name and the person's name, address and profession, with a few digits added;
accounts.passwords refuses them at sign-up, password change, password reset and
in the commands that create accounts, with one clear message (German on German
pages).
"""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import translation

from accounts.tests.conftest import PASSWORD
from accounts.tests.test_registration import FORM, SIGNUP

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

MESSAGE = "Your password must not contain the name of this site or your own details (name, e-mail address, profession)."
GERMAN = "Ihr Passwort darf weder den Namen dieser Website noch Ihre eigenen Angaben (Name, E-Mail-Adresse, Beruf) enthalten."
STRONG = "quiet-harbour-lantern-26"


def sign_up(client, password, path=SIGNUP):
    return client.post(path, {**FORM, "password1": password, "password2": password})


@pytest.fixture
def english():
    """Outside a request (commands, direct calls) messages are in the site's default language, German."""
    with translation.override("en"):
        yield


def test_the_validator_is_configured_and_refuses_the_site_name_in_any_spelling(english):
    for password in ("medlex1234", "MEDLEX-2026-summer", "m3dl3x-2026-winter", "Med.Lex.Passwort.9"):
        with pytest.raises(ValidationError) as refused:
            password_validation.validate_password(password)
        assert MESSAGE in refused.value.messages, password
    password_validation.validate_password(STRONG)


@pytest.mark.parametrize(
    "password, why",
    [
        ("medlex1234", "the site's name"),
        ("Neumann-harbour-77", "the last name"),
        ("nora.lantern.2026", "the first name"),
        ("lantern-doctor-55", "the e-mail address's local part"),
        ("lantern-example-55", "the e-mail address's domain"),
        ("physician-lantern-5", "the profession"),
        ("infectious-lantern-5", "the specialty"),
    ],
)
def test_sign_up_refuses_a_password_from_the_site_or_the_registration_data(client, password, why):
    response = sign_up(client, password)
    assert response.status_code == 200, why
    html = response.content.decode()
    assert html.count(MESSAGE) == 1, why
    assert not get_user_model().objects.filter(email=FORM["email"]).exists(), why


def test_sign_up_accepts_a_password_of_its_own(client):
    assert sign_up(client, STRONG).status_code == 302
    assert get_user_model().objects.filter(email=FORM["email"]).exists()


def test_the_message_is_in_german_on_german_pages(client):
    response = sign_up(client, "medlex1234", SIGNUP.replace("/en/", "/de/"))
    assert GERMAN in response.content.decode()


@pytest.mark.parametrize("new_password", ["medlex-harbour-2026", "alex-verified-harbour", "harbour-physician-9"])
def test_a_password_change_refuses_it_and_keeps_the_old_password(reader, new_password):
    user = reader("verified")  # Alex Verified, physician
    client = Client()
    client.force_login(user)
    response = client.post(
        "/en/accounts/password/change/", {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password}
    )
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_password_reset_refuses_it_and_keeps_the_old_password(reader):
    user = reader("verified")
    client = Client()
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    form = client.get(f"/de/accounts/password/reset/key/{key}/")["Location"]
    response = client.post(form, {"password1": "Medlex-Sommer-2026", "password2": "Medlex-Sommer-2026"})
    assert response.status_code == 200 and GERMAN in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_createsuperuser_refuses_it_and_creates_nobody(monkeypatch, english):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "medlex1234")
    with pytest.raises(CommandError, match="must not contain the name of this site"):
        call_command("createsuperuser", "--noinput", email="root@klinik.example")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "klinik-root-2026")
    with pytest.raises(CommandError, match="must not contain"):
        call_command("createsuperuser", "--noinput", email="root@klinik.example")
    assert not get_user_model().objects.filter(email="root@klinik.example").exists()


def test_createprofessional_refuses_the_persons_own_name(monkeypatch, english):
    monkeypatch.setenv("MEDLEX_NEW_PASSWORD", "karl-chef-onboarding")
    with pytest.raises(CommandError, match="must not contain"):
        call_command("createprofessional", email="k.c@klinik.example", name="Karl Chef", profession="physician")
    assert not get_user_model().objects.filter(email="k.c@klinik.example").exists()
