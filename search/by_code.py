"""Articles coded with an ICD-10 catalogue node or anything beneath it, found in the search index."""

from functools import reduce
from operator import or_

from django.db.models import Count, Q

from icd10 import catalogue
from icd10.codes import key_test, lookup_q
from search.models import SearchCode, SearchDocument
from search.services import starts_with


def _one_per_article(documents, lang):
    """One document per translation key, in ``lang`` where it exists, by title; ``documents`` come in title order."""
    chosen = {}
    for document in documents:
        current = chosen.get(document.translation_key)
        if current is None or (document.lang == lang and current.lang != lang):
            chosen[document.translation_key] = document
    return sorted(chosen.values(), key=lambda d: d.title.casefold())


def articles_for(code, lang, hidden=frozenset()):
    """Published articles for ``code`` (a chapter, block or code), one per article, in ``lang`` where it exists.

    ``hidden``: ids of pages the reader may not view (``access.policy.hidden_page_ids``), left out.
    """
    documents = (
        SearchDocument.objects.filter(lookup_q(code, "code_keys__icd_key", starts_with))
        .exclude(pk__in=hidden)
        .distinct()
        .order_by("title")
    )
    return _one_per_article(documents, lang)


def articles_for_each(codes, lang, hidden=frozenset()):
    """``{code: articles_for(code, lang, hidden)}`` for several codes, read in one query.

    A problem list asks for many codes at once; the rows of all their keys come
    back together and each is sorted to the codes it answers (``key_test``).
    """
    codes = list(dict.fromkeys(codes))
    if not codes:
        return {}
    rows = (
        SearchCode.objects.filter(reduce(or_, (lookup_q(code, "icd_key", starts_with) for code in codes)))
        .exclude(document__in=hidden)
        .select_related("document")
        .order_by("document__title", "document_id")
    )
    tests = {code: key_test(code) for code in codes}
    found = {code: {} for code in codes}  # code → {page id: document}, in title order
    for row in rows:
        for code, answers in tests.items():
            if answers(row.icd_key):
                found[code].setdefault(row.document_id, row.document)
    return {code: _one_per_article(documents.values(), lang) for code, documents in found.items()}


def articles_per_chapter(hidden=frozenset()):
    """{chapter (roman numeral): number of articles coded in it}, counted as ``articles_for`` lists them.

    One article per translation key, whatever its languages; one query for all 22
    chapters (each document stores its chapters as " XIII II ").
    """
    documents = SearchDocument.objects.exclude(pk__in=hidden)
    counts = documents.aggregate(
        **{
            chapter.code: Count("translation_key", distinct=True, filter=Q(chapters__contains=f" {chapter.code} "))
            for chapter in catalogue.chapters()
        }
    )
    return {code: count or 0 for code, count in counts.items()}
