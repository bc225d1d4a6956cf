from django import template
from django.utils.safestring import mark_safe

from core.fragments import placeholder
from delivery import parts

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_part(context, name, *args):
    """The part ``name`` for this reader, or its placeholder in a page kept for many readers (delivery.parts).

    A part about an object that has no id yet (the preview of a page never saved) has nothing to show.
    """
    if None in args:
        return ""
    if context.get("reader_parts_deferred"):
        return mark_safe(placeholder(name, *args))
    return mark_safe(parts.render(name, context["request"], *(str(arg) for arg in args)))
