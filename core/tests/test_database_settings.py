"""DATABASE_URL: a SQLite address gets the write-ahead log and kept connections, like the default file."""

import sqlite3

from django.db.utils import ConnectionHandler

from medlex import env


def test_a_sqlite_address_gets_the_write_ahead_log_of_the_default_file(monkeypatch, tmp_path, django_db_blocker):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/db/medlex.sqlite3")
    settings = env.database(tmp_path / "unused.sqlite3")
    handler = ConnectionHandler({"default": settings})
    with django_db_blocker.unblock():
        with handler["default"].cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
        handler.close_all()
    assert settings["CONN_MAX_AGE"] == 600
    assert sqlite3.connect(tmp_path / "db" / "medlex.sqlite3").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_postgresql_address_is_taken_as_it_is(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://medlex@10.0.0.4:5432/medlex")
    settings = env.database(tmp_path / "unused.sqlite3")
    assert settings["ENGINE"] == "django.db.backends.postgresql" and settings["HOST"] == "10.0.0.4"
    assert not (tmp_path / "unused.sqlite3").exists()
