"""Articles coded with an ICD-10 catalogue node or anything beneath it, found in the search index."""

from functools import reduce
from operator import or_

from django.db.models import Count, Q

from icd10 import catalogue
from icd10.codes import key_test, lookup_q
from search.models import SearchDocument
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


def nearest_articles(chains, lang, hidden=frozenset(), limit=None):
    """``[(code or None, articles)]``: for each chain of codes, the first code with articles and its articles.

    A chain is a code and its parents, most specific first ("M86.96", "M86.9", "M86");
    the articles are those ``articles_for`` lists, at most ``limit``, and a code whose
    articles are all hidden from the reader does not count. A problem list asks for
    many chains at once: the broadest code's subtree holds every key that answers a
    narrower one (the keys of codes covering a narrower one, "M869-" for M86.96, lie
    in it too), so one index lookup for all chains' broadest codes reads, as plain
    values, which article each key belongs to; which code of a chain answers first is
    told here (``key_test``), and one more query reads the articles kept, by key.
    """
    broadest = sorted({chain[-1] for chain in chains if chain})
    if not broadest:
        return [(None, [])] * len(chains)
    rows = list(
        SearchDocument.objects.filter(
            reduce(or_, (lookup_q(code, "code_keys__icd_key", starts_with) for code in broadest))
        )
        .exclude(pk__in=hidden)
        .order_by("title", "page_id")
        .values_list("code_keys__icd_key", "page_id", "translation_key", "lang", "title", named=True)
    )
    answers = []
    for chain in chains:
        answer = (None, [])
        for code in chain:
            answers_code = key_test(code)
            found = {row.page_id: row for row in rows if answers_code(row.code_keys__icd_key)}
            if found:
                answer = (code, [row.page_id for row in _one_per_article(found.values(), lang)][:limit])
                break
        answers.append(answer)
    documents = SearchDocument.objects.in_bulk([page_id for _code, page_ids in answers for page_id in page_ids])
    # an article unpublished between the two queries is left out
    return [(code, [documents[i] for i in page_ids if i in documents]) for code, page_ids in answers]


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
