"""A database that takes no writes is reported as what it is, never as a rate limit.

allauth counts login attempts in the shared cache, which in the embedded mode is a
table of the database; when that table takes no writes, allauth cannot count and
refuses, and the reader used to read "Too many attempts" (429) at their first try.
SQLite's own read-only switch (``PRAGMA query_only``) makes the database refuse
every write, as a read-only file or file system does.
"""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection
from django.test import Client

from accounts.tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite's read-only mode"
    ),
]


@pytest.fixture
def reader(django_user_model):
    user = django_user_model.objects.create_user("reader@example.org", "reader@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def read_only_database():
    """Switched on the driver's connection itself: after a refused write, Django takes no more queries in the test's transaction."""
    connection.ensure_connection()
    connection.connection.execute("PRAGMA query_only = ON")
    yield
    connection.connection.execute("PRAGMA query_only = OFF")


@pytest.mark.parametrize(
    "language, unavailable, too_many",
    [
        ("en", "Sign-in is briefly unavailable", "Too many attempts"),
        ("de", "Die Anmeldung ist kurz nicht möglich", "Zu viele Versuche"),
    ],
)
def test_signing_in_on_a_read_only_database_says_sign_in_is_unavailable_not_too_many_attempts(
    reader, read_only_database, language, unavailable, too_many
):
    client = Client(raise_request_exception=False)
    assert client.get(f"/{language}/accounts/login/").status_code == 200
    response = client.post(f"/{language}/accounts/login/", {"login": reader.email, "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 503
    assert unavailable in html and too_many not in html
    assert settings.SESSION_COOKIE_NAME not in response.cookies, "nobody was logged in"


@pytest.fixture
def logged_in_reader(reader):
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    return client


@pytest.mark.parametrize(
    "language, heading", [("en", "medlex is briefly unavailable"), ("de", "medlex ist kurz nicht erreichbar")]
)
def test_a_change_the_database_refuses_answers_a_503_page_in_the_readers_language(
    logged_in_reader, read_only_database, language, heading
):
    response = logged_in_reader.post(f"/{language}/accounts/logout/")
    html = response.content.decode()
    assert response.status_code == 503
    assert heading in html and f'lang="{language}"' in html
