"""``{% code_title entry %}``: a code's title for the reader, marked when it is in another language."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def code_title(entry):
    """The title in the reader's language; an English WHO title on a German page carries lang="en".

    Screen readers then pronounce it in English, and the page says so once (the
    catalogue's count of codes without a German title).
    """
    if entry.title_lang != (get_language() or "")[:2]:
        return format_html('<span lang="{}">{}</span>', entry.title_lang, entry.title)
    return entry.title
