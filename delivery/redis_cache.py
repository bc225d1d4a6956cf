"""Django's Redis cache backend, with less client overhead per call.

* Django's backend builds a new ``redis.Redis`` object for every cache call, and
  building one fills a table of some 170 response callbacks: on a cached article
  view (one cache call) that was about a third of the time spent on Redis. Here
  one redis-py client per connection pool serves every call (redis-py clients are
  safe to share between threads; connections still come from the pool).
* ``get_many`` is the one call a warm article view makes. Through the client and
  its pool it cost about 200 µs of CPU, of which the read itself (two system
  calls) was 60 µs; the rest is redis-py's bookkeeping (retries, events, pool
  locks, a readiness poll per command). So it runs on a connection of its own per
  thread, still redis-py's, which parses the reply as usual.
* Keys under the ``LOCAL_KEY_PREFIXES`` option (cache generations: small, read by
  every view, changed rarely) are kept by each thread after a read. Redis
  announces every change to them on that thread's connection (client-side
  caching, ``CLIENT TRACKING ... BCAST``), and the connection is checked for such
  announcements (a poll, no round trip) before a kept value is used. Redis sends
  an announcement in the same pass as its answer to the command that made the
  change, before it takes another command, so a change made through any server
  is seen by the next read on every other one.
  A kept value is also read again after ``LOCAL_MAX_AGE`` seconds, which bounds
  what a connection that silently stopped delivering could cost.
"""

import os
import threading
import time

from django.core.cache.backends import redis
from redis.exceptions import ConnectionError, TimeoutError

LOCAL_MAX_AGE = 1.0


class _Reader:
    """One thread's connection for reads, and the tracked values it may answer from.

    ``local`` maps a key to ``(value, read_at)``; a missing key is kept as None.
    Everything kept is dropped whenever the connection is opened again, since
    announcements sent while it was down are lost.
    """

    def __init__(self, pool, local_prefixes):
        kwargs = dict(pool.connection_kwargs)
        if local_prefixes:
            kwargs["protocol"] = 3  # announcements arrive as RESP3 push messages
        self.connection = pool.connection_class(**kwargs)
        self.local_prefixes = tuple(local_prefixes)
        self.local = {}
        self.pid = os.getpid()
        if self.local_prefixes:
            self.connection._parser.set_invalidation_push_handler(self._forget)
            self.connection.register_connect_callback(self._track)

    def _track(self, connection):
        self.local.clear()
        prefixes = [word for prefix in self.local_prefixes for word in ("PREFIX", prefix)]
        connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", *prefixes, check_health=False)
        connection.read_response()

    def _forget(self, message):
        keys = message[1]
        if keys is None:  # the database was flushed
            self.local.clear()
        for key in keys or ():
            self.local.pop(key.decode() if isinstance(key, bytes) else key, None)

    def receive_announcements(self):
        """Apply the changes Redis announced since the last read (no round trip if there were none)."""
        # can_read opens a closed connection first (which drops everything kept).
        while self.connection.can_read(timeout=0):
            self.connection.read_response(push_request=True)

    def is_local(self, key):
        return key.startswith(self.local_prefixes)


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, local_prefixes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._readers = threading.local()
        self._local_prefixes = tuple(local_prefixes)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def get(self, key, default):
        if key.startswith(self._local_prefixes):
            return self.get_many([key]).get(key, default)
        return super().get(key, default)

    def get_many(self, keys):
        keys = list(keys)
        if not keys:
            return {}
        for attempt in (1, 2):
            reader = self._reader()
            try:
                return self._read(reader, keys)
            except (ConnectionError, TimeoutError):
                reader.connection.disconnect()
                if attempt == 2:
                    raise
            except BaseException:
                # A reply left half-read must never be taken for the next command's.
                reader.connection.disconnect()
                raise

    def _read(self, reader, keys):
        found, asked, now = {}, keys, time.monotonic()
        if reader.local_prefixes:
            reader.receive_announcements()
            asked = []
            for key in keys:
                kept = reader.local.get(key)
                if kept is not None and now - kept[1] < LOCAL_MAX_AGE:
                    if kept[0] is not None:
                        found[key] = kept[0]
                else:
                    asked.append(key)
            if not asked:
                return found
        reader.connection.send_command("MGET", *asked)
        values = reader.connection.read_response()
        for key, value in zip(asked, values):
            if value is not None:
                value = found[key] = self._serializer.loads(value)
            if reader.is_local(key):
                reader.local[key] = (value, now)
        return found

    def _reader(self):
        reader = getattr(self._readers, "reader", None)
        if reader is None or reader.pid != os.getpid():  # a forked process must not share its parent's socket
            reader = self._readers.reader = _Reader(self._get_connection_pool(write=False), self._local_prefixes)
        return reader


class RedisCache(redis.RedisCache):
    """The backend; OPTIONS may name ``LOCAL_KEY_PREFIXES`` (see the module's docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._options = dict(self._options)
        prefixes = self._options.pop("LOCAL_KEY_PREFIXES", ())
        self._options["local_prefixes"] = tuple(self.make_key(prefix) for prefix in prefixes)
