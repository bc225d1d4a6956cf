"""Each part medlex depends on, checked on its own: what /healthz reports.

A part is "ok", "degraded" (the site still serves readers, something is slower or
paused: the cache, the task worker, free disk space, a storage directory, a
read-only database) or "error" (the site cannot serve: the database does not
answer). Only an "error" makes /healthz answer 503, so a load balancer takes a
server out of rotation only when it is unusable; "degraded" answers 200 and names
the part and the reason for the monitoring. /healthz is polled, so every check is
a few cheap statements or system calls; none reads more than one row.
"""

import os
import shutil
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

OK, DEGRADED, ERROR = "ok", "degraded", "error"


def part(status, reason=""):
    return {"status": status, "reason": reason} if reason else {"status": status}


def error_text(error):
    """An error as the operator needs it: its kind and its first line (never a traceback)."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{error.__class__.__name__}: {message}" if message else error.__class__.__name__


def database():
    """Reachable (a SELECT) and writable (an UPDATE that changes no row, which a read-only database refuses)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return part(ERROR, f"unreachable: {error_text(error)}")
    table = connection.ops.quote_name(MigrationRecorder.Migration._meta.db_table)
    app = connection.ops.quote_name("app")
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {app} = {app} WHERE 1 = 0")
    except DatabaseError as error:
        return part(DEGRADED, f"read-only: {error_text(error)}")
    return OK_PART


OK_PART = part(OK)


def shared_cache():
    """Whether the shared cache takes a write and gives it back (sessions, pages, rate limits live there)."""
    key = f"medlex:health:{uuid.uuid4().hex}"
    try:
        stored = cache.add(key, "1", 10)
        read = cache.get_many([key]).get(key) == "1"
        cache.delete(key)
    except Exception as error:  # any backend's failure is the cache's state, reported, not raised
        return part(DEGRADED, f"unavailable: {error_text(error)}")
    if not stored:
        return part(DEGRADED, "unavailable: it takes no writes")
    if not read:
        return part(DEGRADED, "unavailable: a value written is not read back")
    return OK_PART


def cache_takes_writes():
    """True if the shared cache works; rate limits (counted there) can be trusted only then."""
    return shared_cache()["status"] == OK


def directory(path):
    """A storage directory: it must exist and be writable by this process."""
    path = Path(path)
    if not path.is_dir():
        return part(DEGRADED, f"missing: {path}")
    if not os.access(path, os.W_OK | os.X_OK):
        return part(DEGRADED, f"not writable: {path}")
    return OK_PART


def task_queue():
    """The age of the oldest task waiting for the worker (``manage.py db_worker``); old means the worker is stuck or down."""
    try:
        oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    except DatabaseError as error:
        return part(DEGRADED, f"unreadable: {error_text(error)}")
    if oldest is None:
        return OK_PART
    age = timezone.now() - oldest
    limit = timedelta(seconds=settings.MEDLEX_HEALTH_QUEUE_MAX_AGE)
    if age > limit:
        return part(
            DEGRADED, f"oldest waiting task is {int(age.total_seconds())} s old (limit {int(limit.total_seconds())} s)"
        )
    return OK_PART


def storage_paths():
    """Where medlex writes: the SQLite file's directory (if SQLite), uploads, proof documents."""
    paths = [Path(settings.MEDIA_ROOT), Path(settings.MEDLEX_PRIVATE_ROOT)]
    if connection.vendor == "sqlite":
        paths.insert(0, Path(connection.settings_dict["NAME"]).parent)
    return paths


def disk():
    """Free space where medlex writes, against ``MEDLEX_HEALTH_MIN_FREE_MB``; the fullest place is named."""
    limit = settings.MEDLEX_HEALTH_MIN_FREE_MB * 1024 * 1024
    lowest = None
    for path in storage_paths():
        # A missing directory is reported by its own check; its file system is the parent's.
        while not path.exists() and path != path.parent:
            path = path.parent
        free = shutil.disk_usage(path).free
        if lowest is None or free < lowest[1]:
            lowest = (path, free)
    if lowest[1] < limit:
        return part(
            DEGRADED,
            f"low: {lowest[1] // (1024 * 1024)} MB free at {lowest[0]} (limit {settings.MEDLEX_HEALTH_MIN_FREE_MB} MB)",
        )
    return OK_PART


def report():
    """Every part's state, and the site's: "error" if the database cannot be reached, else "degraded" if any part is."""
    parts = {"database": database()}
    parts["cache"] = shared_cache()
    parts["media"] = directory(settings.MEDIA_ROOT)
    parts["private"] = directory(settings.MEDLEX_PRIVATE_ROOT)
    parts["tasks"] = task_queue() if parts["database"]["status"] != ERROR else part(ERROR, "database unreachable")
    parts["disk"] = disk()
    if parts["database"]["status"] == ERROR:
        status = ERROR
    elif any(value["status"] != OK for value in parts.values()):
        status = DEGRADED
    else:
        status = OK
    return status, parts
