"""The footer's links to the legal pages, kept by each worker while the pages' generation holds.

Every page shows them, and working them out (a query, then Wagtail's address of each
page, which looks up the site) is about a third of rendering a page afresh. They
change only with a legal page or a site, and either starts new pages or sites
generations (delivery.receivers), which the key carries.
"""

from django import template
from django.utils import translation

from delivery import generations
from delivery.recent import Recent
from legal.links import legal_pages

register = template.Library()

# (host, language, generations) -> the footer's links.
recent_legal_links = Recent(100)


@register.simple_tag(takes_context=True)
def legal_links(context):
    """[{"kind", "title", "url"}] of the legal pages in the active language."""
    request = context.get("request")
    if request is None:
        return links(None)
    key = (
        request.get_host(),
        translation.get_language(),
        generations.for_request(request, generations.PAGES),
        generations.for_request(request, generations.SITES),
    )
    kept = recent_legal_links.get(key)
    if kept is None:
        kept = links(request)
        recent_legal_links.put(key, kept)
    return kept


def links(request):
    return [{"kind": page.kind, "title": page.title, "url": page.get_url(request)} for page in legal_pages()]
