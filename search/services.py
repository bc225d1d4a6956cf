"""Search and type-ahead over the index: the rules of matching and ranking live here.

Ranking, best first (scores are comparable within one query):

* an ICD-10 code query returns exactly the articles coded with that code or
  its subdivisions (icd10.codes.lookup_q), nothing else: the code itself
  (100) before subdivisions and covering codes (90);
* the whole title (100) or a whole synonym/abbreviation (95) equals the query;
* a title (80) or synonym (75) starts with the query; the query starts a later
  word of a title (60) or synonym (55);
* every query word starts a word of the title or a synonym (45);
* every query word starts a word of the public teaser: a passing mention (10);
* if nothing matched a name, each unknown word is corrected to the nearest
  word of the titles and synonyms (trigram similarity) and the search repeats
  with the scores scaled by 0.8.

Shorter names win ties, so "CNO" ranks the article that *is* CNO first.
Passing mentions are only looked up when the names leave room on the page.
Searching covers both languages; each article appears once, in the asked
language when it exists, with links to its other languages.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from core.text import fold, trigrams
from icd10 import codes as icd10_codes
from search.models import SearchCode, SearchDocument, SearchPosting, SearchTerm, SearchTrigram, SearchWord
from translation.readers import url_for_readers

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
CANDIDATES = 500  # rows read per lookup; more would not change the first page
MENTION_CANDIDATES = 5000  # documents checked for passing mentions when every query word is common
SUGGEST_PROBE = 64  # shortest whole names read first for type-ahead
PROBE = 1000  # rows read to tell a rare word (all its documents fetched) from a common one
CHECK = 200  # up to this many candidate documents, further words are checked on them instead of probed
TYPO_SIMILARITY = 0.35
_CODE_SHAPE = re.compile(r"[A-Za-z]\d\d(?:\.?[0-9A-Za-z]{0,4})?(?:\.?-)?")
_CODE_START = re.compile(r"[A-Za-z]\d(?:\d(?:\.?[0-9A-Za-z]{0,4})?)?-?")


class QueryError(ValueError):
    """A query that cannot be searched; ``message`` says why, for the reader."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Result:
    document: SearchDocument
    score: float
    snippet: str
    translations: dict = field(default_factory=dict)  # lang → url of the same article in other languages
    url: str = ""  # where the reader opens it: an article missing in their language opens under their prefix
    actions: str = ""  # per-reader HTML the apps registered for views.RESULT_ACTIONS_HOOK add (a bookmark button)

    @property
    def codes(self):
        return self.document.code_list()


@dataclass
class Outcome:
    query: str
    results: list
    code: object = None  # the parsed ICD-10 code when the query was one
    corrected: str = ""  # the query after typo correction, when that was needed


def clean_query(raw):
    query = " ".join((raw or "").split())
    if not query:
        raise QueryError(_("Please enter a search term."))
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(_("The search term is too long (at most %(limit)d characters).") % {"limit": MAX_QUERY_LENGTH})
    if not fold(query):
        raise QueryError(_("Please enter letters or digits to search for."))
    return query


def as_code(query):
    """The ICD-10 code the query spells (M86.9, m869, M86.9-, M86.96), or None."""
    compact = query.replace(" ", "")
    if not _CODE_SHAPE.fullmatch(compact):
        return None
    try:
        return icd10_codes.parse_query_code(compact)
    except icd10_codes.Icd10Error:
        return None


def _prefix_sql(column, prefix):
    """``column`` starts with ``prefix``, as SQL that can use the index on both databases."""
    if connection.vendor == "postgresql":  # varchar_pattern_ops indexes, see migrations 0002 and 0003
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{column} LIKE %s", [escaped + "%"]
    return f"{column} >= %s AND {column} < %s", [prefix, prefix + "\U0010ffff"]


def starts_with(field, prefix):
    """The ORM filter for ``field`` starting with ``prefix``, as ``_prefix_sql`` writes it (the index is used)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__startswith": prefix})
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\U0010ffff"})


def _fetch(sql, params=()):
    """Rows of a raw query: the lookups below run on every keystroke, without building ORM queries."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _chunks(ids, size=500):
    ids = sorted(ids)
    return [ids[start : start + size] for start in range(0, len(ids), size)]


_TERMS = SearchTerm._meta.db_table
_POSTINGS = SearchPosting._meta.db_table
_DOCUMENTS = SearchDocument._meta.db_table
_NAMES = f" AND kind IN ({SearchTerm.TITLE}, {SearchTerm.SYNONYM})"


def _name_scores(folded):
    scores = {}
    condition, params = _prefix_sql("folded", folded)
    rows = _fetch(
        f"SELECT document_id, kind, folded, whole FROM {_TERMS} WHERE {condition}{_NAMES} LIMIT {CANDIDATES}", params
    )
    for document_id, kind, term, whole in rows:
        title = kind == SearchTerm.TITLE
        if whole and term == folded:
            score = 100 if title else 95
        elif whole:
            score = 80 if title else 75
        else:
            score = 60 if title else 55
        if score > scores.get(document_id, 0):
            scores[document_id] = score
    return scores


def _with_all_words(table, column, words, extra="", seen=None):
    """Documents with, for every word, a row of ``table`` whose ``column`` starts with the word.

    Longest words first, each is probed for at most PROBE rows. A word with
    fewer rows is rare: all its documents are known, and the other words,
    common ones ("of", "unspecified") above all, are then only checked on
    those documents through the (document, column) index. The cost so follows
    the rarest word, not the corpus size. When every word is common, the
    first MENTION_CANDIDATES documents of the longest word are checked.
    ``seen`` collects, per probed word, whether any row starts with it.
    """
    distinct = sorted(set(words), key=len, reverse=True)
    # a word that starts another query word adds nothing: "of" is implied by "often"
    distinct = [w for w in distinct if not any(o != w and o.startswith(w) for o in distinct)]
    found, common = None, []
    for word in distinct:
        if found is not None and len(found) <= CHECK:
            found = _having(table, column, word, extra, found)
        else:
            condition, params = _prefix_sql(column, word)
            ids = {
                row[0]
                for row in _fetch(f"SELECT document_id FROM {table} WHERE {condition}{extra} LIMIT {PROBE}", params)
            }
            if seen is not None:
                seen[word] = bool(ids)
            if len(ids) >= PROBE:
                common.append(word)
            else:
                found = ids if found is None else found & ids
        if found is not None and not found:
            return set()
    if found is None:
        condition, params = _prefix_sql(column, common.pop(0))
        found = {
            row[0]
            for row in _fetch(
                f"SELECT DISTINCT document_id FROM {table} WHERE {condition}{extra} LIMIT {MENTION_CANDIDATES}", params
            )
        }
    for word in common:
        found = _having(table, column, word, extra, found)
        if not found:
            break
    return found


def _having(table, column, word, extra, documents):
    """Those of ``documents`` with a row whose ``column`` starts with ``word``."""
    condition, params = _prefix_sql(column, word)
    kept = set()
    for chunk in _chunks(documents):
        marks = ", ".join(["%s"] * len(chunk))
        kept.update(
            row[0]
            for row in _fetch(
                f"SELECT DISTINCT document_id FROM {table} WHERE document_id IN ({marks}) AND {condition}{extra}",
                [*chunk, *params],
            )
        )
    return kept


def _text_scores(words, limit=None, seen=None):
    """Scores of the documents matching ``words``; passing mentions only when fewer than ``limit`` articles matched a name."""
    folded = " ".join(words)
    scores = _name_scores(folded)
    if len(words) > 1:
        for document_id in _with_all_words(_TERMS, "folded", words, _NAMES):
            scores.setdefault(document_id, 45)
    # one document per language of an article at most: this many name matches fill the page
    if limit is None or len(scores) < limit * len(settings.WAGTAIL_CONTENT_LANGUAGES):
        for document_id in _with_all_words(_POSTINGS, "word", words, seen=seen):
            scores.setdefault(document_id, 10)
    return scores


def _similar_words(word):
    """Vocabulary words close to ``word``, most similar first."""
    if connection.vendor == "postgresql":
        return [
            row[0]
            for row in _fetch(
                "SELECT word FROM medlex_search_searchword WHERE word %% %s ORDER BY similarity(word, %s) DESC, word LIMIT 3",
                [word, word],
            )
        ]
    grams = sorted(trigrams(word))
    marks = ", ".join(["%s"] * len(grams))
    similarity = "CAST(shared.n AS REAL) / (%s + vocabulary.gram_count - shared.n)"
    rows = _fetch(
        f"SELECT vocabulary.word FROM (SELECT word_id, COUNT(*) AS n FROM {SearchTrigram._meta.db_table} WHERE gram IN ({marks}) GROUP BY word_id) shared"
        f" JOIN {SearchWord._meta.db_table} vocabulary ON vocabulary.id = shared.word_id"
        f" WHERE {similarity} >= %s ORDER BY {similarity} DESC, vocabulary.word LIMIT 3",
        [*grams, len(grams), TYPO_SIMILARITY, len(grams)],
    )
    return [row[0] for row in rows]


def _corrected(words, seen):
    changed = False
    corrected = []
    for word in words:
        if len(word) < 4:
            known = True
        elif word in seen:
            known = seen[word]
        else:
            condition, params = _prefix_sql("word", word)
            known = bool(_fetch(f"SELECT 1 FROM {_POSTINGS} WHERE {condition} LIMIT 1", params))
        similar = [] if known else _similar_words(word)
        if similar:
            corrected.append(similar[0])
            changed = True
        else:
            corrected.append(word)
    return corrected if changed else None


def _document_rows(ids):
    rows = []
    for chunk in _chunks(ids):
        marks = ", ".join(["%s"] * len(chunk))
        rows += _fetch(
            f"SELECT page_id, translation_key, lang, title FROM {_DOCUMENTS} WHERE page_id IN ({marks})", chunk
        )
    return rows


def _group(scores, lang, limit, words, hidden=frozenset()):
    """One result per article (translation key), in ``lang`` where it exists, best first.

    Documents of ``hidden`` pages are neither results nor translations of one.
    """
    # Many passing mentions: read the documents score by score, best first, and stop once
    # the page is full; a lower score can neither enter it nor replace an article's document.
    levels = defaultdict(list)
    for document_id, score in scores.items():
        levels[score if len(scores) > 500 else 0].append(document_id)
    best = {}
    for level in sorted(levels, reverse=True):
        if len(best) >= limit:
            break
        for document_id, key, document_lang, title in _document_rows(levels[level]):
            rank = (scores[document_id], document_lang == lang, -len(title), title)
            if key not in best or rank[:3] > best[key][0][:3]:
                best[key] = (rank, document_id, key)
    ordered = sorted(best.values(), key=lambda item: (-item[0][0], not item[0][1], -item[0][2], item[0][3]))[:limit]
    keys = [key for _rank, _id, key in ordered]
    siblings = defaultdict(dict)
    documents = {}
    for document in SearchDocument.objects.filter(translation_key__in=keys).exclude(pk__in=hidden):
        siblings[document.translation_key][document.lang] = document
        documents[document.pk] = document
    results = []
    for rank, document_id, _key in ordered:
        document = documents[document_id]
        # a match in another language shows the article in the reader's language
        document = siblings[document.translation_key].get(lang, document)
        translations = {
            code: other.url for code, other in siblings[document.translation_key].items() if code != document.lang
        }
        url = url_for_readers(document.url, document.lang, lang)
        results.append(Result(document, float(rank[0]), snippet(document.teaser, words), translations, url))
    return results


def search(raw_query, lang="de", limit=20, language=None, chapter=None, specialty=None, hidden=frozenset()):
    """Articles answering ``raw_query``, best first (see the module docstring).

    ``language`` keeps only articles in that language; ``chapter`` (a roman
    numeral) only articles coded in that ICD-10 chapter; ``specialty`` (a
    specialties.models.Specialty) only articles filed under it. ``hidden``: ids of pages
    the reader may not view (``access.policy.hidden_page_ids``), never shown.
    """
    query = clean_query(raw_query)
    words = fold(query).split()[:MAX_WORDS]
    code = as_code(query)
    corrected = ""
    if code is not None:
        exact = code.plain_code.replace(".", "")
        scores = {}
        for document_id, key in SearchCode.objects.filter(
            icd10_codes.lookup_q(code.code, starts_with=starts_with)
        ).values_list("document_id", "icd_key"):
            score = 100 if key.rstrip("-") == exact else 90  # the code itself before its subdivisions
            scores[document_id] = max(scores.get(document_id, 0), score)
    else:
        seen = {}
        page = None if language or chapter or specialty else limit  # filters may drop name matches: then mentions count
        scores = _text_scores(words, page, seen)
        if not any(score >= 45 for score in scores.values()):
            better = _corrected(words, seen)
            if better:
                corrected = " ".join(better)
                for document_id, score in _text_scores(better, page).items():
                    scores[document_id] = max(scores.get(document_id, 0), score * 0.8)
                words = better
    scores = {k: v for k, v in scores.items() if k not in hidden}
    if language or chapter or specialty:
        kept = SearchDocument.objects.filter(pk__in=list(scores))
        if language:
            kept = kept.filter(lang=language)
        if chapter:
            kept = kept.filter(chapters__contains=f" {chapter} ")
        if specialty:
            kept = kept.filter(page__specialties=specialty)
        allowed = set(kept.values_list("pk", flat=True))
        scores = {k: v for k, v in scores.items() if k in allowed}
        lang = language or lang
    return Outcome(query=query, results=_group(scores, lang, limit, words, hidden), code=code, corrected=corrected)


def suggest(raw_query, lang="de", limit=8, hidden=frozenset()):
    """Type-ahead entries: titles, synonyms, abbreviations and codes that start with the query.

    ``hidden``: ids of pages the reader may not view, never suggested.
    """
    query = clean_query(raw_query)
    if _CODE_START.fullmatch(query.replace(" ", "")):
        prefix = query.replace(" ", "").replace(".", "").rstrip("-").lower()
        kinds = f"{SearchTerm.CODE}"
    else:
        prefix = fold(query)
        kinds = f"{SearchTerm.TITLE}, {SearchTerm.SYNONYM}"
    condition, params = _prefix_sql("folded", prefix)
    select = f"SELECT document_id, text, kind, whole FROM {_TERMS} WHERE {condition} AND kind IN ({kinds})"
    # Whole names in the reader's language rank first: when the shortest whole names fill
    # the list (most queries), the word starts later in names are never read.
    # Hidden pages are dropped from the rows read (few pages are restricted; a probe
    # full of them only makes the list shorter).
    rows = _fetch(f"{select} AND whole = %s ORDER BY kind, LENGTH(text), text LIMIT {SUGGEST_PROBE}", [*params, True])
    entries = _suggestions([row for row in rows if row[0] not in hidden], lang, limit, own_language_only=True)
    if len(entries) < limit:
        rows = _fetch(f"{select} ORDER BY NOT whole, kind, LENGTH(text), text LIMIT {CANDIDATES}", params)
        entries = _suggestions([row for row in rows if row[0] not in hidden], lang, limit)
    return entries


def _suggestions(rows, lang, limit, own_language_only=False):
    """One entry per article, its best-matching name, from term ``rows`` (document, text, kind, whole)."""
    documents = {}
    for chunk in _chunks({row[0] for row in rows}):
        marks = ", ".join(["%s"] * len(chunk))
        for document_id, *fields in _fetch(
            f"SELECT page_id, title, url, lang, translation_key FROM {_DOCUMENTS} WHERE page_id IN ({marks})", chunk
        ):
            documents[document_id] = fields
    if own_language_only:
        ranked = [row for row in rows if documents[row[0]][2] == lang]  # already in order
    else:
        ranked = sorted(rows, key=lambda row: (documents[row[0]][2] != lang, not row[3], row[2], len(row[1]), row[1]))
    entries, seen = [], set()
    for document_id, text, kind, _whole in ranked:
        title, url, document_lang, key = documents[document_id]
        if key in seen:
            continue
        seen.add(key)
        entries.append(
            {
                "label": text,
                "title": title,
                "kind": ("title", "synonym", "code")[kind],
                "url": url,
                "lang": document_lang,
            }
        )
        if len(entries) == limit:
            break
    return entries


def snippet(teaser, words, width=32):
    """About ``width`` words of the public teaser around the first query word."""
    tokens = teaser.split()
    if not tokens:
        return ""
    start = 0
    for position, token in enumerate(tokens):
        token_fold = fold(token)
        if any(token_fold.startswith(word) for word in words):
            start = max(0, position - width // 4)
            break
    chosen = tokens[start : start + width]
    text = " ".join(chosen)
    return ("… " if start else "") + text + (" …" if start + width < len(tokens) else "")
