from django import template

from legal.links import legal_pages

register = template.Library()


@register.simple_tag
def legal_links():
    """[{"kind", "title", "url"}] of the legal pages in the active language, for the footer.

    ``page.url``, not ``get_url(request)``: with the request, Wagtail looks up the request's
    site on every page that is not itself a Wagtail page, to tell a link to this site from a
    link to another; medlex is one site, and its addresses are the same either way.
    """
    return [{"kind": page.kind, "title": page.title, "url": page.url} for page in legal_pages()]
