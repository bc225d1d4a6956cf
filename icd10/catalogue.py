"""The browsable WHO ICD-10 2019 catalogue: chapters → blocks → categories → subcategories.

All functions accept any spelling :func:`icd10.codes.normalize` accepts
("m869", "M86.9", "xiii", "m86-m90") and raise :class:`icd10.codes.Icd10Error`
(a ValueError, with a translated message) for codes that do not exist, so a
view can turn that into a 404.

Article codes are accepted too and stand for the WHO code they rest on:
"M86.9-" behaves like M86.9, and a national fifth character "M86.96" like its
WHO parent M86.9, except that :func:`ancestors` of "M86.96" ends with M86.9.

Blocks can be nested in WHO ICD-10 (XIII → M80-M94 → M86-M90 → M86 → M86.9);
:func:`children` and :func:`ancestors` follow the WHO tree as it is.

``description`` is the English WHO text (WHO publishes no German one);
``title`` is what a reader of the active language sees: the German title from
:mod:`icd10.titles` where there is one, else the English text (``title_lang``
says which).  The search finds codes by words of either language.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import threading
import time
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import _who
from ._who import BLOCK, CATEGORY, CHAPTER, SUBCATEGORY
from .codes import Icd10Error, parse_query_code
from .titles import Titled, german_title

__all__ = [
    "KIND_LABELS",
    "Entry",
    "ancestors",
    "chapter_of",
    "chapters",
    "children",
    "describe",
    "entry",
    "index_stats",
    "kind",
    "search_catalogue",
]

KIND_LABELS = {
    CHAPTER: _("Chapter"),  # de: "Kapitel"
    BLOCK: _("Block"),  # de: "Gruppe"
    CATEGORY: _("Category"),  # de: "Kategorie"
    SUBCATEGORY: _("Subcategory"),  # de: "Subkategorie"
}


@dataclass(frozen=True, slots=True)
class Entry(Titled):
    """One node of the WHO catalogue, ready for templates (show ``title``, marked with ``title_lang``)."""

    code: str  # "XIII", "M86-M90", "M86", "M86.9"
    kind: str  # "chapter" | "block" | "category" | "subcategory"
    description: str  # English WHO text
    parent: str | None  # code of the parent node, None for chapters
    has_children: bool

    @property
    def title_code(self) -> str:
        return self.code

    @property
    def kind_label(self):
        """Translated name of the kind ("Kapitel", "Gruppe", ...)."""
        return KIND_LABELS[self.kind]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


def _entry(node: _who.Node) -> Entry:
    return Entry(node.code, node.kind, node.description, node.parent, bool(node.children))


def _resolve(code: str):
    parsed = parse_query_code(code)
    return parsed, _who.get(parsed.who_code)


def entry(code: str) -> Entry:
    """The catalogue entry for a code (for "M86.96": its WHO parent M86.9)."""
    return _entry(_resolve(code)[1])


def chapters() -> tuple[Entry, ...]:
    """The 22 chapters, I to XXII, in WHO order."""
    tree = _who.tree()
    return tuple(_entry(tree.nodes[c]) for c in tree.chapters)


def children(code: str) -> tuple[Entry, ...]:
    """Direct children in WHO order (chapter → blocks, block → blocks or categories, ...).

    Empty for leaves and for national extensions.
    """
    parsed, node = _resolve(code)
    if parsed.national_extension:
        return ()
    return tuple(_entry(_who.get(c)) for c in node.children)


def ancestors(code: str) -> tuple[Entry, ...]:
    """Ancestors, root (chapter) first, without the code itself.

    "M86.9" → XIII, M80-M94, M86-M90, M86.  "M86.96" → ..., M86, M86.9.
    """
    parsed, node = _resolve(code)
    path = _who.lineage(node.code)
    if not parsed.national_extension:
        path = path[:-1]
    return tuple(_entry(_who.get(c)) for c in path)


def describe(code: str) -> str:
    """English WHO description (for the reader's language: ``entry(code).title``) ("M86" → "Osteomyelitis"; "M86.96" → that of M86.9)."""
    return _resolve(code)[1].description


def kind(code: str) -> str:
    """ "chapter", "block", "category" or "subcategory" (national fifth characters are subcategories)."""
    return _resolve(code)[0].kind


def chapter_of(code: str) -> str:
    """The roman numeral of the code's chapter ("M86.9" → "XIII"), e.g. for search filters."""
    return _who.lineage(_resolve(code)[1].code)[0]


# --- search -----------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W_]+")
_DOTTED_CODE_RE = re.compile(r"\b([a-z]\d\d)\.(?=[0-9a-z-])")
_CODE_PREFIX_RE = re.compile(r"[A-Z](?:\d(?:\d(?:\.?\d{0,2})?)?)?")
_KIND_RANK = {CHAPTER: 0, BLOCK: 1, CATEGORY: 2, SUBCATEGORY: 3}


def _fold(text: str) -> str:
    """Lower-case, accents removed: "Ménière" → "meniere"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(_fold(text))


@dataclass(slots=True)
class _Index:
    entries: list[Entry]  # WHO order
    kind_rank: list[int]
    folded: list[tuple[str, ...]]  # folded English and German titles, words joined by single spaces
    codes: list[tuple[str, int]]  # (dotless upper-case code, entry number) of all but chapters, sorted
    vocabulary: list[str]  # sorted
    postings: dict[str, list[int]]  # word → entry numbers
    build_seconds: float
    tree_seconds: float


_lock = threading.Lock()
_index: _Index | None = None


def _build_index() -> _Index:
    tree = _who.tree()  # measured separately (tree.build_seconds)
    started = time.perf_counter()
    entries, kind_rank, folded, codes = [], [], [], []
    postings: dict[str, list[int]] = {}
    for number, node in enumerate(sorted(tree.nodes.values(), key=lambda n: n.order)):
        entries.append(_entry(node))
        kind_rank.append(_KIND_RANK[node.kind])
        words = _words(node.description)
        german = _words(german_title(node.code))
        folded.append((" ".join(words), " ".join(german)) if german else (" ".join(words),))
        words += german
        if node.kind != CHAPTER:  # roman numerals only match exactly, not "x" → XI, XII, ...
            codes.append((node.code.replace(".", ""), number))
        # the dotless code is a word too, so "m86 unspecified" finds M86.9
        for word in set(words) | {node.code.replace(".", "").lower()}:
            postings.setdefault(word, []).append(number)
    codes.sort()
    return _Index(
        entries=entries,
        kind_rank=kind_rank,
        folded=folded,
        codes=codes,
        vocabulary=sorted(postings),
        postings=postings,
        build_seconds=time.perf_counter() - started,
        tree_seconds=tree.build_seconds,
    )


def _get_index() -> _Index:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = _build_index()
    return _index


def index_stats() -> dict:
    """Size of the search index and how long building it took (builds it if needed)."""
    index = _get_index()
    return {
        "entries": len(index.entries),
        "words": len(index.vocabulary),
        "tree_build_seconds": index.tree_seconds,
        "index_build_seconds": index.build_seconds,
    }


def _code_hits(index: _Index, query: str) -> list[int]:
    """Entries whose code starts with the query ("m86" → M86, M86.0, ...; "xiii"; "m86-m90")."""
    compact = "".join(unicodedata.normalize("NFKC", query).split()).upper().rstrip(".")
    if not compact:
        return []
    hits: list[int] = []
    with contextlib.suppress(Icd10Error):  # a complete code (chapter, block, "M86.9-", "M86.96") comes first
        hits.append(_who.get(parse_query_code(compact).who_code).order)
    if _CODE_PREFIX_RE.fullmatch(compact):
        prefix = compact.replace(".", "")
        start = bisect.bisect_left(index.codes, (prefix,))
        prefixed = []
        for code, number in index.codes[start:]:
            if not code.startswith(prefix):
                break
            prefixed.append(number)
        hits += sorted(prefixed)  # in WHO order
    seen: set[int] = set()
    return [n for n in hits if not (n in seen or seen.add(n))]  # ordered, first occurrence wins


def _word_candidates(index: _Index, word: str) -> set[int]:
    start = bisect.bisect_left(index.vocabulary, word)
    found: set[int] = set()
    for token in index.vocabulary[start:]:
        if not token.startswith(word):
            break
        found.update(index.postings[token])
    return found


def _description_hits(index: _Index, query: str) -> list[int]:
    words = _words(query)
    if not words:
        return []
    candidates: set[int] | None = None
    # rarest-looking (longest) words first keeps the intersections small
    for word in sorted(set(words), key=len, reverse=True):
        found = _word_candidates(index, word)
        candidates = found if candidates is None else candidates & found
        if not candidates:
            return []
    phrase = " ".join(words)

    def tier(folded: str) -> int:
        if folded == phrase:
            return 0  # the title *is* the query
        if folded.startswith(phrase):
            return 1
        if all(f" {w} " in f" {folded} " for w in words):
            return 2  # whole words
        return 3  # word prefixes only

    def rank(number: int):
        return (min(tier(folded) for folded in index.folded[number]), index.kind_rank[number], number)

    return sorted(candidates, key=rank)


def search_catalogue(query: str, limit: int = 20) -> list[Entry]:
    """Catalogue entries for a search box, best first.

    * code-shaped queries match by code prefix, with or without dot and in any
      case, in WHO order: "m8" → M80-M94, M80-M85, M80, M80.0, ...; a complete
      code comes first: "m86" → M86, M86-M90, M86.0, ...; "xiii" → XIII;
    * all queries also match titles, English or German: every query word must
      start a word of one title (case and accents ignored: "sjogren" finds "Sjögren").
      Ranked: description equal to the query, starting with it, containing all
      words as whole words, then by prefix only; within a rank chapters before
      blocks before categories before subcategories, then WHO order.

    Code hits come before description hits.  Built on an in-memory index made
    once per process on first use (see :func:`index_stats`).
    """
    if limit <= 0 or not query or not query.strip():
        return []
    index = _get_index()
    results = _code_hits(index, query)
    if len(results) < limit:
        seen = set(results)
        text = _DOTTED_CODE_RE.sub(r"\1", _fold(query))  # "m86.9" stays one word
        results += [n for n in _description_hits(index, text) if n not in seen]
    return [index.entries[n] for n in results[:limit]]
