"""What a machine must not change, protected before sending and verified afterwards.

ICD-10 codes, citation markers [n], numbers with units and glossary terms are
wrapped in ``<span translate="no" data-keep="n">`` (both DeepL and
LibreTranslate leave such spans alone in HTML mode). After the reply every
wrapped token must come back exactly once and unchanged, and links and inline
markup must be the same as in the source; otherwise the reply is rejected.
"""

import re
from collections import Counter
from html import unescape

from django.utils.html import escape

ICD10 = r"\b[A-TV-Z]\d{2}(?:\.\d{1,2})?-?(?![\w.])"
CITATION = r"\[\d+(?:\s*[,–-]\s*\d+)*\]"
_UNITS = [
    "mg/kg/d",
    "mg/kg",
    "mg/dl",
    "mg/l",
    "mmol/l",
    "µg",
    "mg",
    "kg",
    "g",
    "ml",
    "l",
    "mm",
    "cm",
    "m",
    "°C",
    "%",
    "IE",
    "IU",
    "U/l",
    "U",
    "h",
    "d",
    "Wochen",
    "weeks",
    "Jahre",
    "years",
    "Monate",
    "months",
]
# Longest first, so that "mg/l" is not cut short to "mg".
UNITS = "(?:" + "|".join(re.escape(unit) for unit in sorted(_UNITS, key=len, reverse=True)) + ")"
NUMBER_WITH_UNIT = r"\b\d+(?:[.,]\d+)?(?:\s?[–-]\s?\d+(?:[.,]\d+)?)?\s?" + UNITS + r"(?![\w])"
KEEP_SPAN = re.compile(r'<span translate="no" data-keep="(\d+)">(.*?)</span>', re.S)
TAG = re.compile(r"(<[^>]+>)")
INLINE_TAG = re.compile(r"</?(a|b|strong|i|em|sup|sub|ul|ol|li|p|br)\b[^>]*>", re.I)
LINK = re.compile(r"<a\b[^>]*>", re.I)


class ProtectionError(Exception):
    """The engine's reply changed something it must not change."""


def _pattern(keep_terms):
    parts = [CITATION, ICD10, NUMBER_WITH_UNIT]
    parts += [r"\b" + re.escape(term) + r"\b" for term in sorted(keep_terms, key=len, reverse=True)]
    return re.compile("|".join(f"(?:{p})" for p in parts))


def protect(html, keep_terms=(), replacements=None):
    """Wrap protected tokens; ``replacements`` maps a source term to its fixed translation.

    Returns (protected html, list of the tokens as they must come back).
    """
    replacements = replacements or {}
    terms = list(keep_terms) + list(replacements)
    pattern = _pattern(terms)
    expected = []

    def wrap(match):
        token = match.group(0)
        expected.append(replacements.get(token, token))
        return f'<span translate="no" data-keep="{len(expected) - 1}">{escape(expected[-1])}</span>'

    parts = TAG.split(html)
    for index, part in enumerate(parts):
        if part and not part.startswith("<"):
            parts[index] = pattern.sub(wrap, part)
    return "".join(parts), expected


def restore(reply, source_html, expected):
    """Check the reply kept every protected token and all markup; return it unwrapped."""
    found = {int(number): unescape(text) for number, text in KEEP_SPAN.findall(reply)}
    for number, token in enumerate(expected):
        if found.get(number) != token:
            raise ProtectionError(f"protected text “{token}” was lost or changed")
    if len(KEEP_SPAN.findall(reply)) != len(expected):
        raise ProtectionError("protected text was duplicated")
    restored = KEEP_SPAN.sub(lambda m: m.group(2), reply)
    if sorted(LINK.findall(restored)) != sorted(LINK.findall(source_html)):
        raise ProtectionError("a link was lost or changed")
    if _markup(restored) != _markup(source_html):
        raise ProtectionError("inline markup was lost or changed")
    return restored


def _markup(html):
    return Counter(match.group(0).split()[0].rstrip(">").lower() for match in INLINE_TAG.finditer(html))
