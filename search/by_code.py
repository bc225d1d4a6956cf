"""Articles coded with an ICD-10 catalogue node or anything beneath it, found in the search index."""

from django.db.models import Count, Q

from icd10 import catalogue
from icd10.codes import lookup_q
from search.models import SearchDocument
from search.services import starts_with


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
    chosen = {}
    for document in documents:
        current = chosen.get(document.translation_key)
        if current is None or (document.lang == lang and current.lang != lang):
            chosen[document.translation_key] = document
    return sorted(chosen.values(), key=lambda d: d.title.casefold())


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
