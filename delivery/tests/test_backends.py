"""The logged-in user comes from the cache or one query, with the same result as Django's backend,
and every change to the account is seen on the next lookup."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.tests.conftest import PASSWORD, make_reader
from delivery.backends import AuthenticationBackend, prefetched_user_row, user_cache_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return lambda kind, email=None: make_reader(django_user_model, kind, email)


LOGIN = "/en/accounts/login/"
ACCOUNT_PAGE = "/en/accounts/professional/"


def field_values(user):
    return {field.attname: getattr(user, field.attname) for field in user._meta.concrete_fields}


def test_the_user_loaded_is_the_one_the_orm_loads_from_the_database_and_from_the_cache(reader):
    user = reader("verified")
    expected = field_values(DjangoModelBackend().get_user(user.pk))
    for _ in ("database", "cache"):
        loaded = AuthenticationBackend().get_user(str(user.pk))
        assert field_values(loaded) == expected
        assert not loaded.get_deferred_fields()
        assert loaded._state.adding is False and loaded._state.db == "default"


def test_a_cached_user_row_is_one_cache_read_and_no_user_query(reader):
    user = reader("verified")
    AuthenticationBackend().get_user(user.pk)
    with CaptureQueriesContext(connection) as queries:
        assert AuthenticationBackend().get_user(user.pk) == user
    assert len(queries) == 1 and "auth_user" not in queries[0]["sql"]


def test_a_row_fetched_by_the_caller_needs_no_query_at_all(reader):
    user = reader("verified")
    AuthenticationBackend().get_user(user.pk)
    values = cache.get_many(user_cache_keys(user.pk))
    with CaptureQueriesContext(connection) as queries, prefetched_user_row(values):
        assert AuthenticationBackend().get_user(user.pk) == user
    assert len(queries) == 0


def test_a_row_cached_with_other_columns_is_read_again_from_the_database(reader):
    """After a migration of the user table, rows cached by the older code are not trusted."""
    user = reader("verified")
    generation_key, row_key = user_cache_keys(user.pk)
    AuthenticationBackend().get_user(user.pk)
    cache.set(row_key, (("id", "username"), cache.get(generation_key), [user.pk, "someone-else"]))
    assert AuthenticationBackend().get_user(user.pk).username == user.username


def test_a_row_cached_by_a_reader_during_a_change_is_dropped_when_the_change_commits(
    reader, django_capture_on_commit_callbacks
):
    user = reader("verified")
    AuthenticationBackend().get_user(user.pk)
    row_key = user_cache_keys(user.pk)[1]
    stale = cache.get(row_key)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        user.is_active = False
        user.save()
        cache.set(row_key, stale)  # another server read the row before the commit
    assert AuthenticationBackend().get_user(user.pk) is None


def test_a_deleted_account_is_nobody_at_once(reader):
    user = reader("verified")
    pk = user.pk
    assert AuthenticationBackend().get_user(pk) is not None
    user.delete()
    assert AuthenticationBackend().get_user(pk) is None


@pytest.mark.parametrize("user_id", ["999999", "not-a-number", "", None])
def test_unknown_or_malformed_ids_are_nobody(user_id):
    assert AuthenticationBackend().get_user(user_id) is None


def test_a_login_through_the_site_is_recorded_with_this_backend_and_ends_when_the_account_is_deactivated(reader):
    user = reader("verified")
    client = Client()
    assert client.post(LOGIN, {"login": user.email, "password": PASSWORD}).status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "delivery.backends.AuthenticationBackend"
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
