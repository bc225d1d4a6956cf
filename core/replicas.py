"""Reads from a PostgreSQL streaming replica, writes to the primary (``DATABASE_REPLICA_URL``).

Only what cannot go wrong goes to the replica: the ORM's reads during a GET or HEAD
request of a reader who has not written anything lately, while the replica answers and
is at most ``MEDLEX_REPLICA_MAX_LAG`` seconds behind. Everything else reads from the
primary:

- requests that change something (POST, PUT, PATCH, DELETE): they read what they then
  write, and must not decide on stale rows;
- the rest of any request that wrote, and every request of that reader for
  ``MEDLEX_REPLICA_PIN_SECONDS`` after it (a cookie says until when), so whoever logs
  in, bookmarks or publishes sees their own change on the next page;
- everything outside a request (management commands, the task worker), and the
  database cache table (rate limits, sessions, page caches are written and read back
  at once);
- reads inside a transaction on the primary.

Whether the replica is usable is asked at most every ``MEDLEX_REPLICA_CHECK_SECONDS``
per process: a replica that does not answer within two seconds, or whose replay lags,
is left alone until the next check.
"""

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "medlex_primary"
# Tables the ORM reads right after writing them, whoever asks: the database cache (page
# caches, sessions, rate-limit counts) and the task queue.
PRIMARY_ONLY_APPS = frozenset({"django_cache", "django_tasks_database"})

# Per request (and thread): may reads go to the replica, and did this request write?
replica_allowed = ContextVar("replica_allowed", default=False)
wrote = ContextVar("wrote", default=False)

# The answer of the last check, per process.
LAG_QUERY = """
SELECT pg_is_in_recovery(),
       CASE WHEN pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
            THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9)
       END
"""


class ReplicaHealth:
    """Whether the replica may serve reads, asked of it at most every few seconds."""

    def __init__(self):
        self.checked_at, self.usable, self.reason = float("-inf"), False, "not checked yet"

    def __call__(self):
        now = time.monotonic()
        if now - self.checked_at >= settings.MEDLEX_REPLICA_CHECK_SECONDS:
            self.checked_at = now
            self.usable, self.reason = self.check()
        return self.usable

    def check(self):
        replica = connections[REPLICA]
        try:
            with replica.cursor() as cursor:
                cursor.execute(LAG_QUERY)
                in_recovery, lag = cursor.fetchone()
        except DatabaseError as error:
            replica.close()  # reconnect at the next check rather than reuse a broken connection
            return False, f"unreachable: {error}"
        if not in_recovery:
            return False, "not a replica (promoted?)"
        if lag > settings.MEDLEX_REPLICA_MAX_LAG:
            return False, f"{lag:.1f} s behind"
        return True, "ok"


replica_health = ReplicaHealth()


class ReplicaRouter:
    """DATABASE_ROUTERS entry when a replica is configured (medlex/settings.py)."""

    def db_for_read(self, model, **hints):
        if (
            replica_allowed.get()
            and not wrote.get()
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and not connections[PRIMARY].in_atomic_block
            and replica_health()
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        # Filling a cache is no change of the reader's; anything else pins them to the primary.
        if model._meta.app_label not in PRIMARY_ONLY_APPS:
            wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def replica_middleware(get_response):
    """Lets a request read from the replica, unless it writes or its reader wrote within the last seconds."""

    def middleware(request):
        pinned_until = request.COOKIES.get(PIN_COOKIE, "")
        pinned = pinned_until.isdigit() and int(pinned_until) > time.time()
        allowed = request.method in ("GET", "HEAD", "OPTIONS") and not pinned
        allowed_token, wrote_token = replica_allowed.set(allowed), wrote.set(False)
        try:
            response = get_response(request)
            if wrote.get():
                seconds = settings.MEDLEX_REPLICA_PIN_SECONDS
                response.set_cookie(
                    PIN_COOKIE,
                    str(int(time.time()) + seconds),
                    max_age=seconds,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
        finally:
            replica_allowed.reset(allowed_token)
            wrote.reset(wrote_token)

    return middleware
