import pytest

from translation.tests.servers import CLIENT_TIMEOUT, DeepLHandler, LibreTranslateHandler, serving


@pytest.fixture
def deepl_server(monkeypatch):
    with serving(DeepLHandler) as server:
        monkeypatch.setenv("MEDLEX_DEEPL_API_KEY", "test-key:fx")
        monkeypatch.setenv("MEDLEX_DEEPL_URL", server.url)
        monkeypatch.setenv("MEDLEX_TRANSLATION_TIMEOUT", str(CLIENT_TIMEOUT))
        monkeypatch.delenv("MEDLEX_LIBRETRANSLATE_URL", raising=False)
        yield server


@pytest.fixture
def libretranslate_server(monkeypatch):
    with serving(LibreTranslateHandler, api_key="lt-key") as server:
        monkeypatch.setenv("MEDLEX_LIBRETRANSLATE_URL", server.url)
        monkeypatch.setenv("MEDLEX_LIBRETRANSLATE_API_KEY", "lt-key")
        monkeypatch.setenv("MEDLEX_TRANSLATION_TIMEOUT", str(CLIENT_TIMEOUT))
        monkeypatch.delenv("MEDLEX_DEEPL_API_KEY", raising=False)
        yield server


@pytest.fixture
def run_translation_worker(monkeypatch):
    """Run the real database worker until the queue is empty.

    The worker closes "old" database connections between tasks; inside a test's
    transaction that would close the test's own connection (PostgreSQL), so only
    that housekeeping call is switched off here.
    """
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command(
        "db_worker", "--backend", "translation", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )
