"""Cite this article (``<article>/cite/``, German ``zitieren/``), its files, and its PDF (``<article>/pdf/``).

For readers who may use the reader tools (access.policy); anyone else gets the
gate message with its next step and a 403, never the citation or the file.
Nothing here is kept by delivery's page caches: the citation carries today's
access date and the PDF the reader's name, so every answer is ``no-store``.
"""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from access.gates import gate_message_html
from access.policy import may_use_reader_tools, tier_for
from citing import formats, pdf, records, services
from citing.addresses import cite_url


def _article(request, path):
    page = services.article_at(request, path)
    if page is None:
        raise Http404
    return page


def _gate(request, page):
    response = TemplateResponse(
        request, "citing/gate.html", {"page": page, "gate_message": gate_message_html(request)}, status=403
    )
    add_never_cache_headers(response)
    return response


def attachment(content, media_type, filename):
    """A download: the browser saves it under ``filename`` instead of showing it."""
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    return response


@require_safe
def cite(request, path, segment):
    page = _article(request, path)
    if not may_use_reader_tools(request.user):
        return _gate(request, page)
    citation = records.citation_for(request, page)
    language = translation.get_language()
    context = {
        "page": page,
        "citation": citation,
        "styles": [(formats.STYLES[name], formats.styled(citation, name, language)) for name in formats.STYLES],
        "files": [(f"{cite_url(page.url, language)}{name}/", spec.label) for name, spec in formats.FILES.items()],
    }
    response = TemplateResponse(request, "citing/cite.html", context)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def cite_file(request, path, segment, name):
    page = _article(request, path)
    if not may_use_reader_tools(request.user):
        return _gate(request, page)
    return citation_file(request, page, name)


def citation_file(request, page, name):
    """The citation of ``page`` in the file format ``name`` (formats.FILES), as a download."""
    citation = records.citation_for(request, page)
    spec = formats.FILES[name]
    return attachment(formats.file_text(citation, name), spec.media_type, f"{citation.file_stem}.{spec.extension}")


@require_safe
def article_pdf(request, path):
    page = _article(request, path)
    if not may_use_reader_tools(request.user):
        return _gate(request, page)
    return pdf_download(request, page)


def pdf_download(request, page):
    """The PDF of ``page`` for this reader (the body their tier reads, their footer), as a download."""
    citation = records.citation_for(request, page)
    content = pdf.article_pdf(page, tier_for(request.user), request.user, citation.url)
    return attachment(content, "application/pdf", f"{citation.file_stem}.pdf")
