from django import template

from legal.links import legal_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def legal_links(context):
    """[{"kind", "title", "url"}] of the legal pages in the active language, for the footer."""
    request = context.get("request")
    return [{"kind": page.kind, "title": page.title, "url": page.get_url(request)} for page in legal_pages()]
