"""The logged-in user is looked up with one precompiled query, with the same result as Django's backend."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.backends import AuthenticationBackend, ModelBackend
from accounts.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
ACCOUNT_PAGE = "/en/accounts/professional/"


def field_values(user):
    return {field.attname: getattr(user, field.attname) for field in user._meta.concrete_fields}


def test_the_user_loaded_is_the_one_the_orm_loads(reader):
    user = reader("verified")
    loaded = AuthenticationBackend().get_user(str(user.pk))
    assert field_values(loaded) == field_values(DjangoModelBackend().get_user(user.pk))
    assert not loaded.get_deferred_fields()
    assert loaded._state.adding is False and loaded._state.db == "default"


def test_one_query_per_lookup(reader):
    user = reader("verified")
    with CaptureQueriesContext(connection) as queries:
        ModelBackend().get_user(user.pk)
    assert len(queries) == 1


@pytest.mark.parametrize("user_id", ["999999", "not-a-number", "", None])
def test_unknown_or_malformed_ids_are_nobody(user_id):
    assert ModelBackend().get_user(user_id) is None


def test_a_login_through_the_site_is_recorded_with_this_backend_and_ends_when_the_account_is_deactivated(reader):
    user = reader("verified")
    client = Client()
    assert client.post(LOGIN, {"login": user.email, "password": PASSWORD}).status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "accounts.backends.AuthenticationBackend"
    assert client.get(ACCOUNT_PAGE).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(ACCOUNT_PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")


def test_a_password_change_elsewhere_ends_the_session(reader):
    """Django's session hash check still applies to the user this backend loads."""
    user = reader("verified")
    client = Client()
    client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert client.get(ACCOUNT_PAGE).status_code == 200
    user.set_password("another-long-password")
    user.save()
    assert client.get(ACCOUNT_PAGE).status_code == 302
