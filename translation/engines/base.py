import requests


class EngineError(Exception):
    """An engine refused or failed; the message carries the engine's own reason."""


class TranslationEngine:
    name = ""
    label = ""
    supports_glossary = False

    def __init__(self, url, timeout):
        self.url = url.rstrip("/")
        self.timeout = timeout

    def translate(self, texts, source_lang, target_lang, glossary=()):
        """Translate HTML fragments; ``glossary`` is a list of (source term, target term)."""
        raise NotImplementedError

    def _post(self, path, reason_key, **kwargs):
        try:
            response = requests.post(self.url + path, timeout=self.timeout, **kwargs)
        except requests.Timeout:
            raise EngineError(f"{self.label} did not answer within {self.timeout:g} seconds.") from None
        except requests.RequestException as exc:
            raise EngineError(f"{self.label} could not be reached: {exc}") from None
        if response.status_code >= 400:
            raise EngineError(f"{self.label} answered {response.status_code}: {self._reason(response, reason_key)}")
        try:
            return response.json()
        except ValueError:
            raise EngineError(f"{self.label} sent a reply that is not valid JSON.") from None

    def _reason(self, response, key):
        try:
            body = response.json()
            return str(body.get(key) or body)
        except ValueError:
            return response.text[:200] or response.reason


def malformed(engine):
    return EngineError(f"{engine.label} sent a reply in an unexpected shape.")
