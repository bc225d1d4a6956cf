from django import template

from legal.links import legal_pages

register = template.Library()


@register.simple_tag
def legal_links():
    """[{"kind", "title", "url"}] of the legal pages in the active language, for the footer.

    ``page.url``, not ``get_url(request)``: given the request, Wagtail looks up the request's
    site (a query on every page Wagtail does not serve itself) to tell a link within the site
    from one to another site. medlex runs one site, where ``page.url`` is the same relative
    address without that lookup.
    """
    return [{"kind": page.kind, "title": page.title, "url": page.url} for page in legal_pages()]
