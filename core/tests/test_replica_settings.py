"""DATABASE_REPLICA_URL: only a PostgreSQL replica is taken, and tests never read from it."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from medlex import env


def test_a_replica_that_is_not_postgresql_is_refused_at_start(monkeypatch):
    monkeypatch.setenv("DATABASE_REPLICA_URL", "sqlite:////tmp/replica.sqlite3")
    with pytest.raises(ImproperlyConfigured, match="PostgreSQL streaming replica"):
        env.replica_database()


def test_a_replica_answers_within_two_seconds_and_mirrors_the_primary_in_tests(monkeypatch):
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://medlex@10.0.0.3:5432/medlex")
    replica = env.replica_database()
    assert replica["HOST"] == "10.0.0.3" and replica["NAME"] == "medlex"
    assert replica["OPTIONS"]["connect_timeout"] == 2
    assert replica["TEST"] == {"MIRROR": "default"}


def test_without_a_replica_there_is_no_router_and_no_replica_middleware(settings):
    assert "replica" not in settings.DATABASES
    assert not getattr(settings, "DATABASE_ROUTERS", [])
    assert "core.replicas.replica_middleware" not in settings.MIDDLEWARE
