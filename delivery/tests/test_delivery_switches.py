"""Each piece of page delivery can be switched off with MEDLEX_DELIVERY_OFF, and then really is off.

The benchmark measures what each piece earns by switching it off; a switch that
left its piece running would measure nothing. So each test shows, with the piece
off, what a reader's request then does instead: it renders, reads the database,
or reads the shared cache again. Pages stay the same either way.
"""

import runpy
import shutil
import tempfile

import pytest
from django.core.cache import CacheHandler, cache, caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import medlex.settings
from access.policy import Tier
from articles.tests.helpers import cno, logged_in, therapy_is_open
from delivery import routing, shells
from delivery.db_cache import DatabaseCache
from delivery.tests.test_redis_cache import start_redis, stop_redis
from medlex.testing import free_port

pytestmark = pytest.mark.django_db

WARM_SHELL_MIDDLEWARE = "delivery.routing.warm_shell_middleware"
PUBLIC_COPIES_MIDDLEWARE = "delivery.public_copies.public_copies_middleware"
needs_database_cache = pytest.mark.skipif(
    not isinstance(caches["default"], DatabaseCache), reason="counts reads of the database cache"
)


def settings_with(monkeypatch, off, **environ):
    """The settings module as it reads this environment (MEDLEX_DELIVERY_OFF=off)."""
    monkeypatch.setenv("MEDLEX_DELIVERY_OFF", off)
    monkeypatch.delenv("REDIS_URL", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(medlex.settings.__file__)


def stored_keys(fragment):
    """The keys in the shared database cache that contain ``fragment``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM medlex_cache WHERE cache_key LIKE %s", [f"%{fragment}%"])
        return {row[0] for row in cursor.fetchall()}


def test_an_unknown_piece_is_refused_at_start_up(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="MEDLEX_DELIVERY_OFF names unknown pieces: shell\\b"):
        settings_with(monkeypatch, "shells,shell")


def test_every_piece_is_on_unless_named_and_each_named_one_is_off(monkeypatch):
    assert settings_with(monkeypatch, "")["DELIVERY_OFF"] == frozenset()
    assert settings_with(monkeypatch, " shells , tier-cache")["DELIVERY_OFF"] == {"shells", "tier-cache"}


@needs_database_cache
def test_with_shells_off_no_shell_is_written_and_every_view_renders(settings, client):
    settings.DELIVERY_OFF = frozenset({"shells"})
    url, before = cno().url, stored_keys("shell-v2")
    first = client.get(url).content
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).content == first
    assert stored_keys("shell-v2") == before
    assert any("wagtailcore_page" in query["sql"] for query in queries)  # the page was loaded to render it


def client_with_a_cookie():
    """A reader's browser that sends a cookie, so no public copy (delivery.public_copies) answers it."""
    client = Client()
    client.cookies["consent"] = "1"
    return client


def test_with_early_answer_off_a_warm_shell_is_served_after_url_routing(monkeypatch, settings):
    middleware = settings_with(monkeypatch, "early-answer")["MIDDLEWARE"]
    assert WARM_SHELL_MIDDLEWARE not in middleware and WARM_SHELL_MIDDLEWARE in settings.MIDDLEWARE
    url, client = cno().url, client_with_a_cookie()
    client.get(url)
    assert client.get(url).wsgi_request.resolver_match is None  # answered before routing
    settings.MIDDLEWARE = middleware
    with CaptureQueriesContext(connection) as queries:
        response = client_with_a_cookie().get(url)  # a new client builds its middleware chain from the settings
    assert response.wsgi_request.resolver_match is not None
    assert len(queries) <= 1  # still the warm shell: one cache read at most


def test_with_public_copies_off_a_reader_without_cookies_passes_the_session_middleware_every_time(
    monkeypatch, settings
):
    middleware = settings_with(monkeypatch, "public-copies")["MIDDLEWARE"]
    assert PUBLIC_COPIES_MIDDLEWARE not in middleware and PUBLIC_COPIES_MIDDLEWARE in settings.MIDDLEWARE
    settings.MIDDLEWARE = middleware
    url = cno().url
    for _ in range(3):
        assert hasattr(Client().get(url).wsgi_request, "session")  # a new client builds its chain from the settings


def test_with_local_copies_off_each_view_reads_the_shell_from_the_shared_cache(settings):
    settings.DELIVERY_OFF = frozenset({"local-copies"})
    url, client = cno().url, client_with_a_cookie()
    first = client.get(url).content
    assert not shells.recent_shells.items
    assert client.get(url).content == first
    assert not shells.recent_shells.items
    settings.DELIVERY_OFF = frozenset()
    client.get(url)
    assert shells.recent_shells.items


def rendered_article_key(page, tier):
    with translation.override(page.locale.language_code):
        return shells.article_key(page, tier)


def test_with_the_article_cache_off_no_rendered_article_is_kept(settings, client):
    settings.DELIVERY_OFF = frozenset({"article-cache", "shells"})
    page = cno()
    cache.delete(rendered_article_key(page, Tier.PUBLIC))
    client.get(page.url)
    assert cache.get(rendered_article_key(page, Tier.PUBLIC)) is None
    settings.DELIVERY_OFF = frozenset({"shells"})
    client.get(page.url)
    assert cache.get(rendered_article_key(page, Tier.PUBLIC)) is not None


@needs_database_cache
def test_with_the_route_cache_off_wagtail_routes_every_view(settings, client):
    settings.DELIVERY_OFF = frozenset({"route-cache", "shells"})
    url, before = cno().url, stored_keys(":route:")
    html = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).content.decode() == html
    assert stored_keys(":route:") == before
    assert not routing.unrestricted_articles.items and not routing.recent_sites.items
    assert any("wagtailcore_site" in query["sql"] for query in queries)  # Wagtail's walk starts at the site


def test_with_the_tier_cache_off_the_tier_is_never_stored_in_the_cache(monkeypatch, settings, verified_user):
    off = settings_with(monkeypatch, "tier-cache")
    assert off["MEDLEX_TIER_READER"] == ""
    settings.MEDLEX_TIER_READER, settings.DELIVERY_OFF = off["MEDLEX_TIER_READER"], off["DELIVERY_OFF"]
    reader = logged_in(verified_user)
    for _ in range(2):
        assert therapy_is_open(reader.get(cno().url).content.decode())
    reader.get("/en/search/?q=CNO")
    assert cache.get(f"access:reader-tier:{verified_user.pk}") is None
    settings.MEDLEX_TIER_READER, settings.DELIVERY_OFF = "delivery.tiers.cached_tier", frozenset()
    reader.get("/en/search/?q=CNO")
    assert cache.get(f"access:reader-tier:{verified_user.pk}") is not None


def test_with_the_user_cache_off_allauths_backend_reads_the_user_from_the_database(
    monkeypatch, settings, verified_user
):
    off = settings_with(monkeypatch, "user-cache")
    assert off["AUTHENTICATION_BACKENDS"] == ["allauth.account.auth_backends.AuthenticationBackend"]
    settings.AUTHENTICATION_BACKENDS, settings.DELIVERY_OFF = off["AUTHENTICATION_BACKENDS"], off["DELIVERY_OFF"]
    reader, url = logged_in(verified_user), cno().url
    reader.get(url)
    with CaptureQueriesContext(connection) as queries:
        html = reader.get(url).content.decode()
    assert "Dana Doc" in html and therapy_is_open(html)
    assert any("auth_user" in query["sql"] for query in queries)
    assert cache.get(f"accounts:user-row:{verified_user.pk}") is None


def test_with_prerender_off_a_publish_renders_nothing_ahead(settings, django_capture_on_commit_callbacks):
    page = cno()
    for off, prerendered in ((frozenset({"prerender"}), False), (frozenset(), True)):
        settings.DELIVERY_OFF = off
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        assert (cache.get(rendered_article_key(page, Tier.PROFESSIONAL)) is not None) == prerendered


@needs_database_cache
def test_with_the_lean_database_cache_off_djangos_reads_every_row_and_checks_expiry_itself(monkeypatch):
    config = settings_with(monkeypatch, "lean-db-cache")["CACHES"]["default"]
    assert config["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    for backend, filters_in_sql in ((CacheHandler({"default": config})["default"], False), (cache, True)):
        with CaptureQueriesContext(connection) as queries:
            backend.get_many(["a", "b"])
        assert ("expires" in queries[0]["sql"].split("WHERE")[1]) == filters_in_sql


@pytest.fixture(scope="module")
def redis_url():
    port, workdir = free_port(), tempfile.mkdtemp(prefix="medlex-redis-")
    server = start_redis(port, workdir)
    yield f"redis://127.0.0.1:{port}/0"
    stop_redis(server)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.mark.parametrize("off", ["", "redis-lean-client"])
def test_with_the_lean_client_off_djangos_own_redis_backend_serves_the_cache(monkeypatch, redis_url, off):
    config = settings_with(monkeypatch, off, REDIS_URL=redis_url)["CACHES"]["default"]
    backend = CacheHandler({"default": config})["default"]
    assert (config["BACKEND"] == "delivery.redis_cache.RedisCache") == (off != "redis-lean-client")
    backend.set("generation:articles", "g1")
    assert backend.get_many(["generation:articles", "missing"]) == {"generation:articles": "g1"}
