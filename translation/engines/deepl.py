"""DeepL API v2: POST /v2/translate and /v2/glossaries with the DeepL-Auth-Key header."""

import hashlib

from translation.engines.base import EngineError, TranslationEngine, malformed

QUOTA_HINTS = {
    403: "authorisation failed – check the API key",
    429: "too many requests – try again later",
    456: "the translation quota is used up",
}


class DeepL(TranslationEngine):
    name = "deepl"
    label = "DeepL"
    supports_glossary = True

    def __init__(self, api_key, url, formality, timeout):
        super().__init__(url, timeout)
        self.api_key = api_key
        self.formality = formality
        self._glossaries = {}  # one DeepL glossary per term list and direction, per engine instance (job)

    @property
    def headers(self):
        return {"Authorization": f"DeepL-Auth-Key {self.api_key}"}

    def _reason(self, response, key):
        reason = super()._reason(response, key)
        hint = QUOTA_HINTS.get(response.status_code)
        return f"{hint} ({reason})" if hint else reason

    def translate(self, texts, source_lang, target_lang, glossary=()):
        body = {
            "text": list(texts),
            "source_lang": source_lang.upper(),
            "target_lang": target_lang.upper(),
            "tag_handling": "html",
            "formality": self.formality,
        }
        if glossary:
            body["glossary_id"] = self.glossary_id(glossary, source_lang, target_lang)
        reply = self._post("/v2/translate", "message", json=body, headers=self.headers)
        try:
            translated = [item["text"] for item in reply["translations"]]
        except (KeyError, TypeError):
            raise malformed(self) from None
        if len(translated) != len(texts):
            raise malformed(self)
        return translated

    def glossary_id(self, glossary, source_lang, target_lang):
        """Create a DeepL glossary for these term pairs; its name carries their hash."""
        entries = "\n".join(f"{src}\t{dst}" for src, dst in glossary)
        name = "medlex-" + hashlib.sha256(entries.encode()).hexdigest()[:16]
        if (name, source_lang, target_lang) in self._glossaries:
            return self._glossaries[(name, source_lang, target_lang)]
        reply = self._post(
            "/v2/glossaries",
            "message",
            json={
                "name": name,
                "source_lang": source_lang.lower(),
                "target_lang": target_lang.lower(),
                "entries": entries,
                "entries_format": "tsv",
            },
            headers=self.headers,
        )
        if not isinstance(reply, dict) or not reply.get("glossary_id"):
            raise EngineError("DeepL did not return a glossary id.")
        self._glossaries[(name, source_lang, target_lang)] = reply["glossary_id"]
        return reply["glossary_id"]
