"""The article page's links to its citation and PDF: a per-reader part (delivery.parts registers it)."""

from django.utils import translation

from citing.addresses import cite_url, pdf_url
from core.fragments import Fragment


def article_links(request, facts):
    """The links for readers who may use them, nothing for anyone else; the page's own address leads to both.

    Costs no query: the tier is the reader's cached one (access.policy.tier_for).
    """
    if not facts.uses_reader_tools:
        return ""
    context = {"cite_url": cite_url(request.path, translation.get_language()), "pdf_url": pdf_url(request.path)}
    return Fragment("citing/_article_links.html", context)
