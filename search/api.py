"""Search and type-ahead in the JSON API. Snippets come from public text only.

Articles behind a view restriction the caller does not pass are left out, as
in the article API (``access.policy.hidden_page_ids``). Each search is counted in
the search log (``search.log``: query text and counts, never the caller).
"""

from typing import Literal

from django.utils import translation
from ninja import Field, Query, Router, Schema

from access.policy import hidden_page_ids
from core.api_errors import ApiError, answers
from search import log, services

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field(
        min_length=1,
        max_length=services.MAX_QUERY_LENGTH,
        description=f"Title, synonym, abbreviation or ICD-10 code; at most {services.MAX_QUERY_LENGTH} characters. "
        "A query without letters or digits answers 400.",
    )
    lang: Literal["de", "en"] = "de"
    limit: int = Field(20, ge=1, le=100)


class SearchHit(Schema):
    id: int
    title: str
    url: str
    icd10: list[str]
    lang: str
    snippet: str
    score: float
    translations: dict[str, str]


class SearchResponse(Schema):
    query: str
    icd10_query: str | None = Field(description="The ICD-10 code the query was read as, if any.")
    corrected: str = Field(description="The query after typo correction, empty if none was needed.")
    results: list[SearchHit]


class Suggestion(Schema):
    label: str
    title: str
    kind: Literal["title", "synonym", "code"]
    url: str
    lang: str


class SuggestResponse(Schema):
    results: list[Suggestion]


def _checked(call):
    try:
        return call()
    except services.QueryError as error:
        raise ApiError(error.message) from error


@router.get(
    "/search",
    response=answers(SearchResponse, 400),
    summary="Articles matching a name, synonym, abbreviation or ICD-10 code, best first",
)
def search(request, params: Query[SearchParams]):
    with translation.override(params.lang):
        outcome = _checked(
            lambda: services.search(params.q, lang=params.lang, limit=params.limit, hidden=hidden_page_ids(request))
        )
    log.record_search(outcome.query, len(outcome.results))
    return {
        "query": outcome.query,
        "icd10_query": outcome.code.code if outcome.code else None,
        "corrected": outcome.corrected,
        "results": [
            {
                "id": r.document.page_id,
                "title": r.document.title,
                "url": r.document.url,
                "icd10": r.codes,
                "lang": r.document.lang,
                "snippet": r.snippet,
                "score": r.score,
                "translations": r.translations,
            }
            for r in outcome.results
        ],
    }


@router.get(
    "/suggest", response=answers(SuggestResponse, 400), summary="Type-ahead: names and codes starting with the query"
)
def suggest(request, params: Query[SearchParams]):
    with translation.override(params.lang):
        return {
            "results": _checked(
                lambda: services.suggest(
                    params.q, lang=params.lang, limit=min(params.limit, 10), hidden=hidden_page_ids(request)
                )
            )
        }
