from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from access.gates import fill
from access.policy import tier_for
from articles import caching, languages, rendering
from functions.services import tools_for_codes


def serve_article(request, page):
    """The article for this reader; under another language's prefix, the original with a note."""
    tier = tier_for(request.user)
    reader_lang, page_lang = translation.get_language(), page.locale.language_code
    untranslated = None
    with translation.override(page_lang):
        # The article itself is rendered in its own language, and shares its cache entry.
        key = caching.cache_key(page, tier, caching.request_generation(request))
    etag_key = key
    if page_lang != reader_lang:
        untranslated = {
            "page_id": page.pk,
            "page_lang": page_lang,
            "reader_lang": reader_lang,
            "offer": languages.offer_for(request, page, Locale.get_active()),
        }
        etag_key = f"{key}:{reader_lang}:{untranslated['offer']}"
    etag = caching.etag_for(etag_key)
    if caching.not_modified(request, etag):
        return caching.respond(request, [b""], etag)
    with translation.override(page_lang):
        article = caching.rendered_article(page, tier, key)
    # Anonymous readers all get the same page, so it is complete; for others the
    # account menu and gate messages are filled per request (caching.personalize).
    # An article shown under another language's prefix carries a per-reader offer,
    # so it is completed here and never kept as a page shell.
    complete = request.user.is_anonymous or untranslated is not None
    parts = caching.page_parts(_render_page(request, page, article, untranslated, complete))
    shell_key = getattr(request, "_medlex_shell_key", None)
    if (
        shell_key
        and untranslated is None
        and not caching.has_pending_messages(request)
        and not page.get_view_restrictions()
    ):
        caching.store_shell(request, shell_key, parts, etag)
    return caching.respond(request, parts, etag)


def preview_article(request, page):
    """An editor's preview of an unsaved or draft revision: rendered afresh, never cached."""
    with translation.override(page.locale.language_code):
        article = rendering.render_article(page, tier_for(request.user))
    html = _render_page(request, page, article, None, complete=True)
    response = HttpResponse(caching.personalize(caching.page_parts(html), request))
    add_never_cache_headers(response)
    return response


def _render_page(request, page, article, untranslated, complete):
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
        "user_nav_placeholder": None if request.user.is_anonymous else caching.USER_NAV_PLACEHOLDER,
    }
    return render_to_string(page.get_template(request), context, request)
