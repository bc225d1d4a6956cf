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
Searching covers both languages; each article appears once, in the asked
language when it exists, with links to its other languages.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from icd10 import codes as icd10_codes
from search.models import SearchCode, SearchDocument, SearchPosting, SearchTerm, SearchTrigram, SearchWord
from search.text import fold, trigrams
from translation.readers import url_for_readers

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
CANDIDATES = 500  # rows read per lookup; more would not change the first page
MENTION_CANDIDATES = 5000  # documents per word for passing mentions (common words are cut off)
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


def _prefix(field_name, prefix):
    """A prefix condition that can use the index on both databases."""
    if connection.vendor == "postgresql":  # varchar_pattern_ops index, see migration 0002
        return Q(**{f"{field_name}__startswith": prefix})
    return Q(**{f"{field_name}__gte": prefix, f"{field_name}__lt": prefix + "\U0010ffff"})


def _term_rows(prefix, kinds=(SearchTerm.TITLE, SearchTerm.SYNONYM)):
    return (
        SearchTerm.objects.filter(_prefix("folded", prefix), kind__in=kinds)
        .values_list("document_id", "kind", "folded", "whole")[:CANDIDATES]
    )


def _name_scores(folded):
    scores = {}
    for document_id, kind, term, whole in _term_rows(folded):
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


def _all_words(words, field_rows):
    found = None
    for word in sorted(words, key=len, reverse=True):
        ids = field_rows(word)
        found = ids if found is None else found & ids
        if not found:
            return set()
    return found or set()


def _text_scores(words):
    folded = " ".join(words)
    scores = _name_scores(folded)
    if len(words) > 1:
        for document_id in _all_words(words, lambda w: {row[0] for row in _term_rows(w)}):
            scores.setdefault(document_id, 45)
    for document_id in _all_words(words, _mentions):
        scores.setdefault(document_id, 10)
    return scores


def _mentions(word):
    """Documents with a word starting with ``word`` in a name or the public teaser."""
    return set(SearchPosting.objects.filter(_prefix("word", word)).values_list("document_id", flat=True)[:MENTION_CANDIDATES])


def _similar_words(word):
    """Vocabulary words close to ``word``, most similar first."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM medlex_search_searchword WHERE word %% %s ORDER BY similarity(word, %s) DESC, word LIMIT 3",
                [word, word],
            )
            return [row[0] for row in cursor.fetchall()]
    grams = trigrams(word)
    shared = defaultdict(int)
    for word_id in SearchTrigram.objects.filter(gram__in=grams).values_list("word_id", flat=True):
        shared[word_id] += 1
    best = sorted(shared.items(), key=lambda item: -item[1])[:50]
    vocabulary = dict(SearchWord.objects.filter(pk__in=[pk for pk, _count in best]).values_list("pk", "word"))
    ranked = []
    for pk, count in best:
        candidate = vocabulary[pk]
        similarity = count / (len(grams) + len(trigrams(candidate)) - count)
        if similarity >= TYPO_SIMILARITY:
            ranked.append((-similarity, candidate))
    return [candidate for _score, candidate in sorted(ranked)[:3]]


def _corrected(words):
    changed = False
    corrected = []
    for word in words:
        known = len(word) < 4 or SearchPosting.objects.filter(_prefix("word", word)).exists()
        similar = [] if known else _similar_words(word)
        if similar:
            corrected.append(similar[0])
            changed = True
        else:
            corrected.append(word)
    return corrected if changed else None


def _group(scores, lang, limit, words):
    """One result per article (translation key), in ``lang`` where it exists, best first."""
    rows = SearchDocument.objects.filter(pk__in=list(scores)).values_list("pk", "translation_key", "lang", "title")
    best = {}
    for document_id, key, document_lang, title in rows:
        rank = (scores[document_id], document_lang == lang, -len(title), title)
        if key not in best or rank[:3] > best[key][0][:3]:
            best[key] = (rank, document_id, key)
    ordered = sorted(best.values(), key=lambda item: (-item[0][0], not item[0][1], -item[0][2], item[0][3]))[:limit]
    keys = [key for _rank, _id, key in ordered]
    siblings = defaultdict(dict)
    documents = {}
    for document in SearchDocument.objects.filter(translation_key__in=keys):
        siblings[document.translation_key][document.lang] = document
        documents[document.pk] = document
    results = []
    for rank, document_id, _key in ordered:
        document = documents[document_id]
        # a match in another language shows the article in the reader's language
        document = siblings[document.translation_key].get(lang, document)
        translations = {code: other.url for code, other in siblings[document.translation_key].items() if code != document.lang}
        url = url_for_readers(document.url, document.lang, lang)
        results.append(Result(document, float(rank[0]), snippet(document.teaser, words), translations, url))
    return results


def search(raw_query, lang="de", limit=20, language=None, chapter=None):
    """Articles answering ``raw_query``, best first (see the module docstring).

    ``language`` keeps only articles in that language; ``chapter`` (a roman
    numeral) only articles coded in that ICD-10 chapter.
    """
    query = clean_query(raw_query)
    words = fold(query).split()[:MAX_WORDS]
    code = as_code(query)
    corrected = ""
    if code is not None:
        exact = code.plain_code.replace(".", "")
        scores = {}
        for document_id, key in SearchCode.objects.filter(icd10_codes.lookup_q(code.code)).values_list("document_id", "icd_key"):
            score = 100 if key.rstrip("-") == exact else 90  # the code itself before its subdivisions
            scores[document_id] = max(scores.get(document_id, 0), score)
    else:
        scores = _text_scores(words)
        if not any(score >= 45 for score in scores.values()):
            better = _corrected(words)
            if better:
                corrected = " ".join(better)
                for document_id, score in _text_scores(better).items():
                    scores[document_id] = max(scores.get(document_id, 0), score * 0.8)
                words = better
    if language or chapter:
        kept = SearchDocument.objects.filter(pk__in=list(scores))
        if language:
            kept = kept.filter(lang=language)
        if chapter:
            kept = kept.filter(chapters__contains=f" {chapter} ")
        allowed = set(kept.values_list("pk", flat=True))
        scores = {k: v for k, v in scores.items() if k in allowed}
        lang = language or lang
    return Outcome(query=query, results=_group(scores, lang, limit, words), code=code, corrected=corrected)


def suggest(raw_query, lang="de", limit=8):
    """Type-ahead entries: titles, synonyms, abbreviations and codes that start with the query."""
    query = clean_query(raw_query)
    if _CODE_START.fullmatch(query.replace(" ", "")):
        prefix = query.replace(" ", "").replace(".", "").rstrip("-").lower()
        rows = SearchTerm.objects.filter(_prefix("folded", prefix), kind=SearchTerm.CODE)
    else:
        rows = SearchTerm.objects.filter(_prefix("folded", fold(query)), kind__in=(SearchTerm.TITLE, SearchTerm.SYNONYM))
    rows = rows.select_related("document").order_by()[:CANDIDATES]
    ranked = sorted(rows, key=lambda t: (t.document.lang != lang, not t.whole, t.kind, len(t.text), t.text))
    entries, seen = [], set()
    for term in ranked:  # one entry per article, its best-matching name
        if term.document.translation_key in seen:
            continue
        seen.add(term.document.translation_key)
        entries.append(
            {
                "label": term.text,
                "title": term.document.title,
                "kind": ("title", "synonym", "code")[term.kind],
                "url": term.document.url,
                "lang": term.document.lang,
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
