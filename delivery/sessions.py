"""Reading a reader's session in the same cache round trip as what the page needs.

A logged-in reader's warm article view needs the session (whose is it?), then
the user row, the reader's tier and the page, all from the shared cache. Each
worker remembers which user a recent session named, so it can ask for all of it
at once; the session read in that same round trip still decides who the reader
is. When the guess is wrong (the first view of a session on this worker), the
user's keys are read in a second round trip, as before.
"""

from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.cache import caches
from django.core.exceptions import ValidationError

from delivery.recent import Recent

# session key -> the user it named when this worker last read it: a guess, never trusted.
recent_session_users = Recent(10_000)


def session_user_id(request):
    """The primary key the session names, not yet checked against anything; None if there is none."""
    try:
        return get_user_model()._meta.pk.to_python(request.session.get(SESSION_KEY))
    except ValidationError:
        return None


def unread_session_cache_key(request):
    """The default cache's key for this request's session, if it has one and it has not been read yet.

    Sessions of the cache and cached_db engines are stored there as plain dicts,
    exactly what they read themselves.
    """
    session = request.session
    if session.session_key is None or hasattr(session, "_session_cache"):
        return None
    if getattr(session, "_cache", None) is not caches["default"]:
        return None
    return session.cache_key


def use_session_data(request, data):
    """Hand the session the data read under its cache key; None (not cached) leaves it to load itself."""
    if data is not None:
        request.session._session_cache = data


def guessed_user_id(session_cache_key):
    return recent_session_users.get(session_cache_key)


def remember_user_of(session_cache_key, user_id):
    if user_id is not None:
        recent_session_users.put(session_cache_key, user_id)
