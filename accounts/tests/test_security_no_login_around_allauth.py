"""There is one way in: allauth's login with all its stages, whatever URL a login starts at.

Wagtail's own login at /admin/login/ used to log in any account with a password
alone: no second factor, no rate limit, no e-mail confirmation, readers included.
These tests try every URL that can start a session (the admin's login and password
reset, the login pages of both languages, the password reset's new password, the
e-mail confirmation) as a reader who has an authenticator app and as accounts
allauth would refuse, and check that nobody gets a session without every stage.
"""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.core import mail
from django.test import Client

from accounts.tests.conftest import PASSWORD
from accounts.tests.second_factor import authenticator_secret, totp_code
from articles.tests.helpers import cno

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

ACCOUNT_PAGE = "/en/accounts/professional/"


@pytest.fixture
def totp_reader(reader):
    """A verified professional who has set up an authenticator app."""
    user = reader("verified")
    user.totp_secret = authenticator_secret(user)
    return user


def has_session(client):
    return "_auth_user_id" in client.session


def reads_gated_text(client):
    return "gate-message" not in client.get(cno("en").url).content.decode()


@pytest.mark.parametrize(
    "path, next_page", [("/admin/login/", "/admin/"), ("/admin/login/?next=/admin/pages/", "/admin/pages/")]
)
def test_the_admin_login_leads_to_allauths_login_and_from_there_into_the_admin(client, reader, path, next_page):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={next_page.replace('/', '%2F')}"
    response = client.post(response["Location"], {"login": reader("verified").email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == next_page


def test_a_password_posted_to_the_admin_login_logs_nobody_in(client, totp_reader, reader):
    for user in (totp_reader, reader("staff")):
        response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not has_session(client)
    assert not reads_gated_text(client)


def test_a_session_the_old_admin_login_made_ends(client, totp_reader):
    """Sessions from Wagtail's login (Django's backend, a password alone) from before the fix are not honoured."""
    client.force_login(totp_reader, backend="delivery.backends.ModelBackend")
    assert client.get(ACCOUNT_PAGE).status_code == 302
    assert not reads_gated_text(client)


def test_the_admin_login_is_no_password_oracle(client, totp_reader):
    """Forty wrong passwords and then the right one: the answers cannot be told apart, and none logs in."""
    answers = set()
    for attempt in range(40):
        response = client.post(
            "/admin/login/", {"username": totp_reader.username, "password": f"wrong-password-{attempt}"}
        )
        answers.add((response.status_code, response["Location"]))
    response = client.post("/admin/login/", {"username": totp_reader.username, "password": PASSWORD})
    answers.add((response.status_code, response["Location"]))
    assert len(answers) == 1
    assert not has_session(client)


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_login_pages_of_both_languages_ask_for_the_code_before_a_session_starts(client, totp_reader, language):
    response = client.post(f"/{language}/accounts/login/", {"login": totp_reader.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == f"/{language}/accounts/2fa/authenticate/"
    assert not has_session(client)
    assert not reads_gated_text(client)
    assert client.get(ACCOUNT_PAGE).status_code == 302

    # With the code, the same login goes through: the stage was the only thing missing.
    response = client.post(f"/{language}/accounts/2fa/authenticate/", {"code": totp_code(totp_reader.totp_secret)})
    assert response.status_code == 302 and has_session(client)
    assert reads_gated_text(client)


@pytest.mark.parametrize("login_on_reset", [False, True])
def test_setting_a_new_password_by_reset_link_starts_no_session_without_the_code(
    client, totp_reader, settings, login_on_reset
):
    """Today a reset does not log in; were "login on reset" switched on, the code would still be asked for."""
    settings.ACCOUNT_LOGIN_ON_PASSWORD_RESET = login_on_reset
    key = f"{user_pk_to_url_str(totp_reader)}-{default_token_generator.make_token(totp_reader)}"
    response = client.get(f"/en/accounts/password/reset/key/{key}/")
    assert response.status_code == 302
    new_password = "quiet-harbour-lantern-26"
    response = client.post(response["Location"], {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    totp_reader.refresh_from_db()
    assert totp_reader.check_password(new_password), "the reset itself worked"
    assert not has_session(client)
    assert not reads_gated_text(client)
    if login_on_reset:
        assert response["Location"] == "/en/accounts/2fa/authenticate/"


def test_confirming_an_address_starts_no_session_without_the_code(client, totp_reader):
    """Confirming an address logs in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION), but only through the remaining stages."""
    EmailAddress.objects.filter(user=totp_reader).update(verified=False)
    response = client.post("/en/accounts/login/", {"login": totp_reader.email, "password": PASSWORD})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert not has_session(client)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    response = client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert EmailAddress.objects.get(user=totp_reader).verified
    assert not has_session(client)
    assert not reads_gated_text(client)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"


def test_a_confirmation_link_opened_in_another_browser_logs_nobody_in(totp_reader):
    EmailAddress.objects.filter(user=totp_reader).update(verified=False)
    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=totp_reader)).key
    stranger = Client()
    stranger.post(f"/en/accounts/confirm-email/{key}/")
    assert EmailAddress.objects.get(user=totp_reader).verified
    assert not has_session(stranger)


def test_accounts_allauth_refuses_get_no_session_through_the_admin_either(client, reader):
    locked = reader("verified", "locked@example.org")
    locked.is_active = False
    locked.save()
    unconfirmed = reader("email_unconfirmed")
    for user in (locked, unconfirmed):
        client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
        assert not has_session(client)
        client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert not has_session(client)


def test_the_admins_password_reset_is_allauths(client):
    for path in (
        "/admin/password_reset/",
        "/admin/password_reset/done/",
        "/admin/password_reset/confirm/MQ/set-password/",
    ):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 302 and response["Location"] == "/en/accounts/password/reset/", path
    response = client.post("/admin/password_reset/", {"email": "reader@example.org"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and not mail.outbox


def test_logging_out_of_the_admin_ends_the_session(client, reader):
    from accounts.tests.second_factor import log_in_with_second_factor

    log_in_with_second_factor(client, reader("staff"))
    assert client.get("/admin/").status_code == 200
    response = client.post("/admin/logout/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not has_session(client)
    assert client.get("/admin/").status_code == 302
