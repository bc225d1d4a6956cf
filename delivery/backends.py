"""Authentication backends: Django's and allauth's, with a cheaper per-request user lookup.

Every request of a logged-in reader loads the user named in the session. On a
cached article view that lookup was a third of the server time, almost all of it
spent building the same ORM query again, and on PostgreSQL it is the only reason
a warm view touches the database at all (two round trips, with the connection's
health check). So the user row is kept in the shared cache, and read from the
database with SQL built once per process when it is not there. Which users are
accepted (``user_can_authenticate``: active ones) is unchanged, and so is
Django's check of the session against the password.

The cached row is stored with the reader's generation (access.policy), which
every save or deletion of the user starts anew, now and after the commit
(``forget_reader``, connected in delivery/receivers.py), so deactivation and password
changes end sessions on the next request, on every server, even if another
server loaded the old row meanwhile. ``USER_TIMEOUT`` is the safety net for
changes made behind the ORM's back.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import router

from delivery.tiers import reader_generation, reader_generation_key

USER_TIMEOUT = 300

# The cache values (by key) a caller fetched together with its own cache keys.
_prefetched = ContextVar("medlex_prefetched_user_row", default=None)


def user_cache_keys(user_id):
    """The cache keys ``load_user`` reads: the reader's generation and the user row."""
    return [reader_generation_key(user_id), f"accounts:user-row:{user_id}"]


@contextmanager
def prefetched_user_row(values):
    """Let user lookups inside this block use ``values``, read by the caller (None for a key not cached)."""
    token = _prefetched.set(values)
    try:
        yield
    finally:
        _prefetched.reset(token)


def load_user(user_id):
    """The user with primary key ``user_id``, or None: from the cache, else with one query."""
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
    keys = user_cache_keys(user_id)
    values = _prefetched.get() or {}
    if not all(key in values for key in keys):
        values = cache.get_many(keys)
    # Read before the row is: a row loaded from the database is stored with the
    # generation as it was before the query, so a change committed meanwhile retires it.
    generation = reader_generation(user_id, values.get(keys[0]))
    stored = values.get(keys[1])
    if stored is not None and stored[:2] == (attnames, generation):
        user = User.from_db(alias, attnames, stored[2])
    else:
        user = User._default_manager.db_manager(alias).filter(pk=user_id).first()
        if user is not None:
            cache.set(keys[1], (attnames, generation, [getattr(user, attname) for attname in attnames]), USER_TIMEOUT)
    if user is not None:
        # delivery.tiers.cached_tier tags the tier it computes from this row with the same generation.
        user.medlex_reader_generation = generation
    return user


class FastUserLookup:
    def get_user(self, user_id):
        user = load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class AuthenticationBackend(FastUserLookup, AllauthBackend):
    """allauth's backend (login by e-mail address, the site's login form)."""
