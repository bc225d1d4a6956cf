"""A section's heading and anchor from its kind, in templates.

The link to add a note at each section is a shared fragment (delivery.parts): its
template works them out when the fragment is rendered, once per worker and
language, not for every section of every page a reader opens.
"""

from django import template

from notes import services

register = template.Library()


@register.filter
def section_heading(kind):
    return services.section_heading(kind)


@register.filter
def section_anchor(kind):
    return services.anchor(kind)
