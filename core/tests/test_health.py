"""/healthz reports each part on its own: "ok", "degraded" (200) or "error" (503, the site cannot serve).

Each test breaks one part for real (a read-only database, a missing folder, a stopped
Redis, a task nobody runs, a disk fuller than the limit) and checks that /healthz
names that part, and only that part, with the reason.
"""

import shutil
import tempfile
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from delivery import redis_cache
from medlex.testing import free_port, start_redis

pytestmark = pytest.mark.django_db

PARTS = ["database", "cache", "media", "private", "tasks", "disk"]


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    """Media and private folders of this test's own, so a test can take one away."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDLEX_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT.mkdir()
    settings.MEDLEX_PRIVATE_ROOT.mkdir()


def health():
    response = Client().get("/healthz")
    return response.status_code, response.json()


def only_degraded(report, name):
    """The report says the site works, degraded, because of ``name`` alone; returns that part's reason."""
    assert report["status"] == "degraded"
    assert [part for part in PARTS if report[part]["status"] != "ok"] == [name]
    assert report[name]["status"] == "degraded"
    return report[name]["reason"]


def test_every_part_is_reported_ok_when_all_work():
    assert health() == (200, {"status": "ok", **dict.fromkeys(PARTS, {"status": "ok"})})


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite's read-only mode"
)
def test_a_read_only_database_is_reported_as_read_only_not_as_a_cache_problem():
    connection.ensure_connection()
    connection.connection.execute("PRAGMA query_only = ON")
    try:
        status, report = health()
    finally:
        connection.connection.execute("PRAGMA query_only = OFF")
    assert status == 200
    assert report["database"]["status"] == "degraded" and report["database"]["reason"].startswith("read-only")
    assert "readonly" in report["database"]["reason"]
    # The database cache lives in the same database, so it takes no writes either, and says so.
    assert report["cache"]["status"] == "degraded"


def test_a_missing_media_folder_is_degraded(settings):
    shutil.rmtree(settings.MEDIA_ROOT)
    status, report = health()
    assert status == 200
    assert only_degraded(report, "media") == f"missing: {settings.MEDIA_ROOT}"


def test_a_missing_private_folder_is_degraded(settings):
    shutil.rmtree(settings.MEDLEX_PRIVATE_ROOT)
    status, report = health()
    assert status == 200
    assert only_degraded(report, "private") == f"missing: {settings.MEDLEX_PRIVATE_ROOT}"


def test_a_task_waiting_longer_than_the_limit_makes_the_queue_degraded(settings):
    settings.MEDLEX_HEALTH_QUEUE_MAX_AGE = 600
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="translation.tasks.translate_article_task",
        backend_name="translation",
        run_after=timezone.now(),
    )
    assert health()[1]["tasks"] == {"status": "ok"}, "a task that has just arrived is no sign of trouble"
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - timedelta(minutes=30))
    status, report = health()
    assert status == 200
    assert only_degraded(report, "tasks").startswith("oldest waiting task is 1800 s old")


def test_less_free_disk_than_the_limit_is_degraded(settings):
    settings.MEDLEX_HEALTH_MIN_FREE_MB = shutil.disk_usage(settings.MEDIA_ROOT).free // (1024 * 1024) + 1024
    status, report = health()
    assert status == 200
    assert only_degraded(report, "disk").startswith("low: ")


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs Debian's redis-server")
def test_redis_down_is_a_degraded_cache_and_recovers_without_a_restart(settings):
    port, workdir = free_port(), tempfile.mkdtemp(prefix="medlex-redis-")
    url = f"redis://127.0.0.1:{port}/0"
    server = start_redis(port, workdir)
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "delivery.redis_cache.RedisCache", "LOCATION": url, "OPTIONS": {"socket_timeout": 1}},
    }
    try:
        assert health() == (200, {"status": "ok", **dict.fromkeys(PARTS, {"status": "ok"})})
        server.terminate()
        server.wait(timeout=10)
        status, report = health()
        assert status == 200
        assert only_degraded(report, "cache").startswith("unavailable")
        server = start_redis(port, workdir)
        time.sleep(redis_cache.RETRY_AFTER + 0.1)
        assert health() == (200, {"status": "ok", **dict.fromkeys(PARTS, {"status": "ok"})})
    finally:
        server.terminate()
        server.wait(timeout=10)
        redis_cache.outages.pop(url, None)
        shutil.rmtree(workdir, ignore_errors=True)
