"""Authentication backends: Django's and allauth's, with a cheaper per-request user lookup.

Every request of a logged-in reader loads the user named in the session. On a
cached article view that lookup was a third of the server time, almost all of it
spent building the same ORM query again, and on PostgreSQL it is the only reason
a warm view touches the database at all (two round trips, with the connection's
health check). So the user row is kept in the shared cache, and read from the
database with SQL built once per process when it is not there. Which users are
accepted (``user_can_authenticate``: active ones) is unchanged, and so is
Django's check of the session against the password.

The cached row is dropped whenever the user is saved or deleted
(``forget_user``, connected in accounts/signals.py), so deactivation and password
changes end sessions on the next request, on every server. ``USER_TIMEOUT`` is
the safety net for changes made behind the ORM's back.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends, get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import router, transaction

from core.precompiled import PrecompiledQuery

USER_TIMEOUT = 300

# (cache key, value) of a user row a caller fetched together with its own cache keys.
_prefetched = ContextVar("medlex_prefetched_user_row", default=(None, None))


def user_cache_key(user_id):
    return f"accounts:user:{user_id}"


@contextmanager
def prefetched_user_row(key, value):
    """Let user lookups inside this block use ``value``, read by the caller under ``key`` (None: not cached)."""
    token = _prefetched.set((key, value))
    try:
        yield
    finally:
        _prefetched.reset(token)


def forget_user(user_pk):
    """Drop a user's cached row now and, as a reader may have cached the old row meanwhile, again after the commit."""
    key = user_cache_key(user_pk)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


# The user by primary key, SQL built once per process (core.precompiled). The marker
# lies within every integer range: for an id out of range Django compiles no SQL.
_user_by_pk = PrecompiledQuery(lambda pk: get_user_model()._default_manager.filter(pk=pk).order_by()[:1], pk=-1_731_000_001)


def load_user(user_id):
    """The user with primary key ``user_id``, or None: from the cache, else with one precompiled query."""
    User = get_user_model()
    try:
        user_id = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    if user_id is None:
        return None
    alias = router.db_for_read(User)
    # Stored with the field names: after a migration of the user table, rows cached
    # by the older code are not used.
    attnames = tuple(field.attname for field in User._meta.concrete_fields)
    key = user_cache_key(user_id)
    prefetched_key, stored = _prefetched.get()
    if prefetched_key != key:
        stored = cache.get(key)
    if stored is not None and stored[0] == attnames:
        return User.from_db(alias, attnames, stored[1])
    user = _user_by_pk.first(alias, pk=user_id)
    if user is not None:
        cache.set(key, (attnames, [getattr(user, attname) for attname in attnames]), USER_TIMEOUT)
    return user


class FastUserLookup:
    def get_user(self, user_id):
        user = load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(FastUserLookup, backends.ModelBackend):
    """Django's backend. Not in AUTHENTICATION_BACKENDS: logins go through allauth only (medlex/settings.py)."""


class AuthenticationBackend(FastUserLookup, AllauthBackend):
    """allauth's backend (login by e-mail address, the site's login form)."""
