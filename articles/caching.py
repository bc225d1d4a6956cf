"""Caching of rendered articles per (page revision, language, access tier).

The expensive part of an article view (header, sections, figures, literature,
related links) depends only on those three things, so it is rendered once per
combination and shared by every reader of that tier. Per-reader bits (the gate
message, the user name in the header, CSRF tokens) are added per request.

Anything that can change what a cached article shows without changing its own
revision (a translation or related article published, unpublished, moved or
deleted; a translation review) bumps one *generation* number that is part of
every key, so all cached articles are rebuilt lazily. A reader's tier is
computed on every request, so a revoked user never gets a professional entry.
"""

import hashlib

from django.core.cache import cache
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag

from articles import rendering

GENERATION_KEY = "articles:generation"
TIMEOUT = 24 * 3600
PUBLIC_MAX_AGE = 300  # seconds a shared cache may serve a public teaser page


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def request_generation(request):
    """The generation, read once per request (routing and rendering share it)."""
    if not hasattr(request, "_articles_generation"):
        request._articles_generation = generation()
    return request._articles_generation


def invalidate_all(**kwargs):
    """Signal receiver: start a new generation of cached articles."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(GENERATION_KEY, 2, None)


def cache_key(page, tier, generation):
    return f"article:{page.pk}:{page.live_revision_id}:{translation.get_language()}:{tier}:{generation}"


def rendered_article(page, tier, key):
    """The rendered article for ``tier`` (cached under ``key``), from the cache or freshly rendered."""
    rendered = cache.get(key)
    if rendered is None:
        rendered = rendering.render_article(page, tier)
        cache.set(key, rendered, TIMEOUT)
    return rendered


def etag_for(key):
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def not_modified(request, etag):
    return request.user.is_anonymous and etag in request.headers.get("If-None-Match", "")


def set_http_caching(response, request, etag):
    """Public teasers may be kept by a CDN or nginx; anything for a logged-in reader is private."""
    if request.user.is_anonymous:
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response
