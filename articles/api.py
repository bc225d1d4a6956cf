"""Articles in the JSON API; gated fields come from the same rendering as the page.

Wagtail's view restrictions apply as on the page: an article the caller may not
view (``access.policy.may_view_page``) answers 404, as a page that does not exist,
and is left out of the list, of other articles' related articles and of the
translations.
"""

from datetime import date, datetime
from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Path, Query, Router, Schema

from access.policy import hidden_page_ids, may_view_page, tier_for
from articles import rendering
from articles.models import ArticlePage
from core.api_errors import answers

router = Router(tags=["articles"])

Language = Literal["de", "en"]

# Page ids are 32-bit integers (PostgreSQL's serial); offsets are bounded by the
# same number, so neither can overflow a database integer.
MAX_ID = 2**31 - 1


class ArticleSummary(Schema):
    id: int
    title: str
    icd10: list[str]
    url: str
    lang: str
    last_updated: datetime | None


class ArticleList(Schema):
    count: int
    results: list[ArticleSummary]


class FigureOut(Schema):
    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str
    licence: str


class TranslationOut(Schema):
    state: Literal["original", "machine", "reviewed", "human", "outdated", "untranslated"]
    engine: str = Field(
        description="The machine translation engine, for machine, reviewed and outdated machine translations."
    )
    date: datetime | None = Field(description="When the section was translated, or reviewed for state reviewed.")
    reviewer: str
    translator: str = Field(
        default="", description="Who translated the section by hand (human, or outdated after a human translation)."
    )
    source_url: str = Field(description="The source section in the other language (empty for originals).")


class SectionOut(Schema):
    kind: str
    heading: str
    access: Literal["public", "professional"]
    locked: bool = Field(
        description="True when the caller may not see this section; html and figures are then withheld."
    )
    html: str | None
    figures: list[FigureOut] | None
    translation: TranslationOut


class ReferenceOut(Schema):
    number: int
    authors: list[str]
    et_al: bool
    year: int
    title: str
    journal: str
    volume: str
    issue: str
    pages: str
    doi: str
    pmid: str
    vancouver: str
    doi_url: str
    pubmed_url: str


class ArticleDetail(Schema):
    id: int
    title: str
    lang: str
    url: str
    icd10: list[str]
    synonyms: list[str]
    authors: list[str]
    reviewers: list[str]
    last_updated: datetime | None
    medically_reviewed_on: date | None = Field(description="The day a physician last checked the whole article.")
    literature_reviewed_through: str | None = Field(
        description="Year and month (YYYY-MM) up to which the literature has been searched."
    )
    next_review_due: date | None = Field(description="When the article is to be reviewed again.")
    translations: dict[str, str]
    sections: list[SectionOut]
    references: list[ReferenceOut]
    related: list[ArticleSummary]


class ListParams(Schema):
    lang: Language = "de"
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_ID)


def _summary(page, url_cache):
    return {
        "id": page.id,
        "title": page.title,
        "icd10": [code.code for code in page.icd10_codes.all()],
        "url": page.get_url(request=url_cache),
        "lang": page.locale.language_code,
        "last_updated": page.last_updated(),
    }


def _articles():
    return ArticlePage.objects.live().select_related("locale", "content_stamp").prefetch_related("icd10_codes")


@router.get("", response=answers(ArticleList, 400), summary="List published articles in one language")
def list_articles(request, params: Query[ListParams]):
    queryset = (
        _articles().filter(locale__language_code=params.lang).exclude(pk__in=hidden_page_ids(request)).order_by("title")
    )
    page_slice = queryset[params.offset : params.offset + params.limit]
    with translation.override(params.lang):
        return {"count": queryset.count(), "results": [_summary(page, request) for page in page_slice]}


def _viewable(request, page):
    if not may_view_page(request, page):
        raise Http404
    return page


@router.get(
    "/{int:article_id}",
    response=answers(ArticleDetail, 400, 404),
    summary="One article, with gated sections locked for callers who may not see them",
    description="404 also for an article behind a view restriction (password, login or group) that the caller does not pass.",
)
def get_article(request, article_id: int = Path(..., ge=1, le=MAX_ID), lang: Language | None = None):
    page = _viewable(request, get_object_or_404(_articles(), pk=article_id))
    if lang and page.locale.language_code != lang:
        page = _viewable(
            request, get_object_or_404(_articles(), translation_key=page.translation_key, locale__language_code=lang)
        )
    lang = page.locale.language_code
    hidden = hidden_page_ids(request)
    tier = tier_for(request.user)
    with translation.override(lang):
        sections = rendering.sections(page, tier)
        translations = {
            other.locale.language_code: other.get_url(request=request)
            for other in page.get_translations().live().exclude(pk__in=hidden).select_related("locale")
        }
        related = [
            _summary(link.target, request)
            for link in page.related_articles.select_related(
                "target__locale", "target__content_stamp"
            ).prefetch_related("target__icd10_codes")
            if link.target.live and link.target.pk not in hidden
        ]
        return {
            **_summary(page, request),
            "synonyms": page.synonym_list(),
            "authors": [author.person.display_name() for author in page.authors.select_related("person")],
            "reviewers": [reviewer.person.display_name() for reviewer in page.reviewers.select_related("person")],
            "medically_reviewed_on": page.medically_reviewed_on,
            "literature_reviewed_through": (
                page.literature_reviewed_through.strftime("%Y-%m") if page.literature_reviewed_through else None
            ),
            "next_review_due": page.next_review_due,
            "translations": translations,
            "sections": [
                {
                    "kind": s.kind,
                    "heading": s.heading,
                    "access": s.access,
                    "locked": s.locked,
                    "html": None if s.locked else str(s.html),
                    "figures": None if s.locked else [vars(f) for f in s.figures],
                    "translation": {
                        "state": s.translation.state,
                        "engine": s.translation.engine,
                        "date": s.translation.date,
                        "reviewer": s.translation.reviewer,
                        "translator": s.translation.translator,
                        "source_url": request.build_absolute_uri(s.translation.source_url)
                        if s.translation.source_url
                        else "",
                    },
                }
                for s in sections
            ],
            "references": [
                {
                    "number": number,
                    "authors": ref.author_list(),
                    "et_al": ref.et_al,
                    "year": ref.year,
                    "title": ref.title,
                    "journal": ref.container,
                    "volume": ref.volume,
                    "issue": ref.issue,
                    "pages": ref.pages,
                    "doi": ref.doi,
                    "pmid": ref.pmid,
                    "vancouver": ref.vancouver(),
                    "doi_url": ref.doi_url(),
                    "pubmed_url": ref.pubmed_url(),
                }
                for number, ref in enumerate(rendering.literature(page), start=1)
            ],
            "related": related,
        }
