import pytest

from translation.tests.servers import DeepLHandler, LibreTranslateHandler, serving


@pytest.fixture
def deepl_server(monkeypatch):
    with serving(DeepLHandler) as server:
        monkeypatch.setenv("MEDLEX_DEEPL_API_KEY", "test-key:fx")
        monkeypatch.setenv("MEDLEX_DEEPL_URL", server.url)
        monkeypatch.setenv("MEDLEX_TRANSLATION_TIMEOUT", "1")
        monkeypatch.delenv("MEDLEX_LIBRETRANSLATE_URL", raising=False)
        yield server


@pytest.fixture
def libretranslate_server(monkeypatch):
    with serving(LibreTranslateHandler, api_key="lt-key") as server:
        monkeypatch.setenv("MEDLEX_LIBRETRANSLATE_URL", server.url)
        monkeypatch.setenv("MEDLEX_LIBRETRANSLATE_API_KEY", "lt-key")
        monkeypatch.setenv("MEDLEX_TRANSLATION_TIMEOUT", "1")
        monkeypatch.delenv("MEDLEX_DEEPL_API_KEY", raising=False)
        yield server
