"""Sessions that passed a second factor, as editors, staff and reviewers need them for the admin.

An authenticator app is set up for the user (a TOTP secret stored the way allauth
stores it), and the session is confirmed on allauth's "confirm with a code" page
with the code the app would show, the way a staff member whose session lacks the
second factor is asked to. allauth accepts each code once, so further clients of
the same user share that session while it lasts.
"""

import base64
import secrets
import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt, encrypt
from django.conf import settings

CONFIRM_WITH_CODE = "/en/accounts/2fa/reauthenticate/"


# allauth accepts only the code of the current 30-second step; one read in its last
# seconds may expire before a browser has typed and sent it. A person would wait for
# the next code, and so does ``totp_code``.
STEP_SECONDS = 30
LAST_SECONDS_OF_A_CODE = 5


def totp_code(secret, offset=0):
    """The code an authenticator app shows now (``offset``: that many 30-second steps later)."""
    left = STEP_SECONDS - time.time() % STEP_SECONDS
    if offset == 0 and left < LAST_SECONDS_OF_A_CODE:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // STEP_SECONDS + offset))


def authenticator_secret(user):
    """The secret of ``user``'s authenticator app, set up now if there is none."""
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is not None:
        return decrypt(totp.data["secret"])
    secret = base64.b32encode(secrets.token_bytes(20)).decode()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(secret)})
    return secret


# User id -> the session cookie of that user's last session with a second factor.
confirmed_sessions = {}


def log_in_with_second_factor(client, user):
    """Log ``client`` in as ``user`` with a session that passed a second factor; return the client."""
    shared = confirmed_sessions.get(user.pk)
    if shared is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = shared
        if client.session.get("_auth_user_id") == str(user.pk):
            return client
    client.force_login(user)
    response = client.post(CONFIRM_WITH_CODE, {"code": totp_code(authenticator_secret(user))})
    if response.status_code != 302:
        # allauth takes each code once per user id; an earlier test's user with the same
        # id (ids are reused after a rollback on SQLite) may have used it within these
        # 30 seconds. The user sets up their app again, with a new secret.
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        response = client.post(CONFIRM_WITH_CODE, {"code": totp_code(authenticator_secret(user))})
    assert response.status_code == 302, "the code was accepted"
    confirmed_sessions[user.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return client


def browser_log_in(browser, base_url, email, password, secret, locale="en-GB", viewport=(1280, 900)):
    """A new browser context logged in through allauth with a password and the app's code, as staff must; (context, page)."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale=locale)
    page = context.new_page()
    page.goto(f"{base_url}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    page.locator("#id_code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    return context, page
