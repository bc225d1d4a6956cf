"""Redis going down is an outage of the cache, not of the site: against a real Redis server, stopped mid-test.

Readers keep reading (pages are built from the database), stay logged in through the
outage and after it, and sign-in is refused with a clear 503 instead of an error or a
false "too many attempts". When Redis answers again, everything recovers without a restart.
"""

import shutil
import tempfile
import time

import pytest
import redis as redis_py
from allauth.account.models import EmailAddress
from django.test import Client

from articles.tests.helpers import cno, logged_in, therapy_is_open
from delivery import redis_cache
from delivery.redis_cache import RedisCache
from medlex.testing import free_port, start_redis

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs Debian's redis-server"),
]


class Redis:
    """A throwaway Redis server the test can stop and start again on the same port (it keeps nothing on disk)."""

    def __init__(self):
        self.port, self.workdir = free_port(), tempfile.mkdtemp(prefix="medlex-redis-")
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = start_redis(self.port, self.workdir)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def redis(settings):
    server = Redis()
    server.start()
    # Exactly what production uses with REDIS_URL (medlex.env.cache).
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "delivery.redis_cache.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    yield server
    if server.process is not None:
        server.stop()
    redis_cache.outages.pop(server.url, None)
    shutil.rmtree(server.workdir, ignore_errors=True)


def wait_until_redis_is_asked_again():
    """After a failed call a process leaves Redis alone for RETRY_AFTER seconds."""
    time.sleep(redis_cache.RETRY_AFTER + 0.1)


@pytest.fixture
def confirmed_reader(verified_user):
    EmailAddress.objects.create(user=verified_user, email=verified_user.email, verified=True, primary=True)
    return verified_user


def log_in(client, language, email, password):
    client.get(f"/{language}/accounts/login/")
    return client.post(f"/{language}/accounts/login/", {"login": email, "password": password})


def test_anonymous_and_logged_in_readers_read_on_while_redis_is_down(redis, verified_user):
    anonymous, reader = Client(), logged_in(verified_user)
    article = cno("en").url
    assert anonymous.get(article).status_code == 200 and reader.get(article).status_code == 200  # warm
    redis.stop()
    for _ in range(2):
        assert anonymous.get(article).status_code == 200
        page = reader.get(article)
        assert page.status_code == 200
        assert therapy_is_open(page.content.decode()), "the verified reader still sees the full text"
    assert anonymous.get("/de/").status_code == 200


def test_readers_are_still_logged_in_after_redis_comes_back_empty(redis, verified_user):
    reader = logged_in(verified_user)
    article = cno("en").url
    assert therapy_is_open(reader.get(article).content.decode())
    redis.stop()
    assert therapy_is_open(reader.get(article).content.decode())
    redis.start()  # an empty Redis: nothing it held survived
    wait_until_redis_is_asked_again()
    page = reader.get(article)
    assert page.status_code == 200 and therapy_is_open(page.content.decode())
    assert reader.get("/en/accounts/professional/").status_code == 200


@pytest.mark.parametrize(
    "language, message",
    [("en", "Sign-in is briefly unavailable"), ("de", "Die Anmeldung ist kurz nicht möglich")],
)
def test_signing_in_while_redis_is_down_says_sign_in_is_briefly_unavailable(redis, confirmed_reader, language, message):
    redis.stop()
    response = log_in(Client(), language, "doc@example.org", "a-long-test-password")
    html = response.content.decode()
    assert response.status_code == 503
    assert message in html and f'lang="{language}"' in html
    assert "Too many" not in html and "Zu viele" not in html


def test_signing_in_works_again_once_redis_is_back(redis, confirmed_reader):
    client = Client()
    redis.stop()
    assert log_in(client, "en", "doc@example.org", "a-long-test-password").status_code == 503
    redis.start()
    wait_until_redis_is_asked_again()
    response = log_in(client, "en", "doc@example.org", "a-long-test-password")
    assert response.status_code == 302
    assert therapy_is_open(client.get(cno("en").url).content.decode())


def test_an_invalidation_dropped_during_the_outage_is_not_undone_when_redis_returns(redis):
    """Redis that comes back with its old data (a network outage, not a restart) must not revive retired entries."""
    backend = RedisCache(redis.url, {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}})
    backend.set("generation:pages", "before the change")
    redis.stop()
    backend.set("generation:pages", "after the change")  # dropped: Redis is down
    assert backend.get("generation:pages") is None
    redis.start()
    # What Redis still held from before the outage (a restarted Redis is empty anyway).
    redis_py.Redis.from_url(redis.url).set("left-from-before", "the page as it was")
    wait_until_redis_is_asked_again()
    assert backend.get("generation:pages") is None
    assert redis_py.Redis.from_url(redis.url).get("left-from-before") is None, "emptied before anything was read"
    backend.set("generation:pages", "new")
    assert backend.get("generation:pages") == "new"
