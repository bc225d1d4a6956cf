"""Django's Redis cache backend, keeping one redis-py client per connection pool.

Django's backend builds a new ``redis.Redis`` object for every cache call, and
building one fills a table of some 170 response callbacks: on a cached article
view (one cache call) that was about a third of the time spent on Redis. A
redis-py client is safe to share between threads; connections still come from
the pool per command.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
