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
is left alone until the next check. A replica that dies between two checks costs no
failed page: a GET or HEAD request that read from it and failed with a connection-level
error (OperationalError, InterfaceError) has the replica asked again at once, and is
answered a second time, from the primary alone. That is safe because such a request
changes nothing (had it written, its later reads would have gone to the primary).
"""

import sys
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.dispatch import receiver

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "medlex_primary"
# Tables the ORM reads right after writing them, whoever asks: the database cache (page
# caches, sessions, rate-limit counts) and the task queue.
PRIMARY_ONLY_APPS = frozenset({"django_cache", "django_tasks_database"})

# Per request (and thread): may reads go to the replica, and did this request write?
replica_allowed = ContextVar("replica_allowed", default=False)
wrote = ContextVar("wrote", default=False)
# Per request: did it read from the replica, and did it fail with a connection-level error?
read_replica = ContextVar("read_replica", default=False)
replica_failed = ContextVar("replica_failed", default=False)

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
        if time.monotonic() - self.checked_at >= settings.MEDLEX_REPLICA_CHECK_SECONDS:
            self.check_now()
        return self.usable

    def check_now(self):
        """Ask now, whenever the last check was: after a read on the replica failed, a dead
        replica is left alone from this request on instead of until the next check."""
        self.checked_at = time.monotonic()
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
            read_replica.set(True)
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


@receiver(got_request_exception)
def note_replica_failure(sender, request, **kwargs):
    """Remember that a request which read from the replica failed on the connection.

    Django turns the exception into a 500 answer before it reaches the middleware; this
    signal is where it is still seen (it is sent while the exception is being handled).
    """
    if read_replica.get() and isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        replica_failed.set(True)


def replica_middleware(get_response):
    """Lets a request read from the replica, unless it writes or its reader wrote within the last seconds.

    A request the replica failed is answered once more, from the primary (see the module's docstring).
    """

    def middleware(request):
        pinned_until = request.COOKIES.get(PIN_COOKIE, "")
        pinned = pinned_until.isdigit() and int(pinned_until) > time.time()
        allowed = request.method in ("GET", "HEAD", "OPTIONS") and not pinned
        response, failed = respond(request, allowed)
        if failed:
            replica_health.check_now()
            response, _ = respond(request, allowed=False)
        return response

    def respond(request, allowed):
        """The answer to the request, and whether it failed on a read from the replica."""
        tokens = [
            (variable, variable.set(value))
            for variable, value in (
                (replica_allowed, allowed),
                (wrote, False),
                (read_replica, False),
                (replica_failed, False),
            )
        ]
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
            return response, replica_failed.get()
        finally:
            for variable, token in tokens:
                variable.reset(token)

    return middleware
