"""An article's citation and PDF in the JSON API, beside the article (``/api/v1/articles/{id}/…``).

For verified professionals, as on the site: 401 without login, 403 without
verification. An article the caller may not view (a view restriction) is 404,
as the article itself is (articles.api). The answers are files, never JSON:
the citation in the format asked for, the PDF with the caller's footer.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from ninja import Path, Query, Router, Schema
from pydantic import Field

from access.api import reader_tools_caller
from access.policy import may_view_page
from articles.api import MAX_ID
from articles.models import ArticlePage
from citing import formats, records, views
from core.api_errors import ApiError, answers

router = Router(tags=["citing"])

FORMAT_LIST = ", ".join(formats.NAMES)


class CitationParams(Schema):
    format: str = Field(..., max_length=20, description=f"One of: {FORMAT_LIST}.")


def _article(request, article_id):
    reader_tools_caller(request, "cite articles and download their PDF")
    page = get_object_or_404(ArticlePage.objects.live().select_related("locale"), pk=article_id)
    if not may_view_page(request, page):
        raise ApiError("Not found.", status=404)
    return page


def _file(media_types):
    return {
        "200": {"description": "The file.", "content": {media: {"schema": {"type": "string"}} for media in media_types}}
    }


@router.get(
    "/{int:article_id}/citation",
    response=answers(str, 400, 401, 403, 404),
    summary="The citation of an article's current version, as a file or as text in a citation style",
    description=(
        "ris, bibtex and csl-json answer a file to import (Content-Disposition: attachment); "
        "vancouver and apa answer plain text. The citation names the current version's permanent address "
        "and today as the access date."
    ),
    openapi_extra={
        "responses": _file(
            [spec.media_type for spec in formats.FILES.values()] + ["text/plain"],
        )
    },
)
def article_citation(request, params: Query[CitationParams], article_id: int = Path(..., ge=1, le=MAX_ID)):
    if params.format not in formats.NAMES:
        raise ApiError(
            f"Unknown citation format. Choose one of: {FORMAT_LIST}.",
            details=[{"field": "format", "message": f"Must be one of: {FORMAT_LIST}."}],
        )
    page = _article(request, article_id)
    if params.format in formats.FILES:
        return views.citation_file(request, page, params.format)
    citation = records.citation_for(request, page)
    text = formats.styled(citation, params.format, page.locale.language_code)
    response = HttpResponse(text + "\n", content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


@router.get(
    "/{int:article_id}/pdf",
    response=answers(str, 400, 401, 403, 404),
    summary="The PDF of an article for the caller: the sections they may read, their name in the footer",
    openapi_extra={"responses": _file(["application/pdf"])},
)
def article_pdf(request, article_id: int = Path(..., ge=1, le=MAX_ID)):
    return views.pdf_download(request, _article(request, article_id))
