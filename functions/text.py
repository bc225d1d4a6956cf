"""Bilingual (German/English) texts kept next to the medical definitions.

The texts a user sees in a clinical function are part of its medical content and
are reviewed together with its numbers, so they live in the definition modules
rather than in gettext catalogues. ``Text`` holds both languages in one value;
``Text.format`` fills placeholders language by language, so that numbers get a
decimal comma in German and a decimal point in English.
"""

from dataclasses import dataclass
from decimal import Decimal

LANGUAGES = ("de", "en")


def check_language(lang):
    """Reject a language the functions have no texts for, instead of silently falling back."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")


def format_number(value, lang):
    """Plain notation without exponent or trailing zeros: 55.0 -> "55", 5.50 -> "5,5" (de)."""
    check_language(lang)
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
    else:
        text = str(value)
    return text.replace(".", ",") if lang == "de" else text


def _localise(value, lang):
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return format_number(value, lang)
    return value


@dataclass(frozen=True)
class Text:
    """One user-visible text in German and English; both are required."""

    de: str
    en: str

    def __post_init__(self):
        for lang in LANGUAGES:
            value = getattr(self, lang)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"Text needs a non-empty {lang!r} version")

    def get(self, lang):
        check_language(lang)
        return getattr(self, lang)

    def format(self, **values):
        """Fill ``{placeholders}``; Text values pick their own language, numbers are localised."""
        return Text(
            **{
                lang: getattr(self, lang).format(**{key: _localise(value, lang) for key, value in values.items()})
                for lang in LANGUAGES
            }
        )

    @classmethod
    def join(cls, texts, separator=", "):
        """Join several texts, each language with its own parts."""
        texts = tuple(texts)
        return cls(**{lang: separator.join(text.get(lang) for text in texts) for lang in LANGUAGES})
