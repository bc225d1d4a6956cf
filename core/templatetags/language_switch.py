"""The header's link to the same page in the other language(s), and the head's links to its addresses."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()

# Query parameters that do not change what a page shows: ``next`` only says where a
# login leads afterwards, so every spelling of the login page has one address.
NOT_CONTENT_PARAMETERS = {"next"}


def _other_language_paths(context, translations):
    """``{language: path}`` of this page in each other language it exists in.

    ``translations`` (``[{"lang", "url"}]``) where a page names its own; otherwise a
    Wagtail page's live translations (its slug may differ per language); otherwise
    Django's ``translate_url``, which gives the same view under the other prefix,
    query included (a search stays the same search). A language with no such page
    is left out.
    """
    request, current, page = context["request"], get_language(), context.get("page")
    if translations is None and hasattr(page, "get_translations"):
        translations = [
            {"lang": other.locale.language_code, "url": other.get_url(request=request)}
            for other in page.get_translations().live().select_related("locale")
        ]
    if translations is not None:
        return {t["lang"]: t["url"] for t in translations if t["lang"] != current}
    paths = {}
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        path = request.get_full_path()
        url = translate_url(path, code)
        if url != path:
            paths[code] = url
    return paths


@register.inclusion_tag("core/_language_switch.html", takes_context=True)
def language_switch(context, translations=None):
    """One link per other language: to the same page there, or else to that language's home page."""
    paths = _other_language_paths(context, translations)
    return {
        "links": [
            {"lang": code, "url": paths.get(code, f"/{code}/"), "label": get_language_info(code)["name_local"]}
            for code, _name in settings.LANGUAGES
            if code != get_language()
        ]
    }


def absolute(request, url):
    """``url`` (a path, or a full address naming any host) at the host and scheme this request came to.

    The Host header is checked against ALLOWED_HOSTS by ``request.get_host()``; behind
    the documented nginx it is the reader's own (``proxy_set_header Host $host``), so
    the addresses are right for every name the site answers to, unlike a Wagtail
    Site's hostname, which is a setting.
    """
    parts = urlsplit(url)
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and pair.split("=", 1)[0] not in NOT_CONTENT_PARAMETERS
    )
    return request.build_absolute_uri(parts.path + (f"?{query}" if query else ""))


@register.simple_tag(takes_context=True)
def address_here(context, url):
    """``url`` at the host this request came to (``absolute``), e.g. the source line of a printout."""
    request = context.get("request")
    return absolute(request, url) if request is not None else url


@register.inclusion_tag("core/_head_links.html", takes_context=True)
def head_links(context, translations=None, canonical=None):
    """Canonical address, ``og:url`` and ``hreflang`` alternates (this page's own, each translation's, ``x-default``).

    All absolute, at the host the request came to (``absolute``). ``canonical``: the
    address of another page that is the original of this one (an article shown under
    another language's prefix); then the page names no alternates of its own.
    """
    request = context.get("request")
    if request is None:
        return {}
    if canonical is not None:
        return {"canonical": absolute(request, canonical), "alternates": []}
    own = absolute(request, request.get_full_path())
    urls = {get_language(): own}
    urls.update({code: absolute(request, path) for code, path in _other_language_paths(context, translations).items()})
    alternates = [{"lang": code, "url": urls[code]} for code, _name in settings.LANGUAGES if code in urls]
    if len(alternates) > 1:
        alternates.append({"lang": "x-default", "url": urls.get(settings.LANGUAGE_CODE, own)})
    else:
        alternates = []
    return {"canonical": own, "alternates": alternates}
