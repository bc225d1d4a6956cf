from django.http import HttpResponseNotModified
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Locale

from access.gates import fill
from access.policy import tier_for
from articles import caching
from functions.services import tools_for_codes
from translation import readers


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
        untranslated = {"page_id": page.pk, "page_lang": page_lang, "reader_lang": reader_lang, "offer": readers.offer_for(request, page, Locale.get_active())}
        etag_key = f"{key}:{reader_lang}:{untranslated['offer']}"
    etag = caching.etag_for(etag_key)
    if caching.not_modified(request, etag):
        return caching.set_http_caching(HttpResponseNotModified(), request, etag)
    with translation.override(page_lang):
        article = caching.rendered_article(page, tier, key)
    context = {
        "page": page,
        "self": page,
        "article": article,
        "untranslated": untranslated,
        # Tools are offered in the reader's language (they are separate pages of the site).
        "tools": [tool.describe(reader_lang if untranslated else article["lang"]) for tool in tools_for_codes(article["icd10"])],
        "body_html": fill(article["body_html"], request, lang=reader_lang if untranslated else None),
    }
    response = TemplateResponse(request, page.get_template(request), context)
    return caching.set_http_caching(response, request, etag)
