from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from access.gates import fill
from access.policy import tier_for
from articles import languages, rendering
from articles.serving import served
from core.security import PUBLIC_MAX_AGE
from functions.services import tools_for_codes


def serve_article(request, page):
    """The article for this reader, rendered afresh; under another language's prefix, the original with a note.

    The page view of the delivery app serves articles from its caches and uses
    ``render_page`` around its cached article; this is the view without them.
    """
    with translation.override(page.locale.language_code):
        article = rendering.render_article(page, tier_for(request.user))
    served(request, page.pk)
    response = HttpResponse(render_page(request, page, article, untranslated_for(request, page)))
    if request.user.is_anonymous:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
    return response


def untranslated_for(request, page):
    """What the page needs to say when ``page`` is shown under another language's prefix, else None."""
    reader_lang, page_lang = translation.get_language(), page.locale.language_code
    if page_lang == reader_lang:
        return None
    return {
        "page_id": page.pk,
        "page_lang": page_lang,
        "reader_lang": reader_lang,
        "offer": languages.offer_for(request, page, Locale.get_active()),
    }


def preview_article(request, page):
    """An editor's preview of an unsaved or draft revision: rendered afresh, never cached."""
    with translation.override(page.locale.language_code):
        article = rendering.render_article(page, tier_for(request.user))
    response = HttpResponse(render_page(request, page, article, None))
    add_never_cache_headers(response)
    return response


def render_page(request, page, article, untranslated, complete=True, template=None, extra_context=None):
    """The article page around ``article`` (articles.rendering.render_article's result).

    ``complete=False`` leaves the per-reader parts (account menu, gate messages)
    as placeholders, for a page that is kept for many readers and filled per reader.
    ``template`` and ``extra_context``: another page built around the article (one
    extending the article template, such as an older version of it).
    """
    reader_lang = translation.get_language()
    context = {
        "page": page,
        "self": page,
        "article": article,
        "untranslated": untranslated,
        # Tools are offered in the reader's language (they are separate pages of the site).
        "tools": [
            tool.describe(reader_lang if untranslated else article["lang"])
            for tool in tools_for_codes(article["icd10"])
        ],
        "body_html": fill(article["body_html"], request, lang=reader_lang if untranslated else None)
        if complete
        else mark_safe(article["body_html"]),
        "reader_parts_deferred": not complete,
        **(extra_context or {}),
    }
    return render_to_string(template or page.get_template(request), context, request)
