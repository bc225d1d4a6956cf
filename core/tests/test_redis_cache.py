"""The Redis cache backend: Django's, sharing one redis-py client, against a real Redis server."""

import shutil
import subprocess
import tempfile
import threading

import pytest

from core.redis_cache import RedisCache
from medlex.testing import free_port

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs Debian's redis-server")


@pytest.fixture(scope="module")
def redis_url():
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="medlex-redis-")
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workdir], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    probe = RedisCache(url, {})
    for _ in range(100):
        try:
            probe.set("probe", 1)
            break
        except Exception:
            threading.Event().wait(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)


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
