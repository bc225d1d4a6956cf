"""Folding text for matching: case, accents, umlauts and their ASCII spellings.

"Entzündung", "Entzuendung" and "Entzundung" all fold to "entzundung": accents
are dropped, ß becomes ss, and the ASCII umlaut spellings ae/oe/ue are read as
the plain vowel. The same fold is applied to the index and to every query, so
it only has to be consistent, not linguistically exact.
"""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_ASCII_UMLAUTS = re.compile(r"([aou])e")


def fold(text):
    """Folded words of ``text`` joined by single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ASCII_UMLAUTS.sub(r"\1", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def words(text):
    return fold(text).split()


def trigrams(word):
    padded = f"${word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
