"""Page shells and rendered articles: an article view without rendering, routing or queries.

The expensive part of an article view (header, sections, figures, literature,
related links) depends only on the page revision, the language and the reader's
tier, so it is rendered once per combination and shared (``rendered_article``).
On top of that, the whole page is kept as a *shell* per (host, language, path,
tier): a warm view is one cache read plus the per-reader parts (delivery.parts),
without routing, page fetch or template rendering. Anonymous readers all see the
same page, so their shell is complete. Shells are stored only for plain GET
requests of pages without Wagtail view restrictions and pending messages.

Both are stored with the generations they were made under (delivery.generations)
and carry this installation's release (delivery.release) in their keys, so a
deploy starts afresh.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user, get_user_model
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag

from access.policy import Tier, tier_for
from articles import rendering, views
from articles.models import ArticlePage
from articles.serving import served
from core.security import PUBLIC_MAX_AGE
from delivery import generations, parts
from delivery.backends import prefetched_user_row, user_cache_keys
from delivery.reader_facts import facts_key, remember_prefetched
from delivery.recent import Recent
from delivery.release import cache_namespace
from delivery.tiers import cached_tier, tier_cache_keys

TIMEOUT = 24 * 3600
# Followed by the installation and release: servers running the previous release
# during an upgrade, and other installations sharing the cache, never read each other's shells.
SHELL_KEY_PREFIX = "shell-v5"
SHARED_GENERATIONS = (generations.PAGES, generations.SITES, generations.RESTRICTIONS)

# This worker's copies of recently served shells. A copy is used only while its
# generations are the shared ones, so a publish on any server retires it at once;
# it saves reading and unpickling the whole page from the shared cache.
recent_shells = Recent(200)
# When this worker last told apps that a reader opened an article (``tell_served``).
recent_reads = Recent(10000)
READ_REPEAT_SECONDS = 60


def article_key(page, tier, request=None):
    """The key of a rendered article, with the generations it depends on (as ``request`` sees them)."""
    read = generations.current if request is None else lambda key: generations.for_request(request, key)
    return (
        f"article:{cache_namespace()}:{page.pk}:{page.live_revision_id}:{translation.get_language()}:{tier}:"
        f"{read(generations.PAGES)}:{read(generations.page_key(page.pk))}"
    )


def rendered_article(page, tier, key):
    """The rendered article for ``tier`` (cached under ``key``), from the cache or freshly rendered."""
    if "article-cache" in settings.DELIVERY_OFF:
        return rendering.render_article(page, tier)
    rendered = cache.get(key)
    if rendered is None:
        rendered = rendering.render_article(page, tier)
        cache.set(key, rendered, TIMEOUT)
    return rendered


def prerender(page_pk):
    """Render a just-published article for every tier (after the commit), as its readers will see it."""
    if {"prerender", "article-cache"} & settings.DELIVERY_OFF:
        return
    page = ArticlePage.objects.live().select_related("locale").filter(pk=page_pk).first()
    if page is None:
        return
    with translation.override(page.locale.language_code):
        for tier in Tier.values:
            rendered_article(page, tier, article_key(page, tier))


def serve_article(request, page):
    """An article page from the caches: articles.views renders the page around the cached article."""
    tier = tier_for(request.user)
    reader_lang, page_lang = translation.get_language(), page.locale.language_code
    with translation.override(page_lang):
        # The article itself is rendered in its own language, and shares its cache entry.
        key = article_key(page, tier, request)
    untranslated = views.untranslated_for(request, page)
    etag = etag_for(key if untranslated is None else f"{key}:{reader_lang}:{untranslated['offer']}")
    if not_modified(request, etag):
        return respond(request, [b""], etag)
    tell_served(request, page.pk)  # before its parts are rendered or filled
    with translation.override(page_lang):
        article = rendered_article(page, tier, key)
    # An article shown under another language's prefix carries a per-reader offer,
    # so it is completed here and never kept as a shell.
    complete = request.user.is_anonymous or untranslated is not None
    pieces = parts.split(views.render_page(request, page, article, untranslated, complete))
    shell_key = getattr(request, "medlex_shell_key", None)
    if shell_key and untranslated is None and not has_pending_messages(request) and not page.get_view_restrictions():
        shell = {"parts": pieces, "etag": etag, "generation": shell_generation(request), "page": page.pk}
        request.medlex_from_shell = True
        cache.set(shell_key, shell, TIMEOUT)
        if "local-copies" not in settings.DELIVERY_OFF:
            recent_shells.put(shell_key, shell)
    return respond(request, pieces, etag)


def tell_served(request, page_pk):
    """articles.serving.served, once a minute at most per reader and article in this worker.

    A reload or a return from a section link within the minute tells apps nothing new
    (notes.reading keeps its own, longer bound across workers), and costs no cache
    read. The reader's generation is part of the key, so a change about the reader
    (switching recently-read back on) is told on the next view.
    """
    user = request.user
    if request.method != "GET" or user.is_anonymous:
        return
    key = (user.pk, page_pk, getattr(user, "medlex_reader_generation", None))
    now = time.monotonic()
    last = recent_reads.get(key)
    if last is not None and now - last < READ_REPEAT_SECONDS:
        return
    recent_reads.put(key, now)
    served(request, page_pk)


def shell_generation(request):
    return (generations.for_request(request, generations.PAGES), path_generation(request))


def path_generation(request):
    return generations.for_request(request, generations.path_key(request.path_info))


def shell_lookup(request, path):
    """``(key, shell)`` for this request: the key to store a shell under and the shell if one is warm.

    After the session, one cache round trip usually fetches all a warm view needs:
    the generations, the reader's user row, cached tier and facts (delivery.reader_facts), and the candidate
    shells this worker holds no copy of; not even the database is asked.
    ``key`` is None when the request must not use shells.
    """
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None, None
    off = settings.DELIVERY_OFF
    prefix = f"{SHELL_KEY_PREFIX}:{cache_namespace()}:{request.get_host()}:{translation.get_language()}:{path}:"
    generation_keys = [*SHARED_GENERATIONS, generations.path_key(request.path_info)]
    values = _read_for_reader(prefix, session_user_id(request), generation_keys)
    for key in generation_keys:
        generations.for_request(request, key, values[key])
    with prefetched_user_row(values):
        # Django checks the session's user here (active, password unchanged), from the row just read.
        # The user itself replaces the lazy stand-in, as a login does: the page asks it a dozen questions.
        user = request.user = get_user(request)
        anonymous = user.is_anonymous
    if not anonymous and "tier-cache" not in off:
        user.medlex_tier = cached_tier(user, values)
    remember_prefetched(request, values)
    key = prefix + ("anonymous" if anonymous else tier_for(user))
    generation = shell_generation(request)
    local = None if "local-copies" in off else recent_shells.get(key)
    if local is not None and local["generation"] == generation:
        return key, local
    shell = values[key] if key in values else cache.get(key)
    if shell is None or shell["generation"] != generation:
        return key, None
    if "local-copies" not in off:
        recent_shells.put(key, shell)
    return key, shell


def session_user_id(request):
    """The primary key the session names, not yet checked (Django's authentication does that); None if none."""
    try:
        return get_user_model()._meta.pk.to_python(request.session.get(SESSION_KEY))
    except ValidationError:
        return None


def _read_for_reader(prefix, user_id, keys):
    """``keys``, the cache entries about the reader ``user_id`` and the shells they may get, in one read.

    Every key asked for is in the result (None if not cached), so a caller can tell
    "not cached" from "not asked".
    """
    off = settings.DELIVERY_OFF
    if user_id is None:
        candidates = [prefix + "anonymous"]
    else:
        reader_keys = [
            *([] if "tier-cache" in off else tier_cache_keys(user_id)),
            *([] if "user-cache" in off else user_cache_keys(user_id)),
            facts_key(user_id),
        ]
        keys = list(dict.fromkeys([*keys, *reader_keys]))
        candidates = [prefix + Tier.PUBLIC, prefix + Tier.PROFESSIONAL]
    keys = [*keys, *(key for key in candidates if "local-copies" in off or key not in recent_shells)]
    return dict.fromkeys(keys) | cache.get_many(keys)


def has_pending_messages(request):
    """Messages are per reader, so a page that shows some is neither served from nor stored as a shell."""
    return len(get_messages(request)) > 0


def respond(request, pieces, etag):
    """The response for a rendered page (from a shell or freshly rendered)."""
    if not_modified(request, etag):
        return set_http_caching(HttpResponseNotModified(), request, etag)
    body = parts.fill(pieces, request)
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Content-Length"] = len(body)
    return set_http_caching(response, request, etag)


def etag_for(key):
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def not_modified(request, etag):
    return request.user.is_anonymous and etag in request.headers.get("If-None-Match", "")


def set_http_caching(response, request, etag):
    """Public teasers may be kept by nginx; core.security makes anything for a logged-in reader private."""
    if request.user.is_anonymous:
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])
    return response
