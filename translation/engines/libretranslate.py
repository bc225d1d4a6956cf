"""LibreTranslate: POST /translate with q as a list and format=html (self-hosted, offline)."""

from translation.engines.base import TranslationEngine, malformed


class LibreTranslate(TranslationEngine):
    name = "libretranslate"
    label = "LibreTranslate"

    def __init__(self, url, api_key, timeout):
        super().__init__(url, timeout)
        self.api_key = api_key

    def translate(self, texts, source_lang, target_lang, glossary=()):
        body = {"q": list(texts), "source": source_lang, "target": target_lang, "format": "html"}
        if self.api_key:
            body["api_key"] = self.api_key
        reply = self._post("/translate", "error", json=body)
        translated = reply.get("translatedText") if isinstance(reply, dict) else None
        if (
            not isinstance(translated, list)
            or len(translated) != len(texts)
            or not all(isinstance(t, str) for t in translated)
        ):
            raise malformed(self)
        return translated
