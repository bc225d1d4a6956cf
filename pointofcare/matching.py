"""What answers a coded problem at the point of care: published articles and the clinical functions they link.

Both the HL7 Infobutton and the CDS Hooks service ask the same question ("what
does medlex have on M86.96?") and get the same answer from here. Everything
comes from the search index (search.models), which holds public text only: the
teaser an entry carries is the article's public teaser, never gated text.

Matching rule: the code itself first (icd10.codes' rule, so M86.96 finds an
article coded M86.9-); when nothing is coded there, its parents in turn
(M86.96 → M86.9 → M86). Codes of ICD-10-CM and ICD-10-GM are longer than
WHO's or carry extensions (M86.661, S52.521A, "M86.96 G"): they fall back the
same way, one character at a time, to the nearest WHO code. A code that leads
to nothing falls back to a search on the problem's name.
"""

from dataclasses import dataclass

from django.utils.text import Truncator

from articles.models import ArticleContentStamp
from icd10.codes import MAX_INPUT_LENGTH, Icd10Error, parse_query_code
from search import by_code
from search import services as search_services
from translation.readers import url_for_readers

TEASER_WORDS = 60  # an entry's summary: the start of the public teaser
MAX_ARTICLES = 20  # per answer; an infobutton or a card deck has room for a few


@dataclass(frozen=True)
class Entry:
    """One article as the point of care sees it: public fields only."""

    page_id: int
    title: str
    url: str  # path on this site, under the reader's language prefix
    codes: tuple
    lang: str
    teaser: str
    updated: object = None  # when the content last changed ("Last updated on"), a datetime or None


def code_candidates(raw):
    """The WHO codes to try for ``raw``, most specific first: "M86.96" → M86.96, M86.9, M86.

    Characters are dropped from the end until a code of the WHO catalogue (or a
    national fifth character below one) is left, so longer national codes reach
    their WHO parent. Empty for anything that never becomes a code.
    """
    compact = "".join((raw or "").split()).upper().replace(".", "").rstrip("-")
    if not compact or len(compact) > MAX_INPUT_LENGTH:
        return []
    found = []
    for length in range(len(compact), 2, -1):
        stem = compact[:length]
        spelled = stem if length == 3 else f"{stem[:3]}.{stem[3:]}"
        try:
            parsed = parse_query_code(spelled)
        except Icd10Error:
            continue
        if not parsed.is_group and parsed.plain_code not in found:
            found.append(parsed.plain_code)
    return found


def _entries(documents, lang, dated=True):
    stamps = {}
    if dated:  # the feed's "updated"; cards have no date
        stamps = dict(
            ArticleContentStamp.objects.filter(page_id__in=[d.page_id for d in documents]).values_list(
                "page_id", "changed_at"
            )
        )
    return [
        Entry(
            page_id=document.page_id,
            title=document.title,
            url=url_for_readers(document.url, document.lang, lang),
            codes=tuple(document.code_list()),
            lang=document.lang,
            teaser=Truncator(document.teaser).words(TEASER_WORDS),
            updated=stamps.get(document.page_id),
        )
        for document in documents
    ]


def _documents_for_codes(raws, lang, hidden):
    """``[(matched WHO code or None, [SearchDocument])]`` for each of ``raws``: its articles or its nearest parent's.

    All codes at once (search.by_code.nearest_articles): a problem list of 20 codes
    costs one index lookup and one read of the articles kept.
    """
    return by_code.nearest_articles([code_candidates(raw) for raw in raws], lang, hidden, limit=MAX_ARTICLES)


def _documents_for_text(text, lang, hidden):
    try:
        outcome = search_services.search(text, lang=lang, limit=MAX_ARTICLES, hidden=hidden)
    except search_services.QueryError:
        return []
    return [result.document for result in outcome.results]


def articles_for_code(raw, lang, hidden=frozenset()):
    """``(matched WHO code or None, [Entry])``: the articles for ``raw`` or for its nearest parent that has any."""
    matched, documents = _documents_for_codes([raw], lang, hidden)[0]
    return matched, _entries(documents, lang)


def articles_for_text(text, lang, hidden=frozenset()):
    """Articles for a problem's name or free text, best first (the site's search); [] for text search refuses."""
    return _entries(_documents_for_text(text, lang, hidden), lang)


def articles_for_problems(codes, names, lang, hidden=frozenset()):
    """``(matched WHO codes, [Entry])`` for a problem list: each code's articles (or its nearest parent's), then each name's.

    Every article once, in that order, at most ``MAX_ARTICLES``; a name is searched
    only while there is room. Entries are made only for the articles kept: a
    problem list of 20 codes may find hundreds, and an entry's teaser costs time.
    Undated: cards have no "updated".
    """
    matched, documents, seen = [], [], set()

    def add(found):
        documents.extend(
            document for document in found if document.page_id not in seen and not seen.add(document.page_id)
        )

    for code, found in _documents_for_codes(codes, lang, hidden):
        if code:
            matched.append(code)
        add(found)
    for name in names:
        if len(documents) >= MAX_ARTICLES:
            break
        add(_documents_for_text(name, lang, hidden))
    return matched, _entries(documents[:MAX_ARTICLES], lang, dated=False)
