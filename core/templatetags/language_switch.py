"""The header's link to the same page in the other language(s)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.inclusion_tag("core/_language_switch.html", takes_context=True)
def language_switch(context, translations=None):
    """One link per other language: to ``translations`` (``[{"lang", "url"}]``) where a page names its own.

    Otherwise Django's ``translate_url`` gives the same view under the other
    language's prefix, query included (a search stays the same search); a path it
    cannot resolve leads to that language's home page.
    """
    request, current = context["request"], get_language()
    named = {t["lang"]: t["url"] for t in translations or []}
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        url = named.get(code)
        if url is None:
            path = request.get_full_path()
            url = translate_url(path, code)
            if url == path:
                url = f"/{code}/"
        links.append({"lang": code, "url": url, "label": get_language_info(code)["name_local"]})
    return {"links": links}
