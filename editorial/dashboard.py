"""What needs an editor's attention: the lists of the editor's dashboard.

The admin view and its summary panel on the admin home ask the same functions,
so both always agree. Each list names the page to open to fix it. The lists of
medical reviews read fields the articles app adds with the people and version
features (``ArticlePage.next_review_due`` and ``ArticlePage.reviewers``); as long
as an installation lacks a field, its list answers ``None`` ("not available")
instead of an empty list that would look like "nothing to do".
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, Q, Sum
from django.utils import timezone

from articles.models import ArticlePage
from articles.sections import MACHINE, OUTDATED, SectionKind
from search import log, services
from search.models import SearchQueryDay
from translation.models import SectionTranslation
from translation.services import section_states

REVIEW_HORIZON_DAYS = 30  # reviews due within this many days are listed with the overdue ones
DEAD_END_LIMIT = 50  # queries shown; the most searched first


@dataclass
class TranslationWork:
    """A translated article and the sections of it that need a person."""

    page: ArticlePage
    sections: list = field(default_factory=list)  # headings, in the article's order


def translation_work():
    """(machine translations awaiting review, outdated translations), article by article.

    A machine-translated section nobody has reviewed is awaiting review, whether or
    not its source has changed since; a section whose source changed after it was
    translated or reviewed is outdated (the translation app decides both,
    ``translation.services.section_states``). Three queries per translated article:
    for the dashboard, not for every admin page (``awaiting_review_count``).
    """
    awaiting, outdated = [], []
    pages = (
        ArticlePage.objects.filter(section_translations__isnull=False)
        .distinct()
        .select_related("locale")
        .order_by("title", "pk")
    )
    for page in pages:
        states = section_states(page)
        kinds = {block["id"]: block["value"]["kind"] for block in page.body.raw_data}
        for wanted, found in ((_unreviewed_machine, awaiting), (_outdated, outdated)):
            headings = [SectionKind(kinds[block_id]).label for block_id in kinds if wanted(states.get(block_id))]
            if headings:
                found.append(TranslationWork(page, headings))
    return awaiting, outdated


def _unreviewed_machine(state):
    return state is not None and MACHINE in (state.state, state.previous_state)


def _outdated(state):
    return state is not None and state.state == OUTDATED


def awaiting_review_count():
    """How many articles have machine-translated sections nobody has reviewed, in one query."""
    return (
        SectionTranslation.objects.filter(method=SectionTranslation.Method.MACHINE, reviewed_at__isnull=True)
        .values("page")
        .distinct()
        .count()
    )


def reviews_due(today=None):
    """Published articles whose medical review is unscheduled, overdue or due within REVIEW_HORIZON_DAYS.

    Unscheduled ones come first: nobody has decided when their text is checked again.
    """
    today = today or timezone.localdate()
    return (
        ArticlePage.objects.live()
        .filter(Q(next_review_due__isnull=True) | Q(next_review_due__lte=today + timedelta(days=REVIEW_HORIZON_DAYS)))
        .select_related("locale")
        .order_by(F("next_review_due").asc(nulls_first=True), "title")
    )


def without_reviewer():
    """Published articles that name no medical reviewer."""
    return ArticlePage.objects.live().filter(reviewers__isnull=True).select_related("locale").order_by("title")


@dataclass
class DeadEnd:
    """A query of the last DEAD_END_DAYS days that found nothing or whose results nobody opened."""

    query: str
    searches: int
    empty: int  # of them found nothing
    clicks: int  # results opened
    finds_now: int | None  # articles the query finds today (after a synonym was added, say)


def search_dead_ends(today=None, limit=DEAD_END_LIMIT, recheck=True):
    """The dead ends of the last DEAD_END_DAYS days: those that found nothing first, then the most searched.

    With ``recheck`` each is searched again, so an editor sees whether a synonym
    added since has already mended it.
    """
    today = today or timezone.localdate()
    since: date = today - timedelta(days=log.DEAD_END_DAYS - 1)
    rows = (
        SearchQueryDay.objects.filter(day__gte=since, day__lte=today)
        .values("query")
        .annotate(total=Sum("searches"), without_result=Sum("empty"), opened=Sum("clicks"))
        .filter(total__gt=0)
        .filter(Q(without_result__gt=0) | Q(opened=0))
        .order_by("-without_result", "-total", "query")[:limit]
    )
    return [
        DeadEnd(
            row["query"],
            row["total"],
            row["without_result"],
            row["opened"],
            _finds_now(row["query"]) if recheck else None,
        )
        for row in rows
    ]


def _finds_now(query):
    try:
        return len(services.search(query, limit=20).results)
    except services.QueryError:
        return 0


@dataclass
class Summary:
    """The counts the panel on the admin home shows; each is one query, since the panel is on every visit."""

    awaiting_review: int
    dead_ends: int
    reviews_due: int
    without_reviewer: int


def summary(today=None):
    return Summary(
        awaiting_review=awaiting_review_count(),
        dead_ends=len(search_dead_ends(today, recheck=False)),
        reviews_due=reviews_due(today).count(),
        without_reviewer=without_reviewer().count(),
    )
