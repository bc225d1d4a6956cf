"""Django's Redis cache backend, with less client overhead per call.

* Django's backend builds a new ``redis.Redis`` object for every cache call, and
  building one fills a table of some 170 response callbacks: on a cached article
  view (one cache call) that was about a third of the time spent on Redis. Here
  one redis-py client per connection pool serves every call (redis-py clients are
  safe to share between threads; connections still come from the pool).
* ``get_many`` and ``get`` are the calls a warm article view makes (a logged-in
  reader's session, then everything else in one read). Through the client and its
  pool each cost about 200 µs of CPU, of which the read itself (two system calls)
  was 60 µs; the rest is redis-py's bookkeeping (retries, events, pool locks, a
  readiness poll per command). So both run on a connection of its own per thread,
  still redis-py's, which parses the reply as usual.
* Redis being down is an outage of the cache, not of the site (docs/operations.md,
  "Degraded modes"): a read that cannot reach Redis is a miss, a write is dropped,
  and pages are built from the database. After a failure this process leaves Redis
  alone for ``RETRY_AFTER`` seconds, so a page does not wait for one refused
  connection per cache call. A dropped write may have been an invalidation (a new
  generation, a deleted session), which entries still in Redis would not know of;
  so the first time this process reaches Redis again after dropping writes, it
  empties the cache before anything else (``recover``). Everything in it can be
  rebuilt: sessions are kept in the database too (SESSION_ENGINE ``cached_db``).
"""

import logging
import os
import threading
import time

from django.core.cache.backends import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

# Seconds a process serves without Redis after a failed call before it tries again.
RETRY_AFTER = 1.0


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._readers = threading.local()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def get(self, key, default):
        return self.get_many([key]).get(key, default)

    def get_many(self, keys):
        keys = list(keys)
        if not keys:
            return {}
        for attempt in (1, 2):
            connection = self._reader()
            try:
                connection.send_command("MGET", *keys)
                values = connection.read_response()
            except (ConnectionError, TimeoutError):
                connection.disconnect()
                if attempt == 2:
                    raise
                continue
            except BaseException:
                # A reply left half-read must never be taken for the next command's.
                connection.disconnect()
                raise
            return {key: self._serializer.loads(value) for key, value in zip(keys, values) if value is not None}

    def _reader(self):
        """This thread's connection for reads; a forked process must not share its parent's socket."""
        reader = getattr(self._readers, "reader", None)
        if reader is None or reader[0] != os.getpid():
            pool = self._get_connection_pool(write=False)
            reader = self._readers.reader = (os.getpid(), pool.connection_class(**pool.connection_kwargs))
        return reader[1]


class Outage:
    """What this process knows about one Redis server being unreachable (shared by its threads)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0  # time.monotonic() before which Redis is not asked
        self.since = None  # when the current outage began (time.time()), None while Redis answers
        self.writes_dropped = False  # a write was dropped: empty the cache when Redis answers again


# Redis location -> its Outage, per process.
outages = {}


def outage_of(location):
    return outages.setdefault(location, Outage())


class RedisCache(redis.RedisCache):
    """Django's Redis cache that degrades to "nothing cached" while Redis cannot be reached."""

    def validate_key(self, key):
        """Any key is valid: Redis takes keys of any bytes and length.

        Django's check warns about keys memcached would refuse (over 250 characters,
        spaces, control characters) by looking at every character of every key; a warm
        verified view asks a dozen keys of up to 130 characters. Overriding it is
        Django's documented way for a backend that takes a wider range of keys.
        """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self.outage = outage_of(server if isinstance(server, str) else ",".join(server))

    @property
    def available(self):
        """False while this process treats Redis as down (after a failed call, for ``RETRY_AFTER`` seconds)."""
        return time.monotonic() >= self.outage.down_until

    def guarded(self, call, fallback, *, write):
        """``call()``, or ``fallback`` if Redis cannot be reached (a dropped write is remembered)."""
        outage = self.outage
        if not self.available:
            outage.writes_dropped |= write
            return fallback
        try:
            if outage.writes_dropped:
                self.recover()
            result = call()
        except (ConnectionError, TimeoutError) as error:
            with outage.lock:
                outage.down_until = time.monotonic() + RETRY_AFTER
                outage.writes_dropped |= write
                if outage.since is None:
                    outage.since = time.time()
                    logger.warning("Redis cannot be reached (%s); serving without the cache", error)
            return fallback
        if outage.since is not None:
            with outage.lock:
                if outage.since is not None:
                    logger.warning("Redis answers again after %.0f s", time.time() - outage.since)
                    outage.since = None
        return result

    def recover(self):
        """Empty the cache once Redis answers again after writes were dropped (see the module's docstring)."""
        with self.outage.lock:
            if self.outage.writes_dropped:
                super().clear()
                self.outage.writes_dropped = False
                logger.warning("Redis emptied after the outage: writes made meanwhile were dropped")

    def get(self, key, default=None, version=None):
        return self.guarded(lambda: super(RedisCache, self).get(key, default, version), default, write=False)

    def get_many(self, keys, version=None):
        return self.guarded(lambda: super(RedisCache, self).get_many(keys, version), {}, write=False)

    def has_key(self, key, version=None):
        return self.guarded(lambda: super(RedisCache, self).has_key(key, version), False, write=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(lambda: super(RedisCache, self).add(key, value, timeout, version), False, write=True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(lambda: super(RedisCache, self).set(key, value, timeout, version), None, write=True)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(lambda: super(RedisCache, self).set_many(data, timeout, version), list(data), write=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(lambda: super(RedisCache, self).touch(key, timeout, version), False, write=True)

    def delete(self, key, version=None):
        return self.guarded(lambda: super(RedisCache, self).delete(key, version), False, write=True)

    def delete_many(self, keys, version=None):
        return self.guarded(lambda: super(RedisCache, self).delete_many(keys, version), None, write=True)

    def clear(self):
        return self.guarded(lambda: super(RedisCache, self).clear(), False, write=True)
