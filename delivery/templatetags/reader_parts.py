from django import template
from django.utils.safestring import mark_safe

from delivery import parts

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_part(context, name, object_id=None):
    """The part ``name`` for this reader, or its placeholder in a page kept for many readers (delivery.parts)."""
    if context.get("reader_parts_deferred"):
        return mark_safe(parts.placeholder(name, object_id))
    return mark_safe(parts.render(name, context["request"], object_id))
