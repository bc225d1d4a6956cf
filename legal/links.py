"""Where the legal pages are, in the reader's language (footer, sign-up consent)."""

from django.utils.translation import get_language

from legal.models import LegalKind, LegalPage

ORDER = [kind.value for kind in LegalKind]


def legal_pages(language=None):
    """The live legal pages of a language, in footer order, with ``url``; one query."""
    code = (language or get_language() or "")[:2]
    pages = {page.kind: page for page in LegalPage.objects.live().filter(locale__language_code=code).order_by("pk")}
    return [pages[kind] for kind in ORDER if kind in pages]


def legal_url(kind, language=None):
    """The address of the page of this kind in the reader's language, "" while there is none."""
    for page in legal_pages(language):
        if page.kind == kind:
            return page.url
    return ""
