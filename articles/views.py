from django.http import HttpResponseNotModified
from django.template.response import TemplateResponse

from access.gates import fill
from access.policy import tier_for
from articles import caching
from functions.services import tools_for_codes


def serve_article(request, page):
    tier = tier_for(request.user)
    key = caching.cache_key(page, tier, caching.request_generation(request))
    etag = caching.etag_for(key)
    if caching.not_modified(request, etag):
        return caching.set_http_caching(HttpResponseNotModified(), request, etag)
    article = caching.rendered_article(page, tier, key)
    context = {
        "page": page,
        "self": page,
        "article": article,
        "tools": [tool.describe(article["lang"]) for tool in tools_for_codes(article["icd10"])],
        "body_html": fill(article["body_html"], request),
    }
    response = TemplateResponse(request, page.get_template(request), context)
    return caching.set_http_caching(response, request, etag)
