"""Page routing with a cache for article URLs.

Wagtail routes a request by walking the page tree (site, localized root, one
query per path segment, then the specific page): most of the time of a cached
article view. Article URLs are cached per (host, language, path, generation);
a publish, unpublish, move or delete starts a new generation, so a cached route
never outlives the tree it was computed from. Hooks run exactly as in
``wagtail.views.serve``. A warm page shell (see ``articles.caching``) is served
before any of this. A path that is no page in this language but an article
only in another language serves that article (see ``translation.readers``).
"""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page
from wagtail.views import serve_chain

from articles import caching
from articles.caching import request_generation
from articles.models import ArticlePage
from translation.readers import article_in_other_language

ROUTE_TIMEOUT = 24 * 3600


def _route_key(request, path):
    return f"route:{request.get_host()}:{translation.get_language()}:{path}:{request_generation(request)}"


def _route(request, path):
    key = _route_key(request, path)
    page_id = cache.get(key)
    if page_id is not None:
        # The sections (a large JSON column) are only needed when the rendered article is not cached.
        page = ArticlePage.objects.live().defer_streamfields().select_related("locale").filter(pk=page_id).first()
        if page is not None:
            return page, [], {}
    result = Page.route_for_request(request, path)
    if result is not None:
        page, args, kwargs = result
        if isinstance(page, ArticlePage) and not args and not kwargs:
            cache.set(key, page.pk, ROUTE_TIMEOUT)
    return result


def serve(request, path):
    shell_key, shell = caching.shell_lookup(request, path)
    if shell_key:
        if shell is not None and not caching.has_pending_messages(request):
            return caching.respond(request, shell["html"], shell["etag"])
        # Only an article view reached through this routing (never a preview) stores shells.
        request._medlex_shell_key = shell_key
    result = _route(request, path)
    if result is None:
        # An article that exists only in another language is opened under this prefix too.
        page = article_in_other_language(request, path)
        if page is None:
            raise Http404
        translated = page.get_translations().live().filter(locale__language_code=translation.get_language()).first()
        if translated is not None:
            return redirect(translated.get_url(request))
        result = (page, [], {})
    page, args, kwargs = result
    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        response = fn(page, request, args, kwargs)
        if isinstance(response, HttpResponse):
            return response
    return chain(page, request, args, kwargs)
