"""Machine translation engines, configured by environment variables.

DeepL: MEDLEX_DEEPL_API_KEY (required), MEDLEX_DEEPL_URL (default: the free API),
MEDLEX_DEEPL_FORMALITY (default prefer_more). LibreTranslate: MEDLEX_LIBRETRANSLATE_URL
(required), MEDLEX_LIBRETRANSLATE_API_KEY (optional). MEDLEX_TRANSLATION_TIMEOUT in seconds.
"""

import os

from translation.engines.base import EngineError, TranslationEngine
from translation.engines.deepl import DeepL
from translation.engines.libretranslate import LibreTranslate

__all__ = ["EngineError", "TranslationEngine", "available_engines", "get_engine"]


def available_engines(environ=None):
    """The engines whose configuration is present, by name, in order of preference."""
    environ = os.environ if environ is None else environ
    timeout = float(environ.get("MEDLEX_TRANSLATION_TIMEOUT", "30"))
    engines = {}
    if environ.get("MEDLEX_DEEPL_API_KEY"):
        engines["deepl"] = DeepL(
            api_key=environ["MEDLEX_DEEPL_API_KEY"],
            url=environ.get("MEDLEX_DEEPL_URL", "https://api-free.deepl.com"),
            formality=environ.get("MEDLEX_DEEPL_FORMALITY", "prefer_more"),
            timeout=timeout,
        )
    if environ.get("MEDLEX_LIBRETRANSLATE_URL"):
        engines["libretranslate"] = LibreTranslate(
            url=environ["MEDLEX_LIBRETRANSLATE_URL"],
            api_key=environ.get("MEDLEX_LIBRETRANSLATE_API_KEY", ""),
            timeout=timeout,
        )
    return engines


def get_engine(name=None, environ=None):
    engines = available_engines(environ)
    if not engines:
        raise EngineError(
            "No translation engine is configured (set MEDLEX_DEEPL_API_KEY or MEDLEX_LIBRETRANSLATE_URL)."
        )
    if name is None:
        return next(iter(engines.values()))
    if name not in engines:
        raise EngineError(f"The engine “{name}” is not configured; configured: {', '.join(engines)}.")
    return engines[name]
