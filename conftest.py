"""Shared fixtures: the demo content is loaded once per test database."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings

from medlex.testing import keep_as_demo_template


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing():
    """Passwords of the test process's users are hashed with few rounds (medlex.testing.QuickPBKDF2PasswordHasher)."""
    with override_settings(PASSWORD_HASHERS=["medlex.testing.QuickPBKDF2PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the demo content, which is also what every test server starts from."""
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)
        call_command("load_demo", verbosity=0)
        keep_as_demo_template()


@pytest.fixture
def demo_content():
    """The demo content, for transactional tests: they run last and find the database as Django
    left it after the previous one (emptied, then given back what the migrations made)."""
    from django.core.cache import cache

    from articles.models import ArticlePage

    if not ArticlePage.objects.exists():
        cache.clear()  # what was cached (site root paths, generations) named rows the emptying removed
        call_command("load_demo", verbosity=0)


@pytest.fixture
def migrate_to(demo_content):
    """``migrate_to(targets)`` migrates the test database and returns the project state there (its ``apps``).

    Afterwards the database goes back to the latest migrations of every app, so a
    test that migrates backwards leaves no table missing for the tests after it.
    """
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    yield migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture(autouse=True)
def no_shells_from_earlier_tests():
    """Each test rolls the database back; what a worker keeps of it (shells, menus, fragments, reads, sites, routes) must go too."""
    from delivery.recent import Recent

    for memory in Recent.instances:
        memory.clear()


@pytest.fixture
def verified_user(django_user_model):
    from accounts.states import VERIFIED_PROFESSIONALS_GROUP

    user = django_user_model.objects.create_user(
        "doc@example.org", "doc@example.org", "a-long-test-password", first_name="Dana", last_name="Doc"
    )
    user.groups.add(Group.objects.get_or_create(name=VERIFIED_PROFESSIONALS_GROUP)[0])
    return user


@pytest.fixture
def plain_user(django_user_model):
    return django_user_model.objects.create_user("reader@example.org", "reader@example.org", "a-long-test-password")


@pytest.fixture
def verified_client(client, verified_user):
    client.force_login(verified_user)
    return client


@pytest.fixture(scope="session")
def site_server():
    """A running medlex server with the demo content, shared by the browser tests."""
    from medlex.testing import running_server

    with running_server() as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from medlex.testing import chromium_browser

    with chromium_browser() as browser:
        yield browser
