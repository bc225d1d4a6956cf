"""The German account pages and e-mails address the reader as "Sie", like the rest of the site.

allauth's own German catalogue says "du"; the site's override (accounts/locale_overrides)
must cover every text a reader meets on the way in and out.
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils.html import strip_tags

from accounts.models import OPERATOR_CREATED_REASON, AuditEvent
from accounts.services import record
from accounts.tests.conftest import PASSWORD
from accounts.tests.second_factor import authenticator_secret, log_in_with_second_factor
from accounts.tests.test_two_factor import a_wrong_code

pytestmark = pytest.mark.django_db

DU = re.compile(
    r"\b(du|dich|dir|dein\w*|Du|Dich|Dir|Dein\w*|hast|bist|kannst|musst|möchtest|erhältst|euch|euer\w*|Euch|Euer\w*)\b"
)
# What a screen reader says besides the text: labels, titles, placeholders, alternative texts.
SPOKEN_ATTRIBUTES = re.compile(r'(?:aria-label|title|placeholder|alt)="([^"]*)"')


def visible_text(response):
    """The page's text and the texts a screen reader speaks from attributes."""
    html = response.content.decode()
    main = re.search(r"<main[^>]*>(.*)</main>", html, re.S).group(1)
    return " ".join(strip_tags(main).split() + SPOKEN_ATTRIBUTES.findall(html))


@pytest.mark.parametrize(
    "path",
    [
        "/de/accounts/signup/",
        "/de/accounts/login/",
        "/de/accounts/password/reset/",
        "/de/accounts/password/reset/done/",
        "/de/accounts/confirm-email/",
        "/de/accounts/confirm-email/not-a-key/",
        "/de/accounts/password/reset/key/1-not-a-key/",
    ],
)
def test_the_pages_on_the_way_in_say_sie(client, path, fresh_rate_limits):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert DU.findall(visible_text(response)) == []


def test_the_pages_of_a_signed_in_reader_say_sie(reader, fresh_rate_limits):
    user = reader("verified")
    client = Client()
    client.force_login(user)
    for path in ["/de/accounts/logout/", "/de/accounts/email/", "/de/accounts/password/change/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert DU.findall(visible_text(response)) == [], path


def test_the_e_mails_of_sign_up_and_password_reset_say_sie(client, reader, fresh_rate_limits):
    reader("verified", email="known@example.org")
    client.post(
        "/de/accounts/password/reset/",
        {"email": "known@example.org"},
    )
    client.post("/de/accounts/signup/", {"email": "known@example.org", "password1": PASSWORD, "password2": PASSWORD})
    assert mail.outbox
    for message in mail.outbox:
        assert DU.findall(message.subject + " " + message.body) == [], message.subject


def test_the_two_factor_pages_say_sie(reader, fresh_rate_limits):
    staff = reader("staff")
    client = log_in_with_second_factor(Client(), staff)
    for path in [
        "/de/accounts/2fa/",
        "/de/accounts/2fa/totp/deactivate/",
        "/de/accounts/2fa/recovery-codes/generate/",
        "/de/accounts/2fa/reauthenticate/",
        "/de/accounts/reauthenticate/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert DU.findall(visible_text(response)) == [], path

    newcomer = Client()
    newcomer.force_login(reader("verified"))
    response = newcomer.get("/de/accounts/2fa/totp/activate/", follow=True)  # asks for the password first
    assert response.status_code == 200 and DU.findall(visible_text(response)) == []


def test_the_code_asked_for_at_login_says_sie(reader, fresh_rate_limits):
    user = reader("verified")
    secret = authenticator_secret(user)  # an authenticator app, so the login asks for its code
    client = Client()
    response = client.post("/de/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/de/accounts/2fa/authenticate/"
    assert DU.findall(visible_text(response)) == []
    response = client.post("/de/accounts/2fa/authenticate/", {"code": a_wrong_code(secret)})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert DU.findall(visible_text(response)) == []


def test_the_professional_pages_say_sie(reader, fresh_rate_limits):
    client = Client()
    client.force_login(reader("proof_missing"))
    for path in ["/de/accounts/professional/", "/de/accounts/professional/proof/", "/de/accounts/professional/delete/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert DU.findall(visible_text(response)) == [], path


def test_an_account_created_verified_by_the_operator_says_so_in_german(reader):
    user = reader("verified")
    record(user, AuditEvent.Action.APPROVED, reason=OPERATOR_CREATED_REASON)
    client = Client()
    client.force_login(user)
    text = visible_text(client.get("/de/accounts/professional/"))
    assert "Vom Betreiber als verifizierte Fachperson angelegt." in text
    assert "created verified" not in text
    english = visible_text(client.get("/en/accounts/professional/"))
    assert "Created as a verified professional by an operator." in english
