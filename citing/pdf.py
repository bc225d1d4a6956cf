"""The PDF of an article: its body once per (version, language, tier), a footer per reader.

The body (header, the sections the tier may read with their figures, the
literature) is laid out by WeasyPrint. It depends only on the page revision, the
language and the tier, so it can be kept and shared (``settings.MEDLEX_PDF_BODY_CACHE``
names the function that keeps it; the delivery app's, which a publish retires).
Each reader's copy gets a footer on every page: the source address, the version,
the date and "for the personal use of" the reader, laid out by WeasyPrint once on
an otherwise empty page of the same size and laid over each of the body's pages
with pypdf (the page numbers are the body's own, in its margin).
Measured on the demo's CNO article (bench/pdf.py): stamping is a small fraction
of laying out the body.

Figures are read from the storage, never over HTTP: the URL fetcher answers
only the media addresses of the storage and refuses every other URL, so nothing
an article's text names is fetched from anywhere.
"""

import io
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import pgettext
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from articles import citations, rendering
from citing.records import current_version

# Relative addresses in the article (figures under MEDIA_URL) resolve against this base; it names no real host.
BASE_URL = "https://medlex.invalid/"


class StorageFetcher(URLFetcher):
    """Answers the storage's own files under MEDIA_URL; refuses every other URL (WeasyPrint then leaves it out)."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        media = settings.MEDIA_URL
        if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(media):
            raise ValueError(f"Not a file of this site's storage: {url}")
        name = unquote(parts.path.removeprefix(media))
        with default_storage.open(name) as file:
            return URLFetcherResponse(url, file.read())


def layout(html):
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StorageFetcher()).write_pdf()


def body_html(page, tier):
    """The article as the PDF shows it, for ``tier``: sections it may not read are left out entirely."""
    url_cache = rendering.new_url_cache()
    places = citations.CitationPlaces()
    sections = rendering.sections(page, tier, url_cache, places)
    version = current_version(page)
    context = {
        "page": page,
        "lang": page.locale.language_code,
        "codes": [code.code for code in page.icd10_codes.all()],
        "synonyms": page.synonym_list(),
        "authors": rendering.people_links(page.authors, page.locale.language_code),
        "reviewers": rendering.people_links(page.reviewers, page.locale.language_code),
        "last_updated": page.last_updated(),
        "version": version,
        "sections": [section for section in sections if not section.locked],
        "withheld": sum(1 for section in sections if section.locked or section.figures_locked),
        "references": rendering.cited_literature(page, places),
        # "Page 2 of 5" in the page's margin: the words around the numbers CSS counts.
        "page_label": pgettext("page 2 of 5", "Page"),
        "of_label": pgettext("page 2 of 5", "of"),
    }
    return render_to_string("citing/pdf_body.html", context)


def render_body(page, tier):
    """The body's PDF bytes for ``tier`` (call in the article's language)."""
    return layout(body_html(page, tier))


def body(page, tier):
    """The body for ``tier``, kept where settings.MEDLEX_PDF_BODY_CACHE says (``fn(page, tier, render) -> bytes``)."""
    with translation.override(page.locale.language_code):
        if settings.MEDLEX_PDF_BODY_CACHE:
            return import_string(settings.MEDLEX_PDF_BODY_CACHE)(page, tier, render_body)
        return render_body(page, tier)


def footer_pdf(source, version, reader_name, lang, today):
    """One empty page of the body's size with the reader's footer, laid over every page of the body."""
    context = {"source": source, "version": version, "reader_name": reader_name, "lang": lang, "today": today}
    return layout(render_to_string("citing/pdf_footer.html", context))


def stamp(body_pdf, footer):
    """The body with the footer's page laid over each of its pages."""
    writer = PdfWriter(clone_from=io.BytesIO(body_pdf))
    overlay = PdfReader(io.BytesIO(footer)).pages[0]
    for page in writer.pages:
        page.merge_page(overlay)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(pdf):
    return len(PdfReader(io.BytesIO(pdf)).pages)


def reader_name(user):
    return user.get_full_name() or user.get_username()


def article_pdf(page, tier, user, source):
    """The PDF of ``page`` for ``user``: the shared body for ``tier`` with this reader's footer.

    ``source``: the absolute address of the version the PDF shows.
    """
    shared = body(page, tier)
    lang = page.locale.language_code
    with translation.override(lang):
        footer = footer_pdf(source, current_version(page), reader_name(user), lang, timezone.localdate())
    return stamp(shared, footer)
