"""CSRF tokens on cached pages: masked afresh for every response, accepted by Django's own check."""

import re

import pytest
from django.conf import settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from articles.tests.helpers import cno

pytestmark = pytest.mark.django_db


def cno_url():
    return cno().url


def token_on(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def reader(verified_user):
    """A verified reader's browser, which enforces CSRF like a real one and already holds the CSRF cookie."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(verified_user)
    url = cno_url()
    browser.get(url)
    browser.get(url)  # now warm
    assert settings.CSRF_COOKIE_NAME in browser.cookies
    return browser


def test_every_view_carries_a_new_mask_of_the_readers_own_secret(reader):
    url = cno_url()
    tokens = {token_on(reader.get(url)) for _ in range(5)}
    secret = reader.cookies[settings.CSRF_COOKIE_NAME].value
    assert len(tokens) == 5
    assert {_unmask_cipher_token(token) for token in tokens} == {secret}
    assert all(re.fullmatch(r"[A-Za-z0-9]{64}", token) for token in tokens)


def test_the_token_on_a_cached_page_lets_the_reader_log_out(reader):
    token = token_on(reader.get(cno_url()))
    assert reader.post("/en/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert "Dana Doc" not in reader.get(cno_url()).content.decode()


def test_a_forged_token_is_still_refused(reader):
    token = token_on(reader.get(cno_url()))
    forged = token[:32] + ("A" if token[32] != "A" else "B") + token[33:]
    assert reader.post("/en/accounts/logout/", {"csrfmiddlewaretoken": forged}).status_code == 403


def test_a_reader_without_a_cookie_or_with_a_broken_one_gets_a_new_one_that_works(verified_user):
    for cookie in (None, "not-a-valid-csrf-secret"):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(verified_user)
        browser.get(cno_url())  # warms the shell
        if cookie:
            browser.cookies[settings.CSRF_COOKIE_NAME] = cookie
        else:
            browser.cookies.pop(settings.CSRF_COOKIE_NAME, None)
        response = browser.get(cno_url())
        secret = response.cookies[settings.CSRF_COOKIE_NAME].value
        assert secret != cookie and _unmask_cipher_token(token_on(response)) == secret
        assert browser.post("/en/accounts/logout/", {"csrfmiddlewaretoken": token_on(response)}).status_code == 302
