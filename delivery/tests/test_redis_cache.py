"""The Redis cache backend: Django's, sharing one redis-py client and reading on one connection per thread,
against a real Redis server."""

import shutil
import tempfile
import threading

import pytest

from delivery.redis_cache import RedisCache
from medlex.testing import free_port, start_redis

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs Debian's redis-server")


def stop_redis(server):
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_server():
    port, workdir = free_port(), tempfile.mkdtemp(prefix="medlex-redis-")
    server = {"process": start_redis(port, workdir), "port": port, "workdir": workdir}
    yield server
    stop_redis(server["process"])
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def redis_url(redis_server):
    return f"redis://127.0.0.1:{redis_server['port']}/0"


@pytest.fixture
def backend(redis_url):
    cache = RedisCache(redis_url, {})
    cache.clear()
    return cache


def test_it_stores_reads_counts_and_forgets_like_djangos_backend(backend):
    backend.set("article", {"html": "<p>ok</p>"}, 60)
    assert backend.get("article") == {"html": "<p>ok</p>"}
    assert backend.get_many(["article", "missing"]) == {"article": {"html": "<p>ok</p>"}}
    assert backend.add("generation", "a") and not backend.add("generation", "b")
    assert backend.get("generation") == "a"
    backend.set("attempts", 1)
    assert backend.incr("attempts") == 2
    backend.delete("article")
    assert backend.get("article") is None
    assert backend.get("article", "a default") == "a default"


def test_keys_memcached_would_refuse_are_stored_and_read_without_a_warning(backend, recwarn):
    long_key = "shell:" + "a-long-article-address/" * 20
    backend.set_many({long_key: "long", "with space": "space"})
    assert backend.get_many([long_key, "with space"]) == {long_key: "long", "with space": "space"}
    assert not recwarn.list


def test_one_client_serves_every_call(backend):
    assert backend._cache.get_client("a") is backend._cache.get_client("b", write=True)


def test_threads_sharing_the_client_each_get_their_own_answers(backend):
    backend.set_many({f"key-{n}": n for n in range(8)})
    wrong = []

    def reader(n):
        for _ in range(200):
            if backend.get(f"key-{n}") != n:
                wrong.append(n)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_reads_many_keys_in_order_with_misses_left_out(backend):
    backend.set_many({"generation": "g1", "shell": {"parts": [b"<html>"]}, "tier": ("g1", "professional")})
    assert backend.get_many(["shell", "missing", "generation", "tier"]) == {
        "shell": {"parts": [b"<html>"]},
        "generation": "g1",
        "tier": ("g1", "professional"),
    }
    assert backend.get_many([]) == {}


def test_a_read_interrupted_half_way_never_answers_the_next_read(backend, monkeypatch):
    backend.set_many({"mine": "mine", "other": "other"})
    backend.get_many(["mine"])  # opens this thread's connection
    connection = backend._cache._reader()
    original = connection.read_response

    def interrupted(*args, **kwargs):
        monkeypatch.setattr(connection, "read_response", original)
        raise KeyboardInterrupt  # after the command went out, before its reply was read

    monkeypatch.setattr(connection, "read_response", interrupted)
    with pytest.raises(KeyboardInterrupt):
        backend.get_many(["other"])
    assert backend.get_many(["mine"]) == {"mine": "mine"}


def test_reads_go_on_after_redis_restarts(redis_server, backend):
    backend.set("generation", "before")
    assert backend.get_many(["generation"]) == {"generation": "before"}
    stop_redis(redis_server["process"])
    redis_server["process"] = start_redis(redis_server["port"], redis_server["workdir"])
    assert backend.get_many(["generation"]) == {}  # an empty Redis after the restart, read without an error
    backend.set("generation", "after")
    assert backend.get_many(["generation"]) == {"generation": "after"}
    stop_redis(redis_server["process"])
    redis_server["process"] = start_redis(redis_server["port"], redis_server["workdir"])
    assert backend.get("generation") is None  # one key alone reads the same way
