"""Where the legal pages are, in the reader's language (footer, sign-up consent)."""

from django.utils.translation import get_language

from legal.models import LegalKind, LegalPage

ORDER = [kind.value for kind in LegalKind]


def legal_pages(language=None):
    """The live legal pages of a language, in footer order, with ``url``; one query.

    The footer asks on every page. The pages of all languages (a handful) are read and
    the language is picked here: asked for one language's legal pages, SQLite goes
    through every page of that language, thousands of articles, to find the few.
    """
    code = (language or get_language() or "")[:2]
    pages = {
        page.kind: page
        for page in LegalPage.objects.live().select_related("locale").order_by("pk")
        if page.locale.language_code == code
    }
    return [pages[kind] for kind in ORDER if kind in pages]


def legal_url(kind, language=None):
    """The address of the page of this kind in the reader's language, "" while there is none."""
    for page in legal_pages(language):
        if page.kind == kind:
            return page.url
    return ""
