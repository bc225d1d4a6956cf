"""Canaries: each private internal of Django or redis-py that a delivery piece still relies on is here.

An upgrade that changes one of them fails its canary by name, instead of making
a piece silently wrong; docs/decisions.md lists why each piece keeps it. A piece
that the benchmark finds useless goes, and its canary with it.
"""

import pytest
from django.core.cache.backends import redis as django_redis

from delivery.db_cache import DatabaseCache

pytestmark = pytest.mark.django_db


def test_canary_django_redis_client_builds_pools_clients_and_serializer_as_the_lean_client_expects():
    """redis-lean-client (delivery.redis_cache): Django's RedisCacheClient internals."""
    client = django_redis.RedisCacheClient(["redis://127.0.0.1:1/0"], serializer=django_redis.RedisSerializer)
    pool = client._get_connection_pool(write=False)
    assert pool.connection_kwargs["port"] == 1 and callable(client._client)
    assert client._serializer.loads(client._serializer.dumps({"a": 1})) == {"a": 1}
    backend = django_redis.RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"x": 1}})
    assert backend._class is django_redis.RedisCacheClient and backend._options == {"x": 1}


def test_canary_djangos_database_cache_names_its_table_and_model():
    """lean-db-cache (delivery.db_cache): the table is ``_table``, the rows ``cache_model_class``."""
    backend = DatabaseCache("medlex_cache", {})
    assert backend._table == "medlex_cache" and backend.cache_model_class._meta.app_label == "django_cache"
