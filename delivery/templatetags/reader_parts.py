from django import template
from django.utils.safestring import mark_safe

from delivery import parts

register = template.Library()

WHOLE_PAGE = object()  # the part is about the page as a whole, not one object on it


@register.simple_tag(takes_context=True)
def reader_part(context, name, object_id=WHOLE_PAGE):
    """The part ``name`` for this reader, or its placeholder in a page kept for many readers (delivery.parts).

    A part about an object that has no id yet (the preview of a page never saved) has nothing to show.
    """
    if object_id is None:
        return ""
    object_id = None if object_id is WHOLE_PAGE else object_id
    if context.get("reader_parts_deferred"):
        return mark_safe(parts.placeholder(name, object_id))
    return mark_safe(parts.render(name, context["request"], object_id))
