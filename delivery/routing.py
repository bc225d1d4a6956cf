"""Page routing with a cache for article URLs.

Wagtail routes a request by walking the page tree (site, localized root, one
query per path segment, then the specific page). An article is found here by its
stored URL path in one query instead, and article URLs are cached per (host,
language, path, pages generation). A cached route is used only while the page it
names is live and still has that URL path (a publish of the article itself leaves
its route standing; an unpublish, a move or a new slug does not), and a change to
any other page starts a new pages generation, so a cached route never outlives
the tree it was computed from.
Hooks run exactly as in ``wagtail.views.serve``. A warm page shell (see
``delivery.shells``) is served before any of this, for paths seen before even
before the last middleware and Django's URL routing (``warm_shell_middleware``),
and so without Wagtail's serve hooks: shells are used only while every registered
``before_serve_page`` and ``on_serve_page`` hook is one a shell may skip
(``SHELL_SAFE_SERVE_HOOKS``).
A path that is no page in this language but an article only in another language
serves that article (see ``articles.languages``).
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page, Site

from articles.languages import article_in_other_language
from articles.models import ArticlePage
from delivery import generations, shells
from delivery.recent import Recent
from delivery.release import cache_namespace

ROUTE_TIMEOUT = 24 * 3600


def _route_key(request, path):
    # Page ids are an installation's own (delivery.release): another one's routes are never read.
    pages = generations.for_request(request, generations.PAGES)
    return f"route:{cache_namespace()}:{request.get_host()}:{translation.get_language()}:{path}:{pages}"


def _route(request, path):
    if "route-cache" in settings.DELIVERY_OFF:
        return Page.route_for_request(request, path)
    key = _route_key(request, path)
    page_id = cache.get(key)
    root_path = _root_path(request, translation.get_language())
    url_path = _url_path(root_path, path)
    if page_id is not None and url_path is not None:
        # The sections (a large JSON column) are only needed when the rendered article is not cached.
        page = (
            ArticlePage.objects.live()
            .defer_streamfields()
            .select_related("locale")
            .filter(pk=page_id, url_path=url_path)
            .first()
        )
        if page is not None:
            return _with_known_restrictions(request, page), [], {}
    page = _article_at(root_path, url_path)
    if page is not None:
        cache.set(key, page.pk, ROUTE_TIMEOUT)
        return _with_known_restrictions(request, page), [], {}
    return Page.route_for_request(request, path)


# This worker's articles without view restrictions, per restrictions generation.
unrestricted_articles = Recent(5000)


def _with_known_restrictions(request, page):
    """``page``, told it has no view restrictions when this worker knows so, saving Wagtail's two queries."""
    key = (page.pk, page.path, page.alias_of_id, generations.for_request(request, generations.RESTRICTIONS))
    if key in unrestricted_articles:
        page.medlex_view_restrictions = []
    elif not page.get_view_restrictions():
        unrestricted_articles.put(key, True)
    return page


def _url_path(root_path, path):
    """The ``url_path`` of a page at ``path`` below ``root_path``; None for the root itself or without a root.

    Our page types route by slug alone, so a page's ``url_path`` (its ancestors'
    slugs) below the language's root is where Wagtail's walk would end.
    """
    if root_path is None or not path.strip("/"):
        return None
    return root_path + "/".join(part for part in path.split("/") if part) + "/"


def _article_at(root_path, url_path):
    """The live article at ``url_path`` below ``root_path`` in the active language, in one query; None for anything else.

    Like Wagtail's walk, it starts from the language's root only while the root is
    live. Anything else (the home page, a non-article, a language without its own
    root) is left to Wagtail.
    """
    if url_path is None:
        return None
    return (
        ArticlePage.objects.live()
        .filter(url_path=url_path, locale__language_code=translation.get_language())
        .filter(Exists(Page.objects.filter(url_path=root_path, live=True)))
        .select_related("locale")
        .first()
    )


# This worker's answers to "which site serves this host", valid while no Site
# changes (delivery.receivers starts a new sites generation).
recent_sites = Recent(100)


def _root_path(request, language):
    """The ``url_path`` of the site's root page in ``language`` for this request's host, or None.

    The root paths themselves are Wagtail's, which it keeps current as pages move.
    """
    key = (request.get_host(), request.get_port(), generations.for_request(request, generations.SITES))
    if key not in recent_sites:
        site = Site.find_for_request(request)
        recent_sites.put(key, None if site is None else site.pk)
    site_id = recent_sites.get(key)
    roots = [
        root.root_path
        for root in Site.get_site_root_paths()
        if root.site_id == site_id and root.language_code == language
    ]
    return roots[0] if site_id is not None and len(roots) == 1 else None


# This worker's paths that Django's URL routing sent to ``serve`` (path_info -> the
# page path it captured). The URL patterns are fixed while a worker runs, so the
# middleware below can answer those paths from a warm shell without routing again.
page_paths = Recent(1000)


def warm_shell_middleware(get_response):
    """Answer a known page path from a warm shell before Django resolves the URL (about 50 µs).

    It runs once the request has its session, language, CSRF cookie, reader and
    messages, and the answer still passes the security headers on its way out. The
    middleware after it have nothing to do for a warm article page: common's slash
    and host redirects and allauth's redirect of its bare prefix act on other paths
    or on a 404, the admin's second factor on admin paths, Wagtail's redirects on a
    404 (``respond`` sets the Content-Length that common would). A cold or missing
    shell continues to them and to the view, which then does not look again.
    """

    def middleware(request):
        path = page_paths.get(request.path_info)
        if path is not None:
            response = serve_warm(request, path)
            if response is not None:
                return response
        return get_response(request)

    return middleware


# Wagtail's own serve hooks, which a shell may skip: shells hold only GET and HEAD
# answers of pages without view restrictions, which check_view_restrictions lets
# every reader through and check_request_method allows. Any other hook (of an app,
# of the project, a new one of Wagtail's) turns shells off, so it runs on every
# view; hooks are named here, not imported, so a renamed one does the same.
SHELL_SAFE_SERVE_HOOKS = frozenset(
    {
        "wagtail.wagtail_hooks.check_view_restrictions",  # on_serve_page
        "wagtail.wagtail_hooks.check_request_method",  # before_serve_page
    }
)


def serve_hooks_allow_shells():
    """Whether every registered ``before_serve_page`` and ``on_serve_page`` hook is one a shell may skip.

    Asked on every warm view (hooks may be registered at any time), so the answer
    per hook function is remembered.
    """
    for fn in [*hooks.get_hooks("before_serve_page"), *hooks.get_hooks("on_serve_page")]:
        skippable = skippable_hooks.get(fn)
        if skippable is None:
            skippable = skippable_hooks[fn] = (
                f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', '')}" in SHELL_SAFE_SERVE_HOOKS
            )
        if not skippable:
            return False
    return True


# Hook functions seen by this worker -> whether a shell may skip them.
skippable_hooks = {}


def shells_allowed():
    """Whether pages may be served from (and stored as) shells now; if not, the serve hooks run on every view."""
    return "shells" not in settings.DELIVERY_OFF and serve_hooks_allow_shells()


def serve_warm(request, path):
    """The response from a warm page shell, or None (then the view renders the page)."""
    request.medlex_shell_looked_up = True
    if not shells_allowed():
        return None  # neither served from a shell nor stored as one: the hooks run
    shell_key, shell = shells.shell_lookup(request, path)
    if shell_key:
        if shell is not None and not shells.has_pending_messages(request):
            shells.tell_served(request, shell["page"])  # a shell knows its article
            request.medlex_from_shell = True
            return shells.respond(request, shell["parts"], shell["etag"])
        # Only an article view reached through this routing (never a preview) stores shells.
        request.medlex_shell_key = shell_key
    return None


def serve(request, path):
    page_paths.put(request.path_info, path)
    if not getattr(request, "medlex_shell_looked_up", False):
        response = serve_warm(request, path)
        if response is not None:
            return response
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
    chain = deliver
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        response = fn(page, request, args, kwargs)
        if isinstance(response, HttpResponse):
            return response
    return chain(page, request, args, kwargs)


def deliver(page, request, args, kwargs):
    """The innermost step of Wagtail's serve chain: an article from the caches (delivery.shells), any other page as Wagtail serves it."""
    if isinstance(page, ArticlePage) and not args and not kwargs:
        return shells.serve_article(request, page)
    return page.serve(request, *args, **kwargs)
