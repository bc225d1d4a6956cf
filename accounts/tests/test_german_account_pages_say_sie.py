"""The German account pages and e-mails address the reader as "Sie", like the rest of the site.

allauth's own German catalogue says "du"; the site's override (accounts/locale_overrides)
must cover every text a reader meets on the way in and out.
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils.html import strip_tags

from accounts.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

DU = re.compile(r"\b(du|dich|dir|dein\w*|Du|Dich|Dir|Dein\w*|hast|bist|kannst|musst|möchtest|erhältst)\b")


def visible_text(response):
    html = response.content.decode()
    main = re.search(r"<main[^>]*>(.*)</main>", html, re.S).group(1)
    return " ".join(strip_tags(main).split())


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
