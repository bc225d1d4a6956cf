"""The database cache of the embedded mode: Django's, with a leaner read that never returns expired entries."""

import datetime

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from delivery.db_cache import DatabaseCache

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not isinstance(caches["default"], DatabaseCache), reason="the shared cache is Redis here"),
]


def expire(key):
    """Move an entry's expiry into the past, as time passing would."""
    past = connection.ops.adapt_datetimefield_value(timezone.now() - datetime.timedelta(seconds=5))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(caches['default']._table)} SET expires = %s WHERE cache_key = %s",
            [past, cache.make_key(key)],
        )


def test_values_come_back_as_stored_under_the_callers_keys():
    cache.set("shell", {"html": "<p>Ä</p>", "generation": "g"}, 60)
    cache.set("generation", "g", None)
    assert cache.get_many(["shell", "generation", "missing"]) == {
        "shell": {"html": "<p>Ä</p>", "generation": "g"},
        "generation": "g",
    }
    assert cache.get("missing", "default") == "default"
    cache.set("versioned", "one", version=2)
    assert cache.get("versioned") is None and cache.get("versioned", version=2) == "one"


def test_an_expired_entry_is_never_returned_and_can_be_added_again():
    cache.set("tier", "professional", 60)
    expire("tier")
    assert cache.get("tier") is None
    assert cache.get_many(["tier"]) == {}
    assert cache.add("tier", "public", 60) and cache.get("tier") == "public"


def test_one_query_per_read_whatever_the_number_of_keys():
    with CaptureQueriesContext(connection) as queries:
        cache.get_many(["a", "b", "c", "d"])
        cache.get("e")
    assert len(queries) == 2
