"""Two-factor authentication: activating TOTP through allauth's views, then logging in with it.

The codes are computed the way an authenticator app computes them (RFC 6238, with
allauth's own HOTP helper) from the secret the activation page shows.
"""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.core.cache import cache
from django.test import Client

from accounts.tests.conftest import PASSWORD
from accounts.tests.second_factor import totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
AUTHENTICATE = "/en/accounts/2fa/authenticate/"
ACTIVATE = "/en/accounts/2fa/totp/activate/"
ACCOUNT_PAGE = "/en/accounts/professional/"


@pytest.fixture(autouse=True)
def tolerant_clock(settings):
    """Accept the neighbouring 30-second windows too, so a slow machine cannot cross a boundary."""
    settings.MFA_TOTP_TOLERANCE = 1
    cache.clear()
    yield
    cache.clear()


def a_wrong_code(secret):
    now = int(time.time()) // 30
    valid = {format_hotp_value(hotp_value(secret, counter)) for counter in range(now - 2, now + 3)}
    return next(code for code in (f"{n:06}" for n in range(123456, 999999, 111111)) if code not in valid)


def is_logged_in(client):
    return client.get(ACCOUNT_PAGE).status_code == 200


def log_in_with_password(client, user):
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def confirm_password_again(client):
    """allauth asks for the password again before a security setting changes."""
    response = client.get(ACTIVATE)
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == ACTIVATE


def activate_totp(client):
    """Go through the activation page; return the secret and the recovery codes shown afterwards."""
    confirm_password_again(client)
    html = client.get(ACTIVATE).content.decode()
    secret = re.search(r'value="([A-Z2-7]{32})"', html).group(1)
    assert client.session[SECRET_SESSION_KEY] == secret, "the secret shown is the one being set up"
    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/en/accounts/2fa/recovery-codes/"
    codes = client.get("/en/accounts/2fa/recovery-codes/download/").content.decode().split()
    return secret, codes


def test_after_activating_totp_logging_in_needs_a_code_and_a_recovery_code_works_once(reader):
    user = reader("verified")
    client = Client()
    log_in_with_password(client, user)
    secret, recovery_codes = activate_totp(client)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert len(recovery_codes) == 10 and all(code.isdigit() for code in recovery_codes)
    client.post("/en/accounts/logout/")

    # The password alone no longer logs in: it leads to the code page.
    response = log_in_with_password(client, user)
    assert response["Location"] == AUTHENTICATE
    assert not is_logged_in(client)

    # A wrong code is refused and the reader is still logged out.
    response = client.post(AUTHENTICATE, {"code": a_wrong_code(secret)})
    assert response.status_code == 200 and "Incorrect code." in response.content.decode()
    assert not is_logged_in(client)

    # The right code logs in.
    response = client.post(AUTHENTICATE, {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == ACCOUNT_PAGE
    assert is_logged_in(client)
    client.post("/en/accounts/logout/")

    # A recovery code works instead of the app ...
    log_in_with_password(client, user)
    response = client.post(AUTHENTICATE, {"code": recovery_codes[0]})
    assert response.status_code == 302 and is_logged_in(client)
    client.post("/en/accounts/logout/")

    # ... but only once.
    log_in_with_password(client, user)
    response = client.post(AUTHENTICATE, {"code": recovery_codes[0]})
    assert response.status_code == 200 and "Incorrect code." in response.content.decode()
    assert not is_logged_in(client)
    # Another unused one still works.
    response = client.post(AUTHENTICATE, {"code": recovery_codes[1]})
    assert response.status_code == 302 and is_logged_in(client)


def test_activation_refuses_a_wrong_code_and_stores_nothing(reader):
    user = reader("verified")
    client = Client()
    log_in_with_password(client, user)
    confirm_password_again(client)
    html = client.get(ACTIVATE).content.decode()
    secret = re.search(r'value="([A-Z2-7]{32})"', html).group(1)
    response = client.post(ACTIVATE, {"code": a_wrong_code(secret)})
    assert response.status_code == 200 and "Incorrect code." in response.content.decode()
    assert not Authenticator.objects.filter(user=user).exists()
