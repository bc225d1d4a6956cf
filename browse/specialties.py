"""The specialties (Fachgebiete) and the articles filed under each.

Like the A–Z index, it reads the search index (search.models.SearchDocument),
which holds every published article's title, address and codes in its language,
and leaves out the pages a view restriction withholds from this reader: titles
are public, nothing gated is shown. A specialty can hold thousands of articles
(a 50,000-article corpus), so its page is one ordered, sliced read of 100 rows
and one more, never a count or a sort in Python.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from browse.a_to_z import ENTRIES_PER_PAGE, Page
from search.models import SearchDocument
from specialties.models import Specialty, ordered


@dataclass(frozen=True)
class Listed:
    title: str
    url: str
    codes: list
    last_updated: object  # a datetime


def documents(lang, hidden):
    """The search index rows of ``lang`` a reader may see."""
    return SearchDocument.objects.filter(lang=lang).exclude(page_id__in=hidden)


def with_counts(lang, hidden):
    """Every specialty with ``article_count``: its published articles in ``lang`` this reader may see; one query."""
    visible = Q(articles__live=True, articles__locale__language_code=lang) & ~Q(articles__id__in=hidden)
    specialties = Specialty.objects.annotate(article_count=Count("articles", filter=visible, distinct=True))
    return ordered(specialties, lang)


def last_updated():
    """ "Last updated" of an index row, as the article page shows it (ArticlePage.last_updated)."""
    return Coalesce(F("page__content_stamp__changed_at"), F("page__last_published_at"))


def listed(rows):
    return [
        Listed(title, url, codes.split(), updated)
        for title, url, codes, updated in rows.values_list("title", "url", "codes", "updated")
    ]


def page_of(specialty, lang, number, hidden):
    """Page ``number`` of the articles filed under ``specialty`` in ``lang``, by title."""
    start = (number - 1) * ENTRIES_PER_PAGE
    rows = (
        documents(lang, hidden)
        .filter(page__specialties=specialty)
        .annotate(updated=last_updated())
        .order_by("title", "page_id")[start : start + ENTRIES_PER_PAGE + 1]
    )
    entries = listed(rows)
    return Page(number, entries[:ENTRIES_PER_PAGE], len(entries) > ENTRIES_PER_PAGE)


def recently_updated(lang, hidden, limit):
    """The ``limit`` articles of ``lang`` whose content changed last, newest first."""
    return listed(documents(lang, hidden).annotate(updated=last_updated()).order_by("-updated", "page_id")[:limit])
