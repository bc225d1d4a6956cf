"""Reading settings from the environment, and the production safety check."""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# Only ever used in the embedded development mode; production refuses it.
DEVELOPMENT_SECRET_KEY = "medlex-development-only-not-secret"


def get(name, default=None):
    return os.environ.get(name, default)


def flag(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def list_of(name, default):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def names_of(name, allowed):
    """A comma-separated set of names from ``allowed``; an unknown name is refused, so a typo never goes unnoticed."""
    names = frozenset(list_of(name, []))
    unknown = sorted(names - set(allowed))
    if unknown:
        raise ImproperlyConfigured(
            f"{name} names unknown pieces: {', '.join(unknown)}. Known: {', '.join(sorted(allowed))}."
        )
    return names


def cds_hooks_clients(name):
    """The EHRs allowed to call the CDS Hooks service: a JSON list of ``{"iss": ..., "jwks_url": ...}``
    or ``{"iss": ..., "public_key": "-----BEGIN PUBLIC KEY-----..."}`` (pointofcare.auth).

    A malformed list stops the start with a message, so a typo never silently locks every EHR out.
    """
    value = os.environ.get(name, "").strip()
    if not value:
        return {}
    try:
        entries = json.loads(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a JSON list of clients: {error}") from None
    if not isinstance(entries, list):
        raise ImproperlyConfigured(f"{name} must be a JSON list of clients.")
    clients = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("iss"), str) or not entry["iss"]:
            raise ImproperlyConfigured(f'{name}: every client needs an issuer ("iss").')
        keys = [key for key in ("jwks_url", "public_key") if isinstance(entry.get(key), str) and entry[key]]
        if len(keys) != 1 or set(entry) - {"iss", "jwks_url", "public_key"}:
            raise ImproperlyConfigured(f'{name}: client {entry["iss"]!r} needs either "jwks_url" or "public_key".')
        clients[entry["iss"]] = {keys[0]: entry[keys[0]]}
    return clients


def database(sqlite_path):
    url = os.environ.get("DATABASE_URL")
    if url:
        parsed = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if parsed["ENGINE"] != "django.db.backends.sqlite3":
            return parsed
        sqlite_path = parsed["NAME"]  # a sqlite:// address gets the same settings as the default file
    else:
        sqlite_path = os.environ.get("MEDLEX_SQLITE_PATH", str(sqlite_path))
    Path(sqlite_path).parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(sqlite_path),
        # Without the write-ahead log every commit waits for a disk sync (about 20 ms on the benchmark VM).
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20},
        # Opening a connection (and its PRAGMAs) per request cost more than a whole
        # cached article view; each worker keeps its own (bench/README.md).
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
    }


def replica_database():
    """The read replica of DATABASE_URL's PostgreSQL primary from DATABASE_REPLICA_URL; None without one.

    Tests run against the primary alone (a replica reads what the primary holds), and a
    replica that does not answer must not hold a request up for long.
    """
    url = os.environ.get("DATABASE_REPLICA_URL")
    if not url:
        return None
    replica = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if replica["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must name a PostgreSQL streaming replica (postgres://…).")
    replica.setdefault("OPTIONS", {})["connect_timeout"] = 2
    replica["TEST"] = {"MIRROR": "default"}
    return replica


# The database cache's table (``createcachetable``), without REDIS_URL.
DATABASE_CACHE_TABLE = "medlex_cache"


def cache():
    url = os.environ.get("REDIS_URL")
    if url:
        # A Redis that hangs must not hang the pages: after a second without an answer the
        # call counts as failed and the page is built without the cache (delivery.redis_cache).
        return {
            "BACKEND": "delivery.redis_cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    # The database cache is shared by every worker process of the embedded mode,
    # which rate limits need; a per-process memory cache would not be.
    # Django's default of 300 entries would evict rendered pages of a large corpus
    # almost at once; each entry is a few kilobytes.
    return {
        "BACKEND": "delivery.db_cache.DatabaseCache",
        "LOCATION": DATABASE_CACHE_TABLE,
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    }


def gunicorn_trusts_any_client():
    """Whether gunicorn is told to believe X-Forwarded-Proto from any client, who could then claim HTTPS."""
    if "*" in os.environ.get("FORWARDED_ALLOW_IPS", ""):
        return True
    args = os.environ.get("GUNICORN_CMD_ARGS", "").replace("=", " ").split()
    return any(arg == "--forwarded-allow-ips" and "*" in value for arg, value in zip(args, args[1:]))


def check_production(settings):
    """Refuse to start production mode with settings that are unsafe."""
    problems = []
    if settings["DEBUG"]:
        problems.append("MEDLEX_DEBUG must be off")
    key = settings["SECRET_KEY"]
    if not key or key == DEVELOPMENT_SECRET_KEY or len(key) < 50 or len(set(key)) < 5:
        problems.append("MEDLEX_SECRET_KEY must be set to a random value of at least 50 characters")
    if not settings["SESSION_COOKIE_SECURE"] or not settings["CSRF_COOKIE_SECURE"]:
        problems.append("cookies must be secure (MEDLEX_SECURE_COOKIES must not be off)")
    if not os.environ.get("MEDLEX_ALLOWED_HOSTS"):
        problems.append("MEDLEX_ALLOWED_HOSTS must list the host names this site answers to")
    if gunicorn_trusts_any_client():
        problems.append(
            "gunicorn's FORWARDED_ALLOW_IPS (--forwarded-allow-ips) must name the proxy's addresses, not '*'"
        )
    if problems:
        raise ImproperlyConfigured("Refusing to start in production mode: " + "; ".join(problems) + ".")
