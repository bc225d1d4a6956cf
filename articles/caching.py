"""Caching of rendered articles per (page revision, language, access tier).

The expensive part of an article view (header, sections, figures, literature,
related links) depends only on those three things, so it is rendered once per
combination and shared by every reader of that tier. Per-reader bits (the gate
message, the user name in the header, CSRF tokens) are added per request.

Anything that can change what a cached article shows without changing its own
revision (a translation or related article published, unpublished, moved or
deleted; a translation review) starts a new *generation* (core.generations), which
is part of every key, so all cached articles are rebuilt lazily. A reader's tier is
looked up on every request (access.policy.tier_for, whose cache is dropped on any
change), so a revoked user never gets a professional entry.

On top of that, the whole page (layout, header, article) is kept as a *page
shell* per (host, language, path, tier) and tagged with its generation: a warm
view is one cache read plus the per-reader bits, without routing, page fetch or template
rendering. Anonymous readers all see the same page, so their shell is complete;
for logged-in readers it carries placeholders for the account menu (name, CSRF
token) and the gate messages. Shells are stored only for plain GET requests of
pages without Wagtail view restrictions; adding a restriction starts a new
generation.
"""

import hashlib
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.template.loader import get_template
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.safestring import SafeString

from access.gates import GATE_PLACEHOLDER, gate_message_html
from access.policy import Tier, tier_cache_keys, tier_for
from accounts import sessions
from accounts.backends import prefetched_user_row, user_cache_keys
from articles import rendering
from core import generations
from core.csrf import masked_token
from core.recent import Recent
from core.release import cache_namespace

GENERATION_KEY = generations.KEY_PREFIX + "articles"
TIMEOUT = 24 * 3600
PUBLIC_MAX_AGE = 300  # seconds a shared cache may serve a public teaser page


# Sites (host names, root pages) change far more rarely than pages; their own
# generation lets a worker keep which site serves a host across publishes.
SITES_GENERATION_KEY = generations.KEY_PREFIX + "sites"


# Whether an article has view restrictions changes only with the restrictions
# themselves or the pages above it (never articles: they have no subpages), so
# that answer is kept across article publishes (articles.routing).
RESTRICTIONS_GENERATION_KEY = generations.KEY_PREFIX + "view-restrictions"


def generation():
    return generations.current(GENERATION_KEY)


def _read_once(request, attribute, key):
    """The generation under ``key``, read once per request (usually together with the shell)."""
    if not hasattr(request, attribute):
        setattr(request, attribute, generations.current(key))
    return getattr(request, attribute)


def request_generation(request):
    """The generation of this request (routing and rendering share it)."""
    return _read_once(request, "_articles_generation", GENERATION_KEY)


def request_sites_generation(request):
    return _read_once(request, "_sites_generation", SITES_GENERATION_KEY)


def request_restrictions_generation(request):
    return _read_once(request, "_restrictions_generation", RESTRICTIONS_GENERATION_KEY)


def invalidate_all(**kwargs):
    """Signal receiver: start a new generation of cached articles."""
    generations.start_new(GENERATION_KEY)


def invalidate_restrictions(sender=None, **kwargs):
    """Signal receiver: a view restriction changed, or a page that may be above articles.

    What happens to an article itself (publish, move, alias) is not a change here:
    the answer is kept per page id, tree path and alias.
    """
    from articles.models import ArticlePage

    if not (isinstance(sender, type) and issubclass(sender, ArticlePage)):
        generations.start_new(RESTRICTIONS_GENERATION_KEY)


def invalidate_sites(**kwargs):
    """Signal receiver: a site changed, which may change the page any URL names."""
    generations.start_new(SITES_GENERATION_KEY)
    generations.start_new(GENERATION_KEY)


def cache_key(page, tier, generation):
    """The key of a rendered article; it names this installation and release (core.release), so a deploy starts afresh."""
    return f"article:{cache_namespace()}:{page.pk}:{page.live_revision_id}:{translation.get_language()}:{tier}:{generation}"


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
    """Render a just-published article for every tier, so its first reader finds it ready.

    Runs after the publish has committed (and started a new generation); the page
    is read back from the database as readers will see it.
    """
    from articles.models import ArticlePage

    page = ArticlePage.objects.live().select_related("locale").filter(pk=page_pk).first()
    if page is None:
        return
    current = generation()
    with translation.override(page.locale.language_code):
        for tier in Tier.values:
            rendered_article(page, tier, cache_key(page, tier, current))


def prerender_on_commit(sender, instance, **kwargs):
    """Signal receiver (page published)."""
    if {"prerender", "article-cache"} & settings.DELIVERY_OFF:
        return
    transaction.on_commit(lambda: prerender(instance.pk))


USER_NAV_PLACEHOLDER = SafeString("<!--medlex:user-nav-->")
# Part of every shell's key, followed by the installation and release
# (core.release): servers running the previous release during an upgrade, and
# other installations sharing the cache, never read each other's shells.
SHELL_KEY_PREFIX = "shell-v2"


# This worker's copies of recently served shells. A copy is used only while its
# generation is the shared one, so a publish on any server retires it at once; it
# saves reading and unpickling the whole page from the shared cache on every view.
recent_shells = Recent(200)
# Rendered account menus per (language, user, name), with a stand-in for the CSRF token.
recent_menus = Recent(1000)
CSRF_STAND_IN = "medlex-csrf-stand-in"


GENERATION_KEYS = (GENERATION_KEY, SITES_GENERATION_KEY, RESTRICTIONS_GENERATION_KEY)


def shell_lookup(request, path):
    """``(key, shell)`` for this request: the key to store a shell under and the shell if one is warm.

    One cache round trip usually fetches all a warm view needs: the generations,
    the session, the reader's user row and cached tier (accounts.sessions), and the
    candidate shells this worker holds no copy of; not even the database is asked.
    ``key`` is None when the request must not use shells.
    """
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None, None
    off = settings.DELIVERY_OFF
    prefix = f"{SHELL_KEY_PREFIX}:{cache_namespace()}:{request.get_host()}:{translation.get_language()}:{path}:"
    session_key = None if "session-prefetch" in off else sessions.unread_session_cache_key(request)
    if session_key is None:
        user_id = sessions.session_user_id(request)
        values = _read_for_reader(prefix, user_id, [*GENERATION_KEYS])
    else:
        user_id = sessions.guessed_user_id(session_key)
        values = _read_for_reader(prefix, user_id, [*GENERATION_KEYS, session_key])
        sessions.use_session_data(request, values[session_key])
        named = sessions.session_user_id(request)
        if named != user_id:  # this worker's first view of the session, or it names someone else now
            user_id = named
            values.update(_read_for_reader(prefix, user_id, []))
        sessions.remember_user_of(session_key, user_id)
    generation = request._articles_generation = generations.current(GENERATION_KEY, values[GENERATION_KEY])
    request._sites_generation = generations.current(SITES_GENERATION_KEY, values[SITES_GENERATION_KEY])
    request._restrictions_generation = generations.current(
        RESTRICTIONS_GENERATION_KEY, values[RESTRICTIONS_GENERATION_KEY]
    )
    with prefetched_user_row(values):
        # Django checks the session's user here (active, password unchanged), from the row just read.
        anonymous = request.user.is_anonymous
    key = prefix + ("anonymous" if anonymous else tier_for(request.user, cached=values))
    local = None if "local-copies" in off else recent_shells.get(key)
    if local is not None and local["generation"] == generation:
        return key, local
    shell = values[key] if key in values else cache.get(key)
    if shell is None or shell["generation"] != generation:
        return key, None
    if "local-copies" not in off:
        recent_shells.put(key, shell)
    return key, shell


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
        ]
        keys = list(dict.fromkeys([*keys, *reader_keys]))
        candidates = [prefix + Tier.PUBLIC, prefix + Tier.PROFESSIONAL]
    keys += [key for key in candidates if "local-copies" in off or key not in recent_shells]
    return dict.fromkeys(keys) | cache.get_many(keys)


def store_shell(request, key, parts, etag):
    shell = {"parts": parts, "etag": etag, "generation": request_generation(request)}
    cache.set(key, shell, TIMEOUT)
    if "local-copies" not in settings.DELIVERY_OFF:
        recent_shells.put(key, shell)


def has_pending_messages(request):
    """Messages are per reader, so a page that shows some is neither served from nor stored as a shell."""
    return len(get_messages(request)) > 0


def account_menu(request):
    """The header's account menu for this reader; rendered once per name and language."""
    user = request.user
    key = (translation.get_language(), user.pk, user.get_full_name(), user.get_username())
    menu = recent_menus.get(key)
    if menu is None:
        menu = get_template("core/_user_nav.html").render(
            {"user": user, "csrf_token": CSRF_STAND_IN, "request": request}
        )
        recent_menus.put(key, menu)
    return menu.replace(CSRF_STAND_IN, masked_token(request))


_PLACEHOLDERS = re.compile(f"({re.escape(USER_NAV_PLACEHOLDER)}|{re.escape(GATE_PLACEHOLDER)})")


def page_parts(html):
    """A rendered page as it is kept: encoded text, split at the per-reader placeholders.

    Even places hold bytes, odd places the placeholders between them; an anonymous
    page is one piece. Filling the placeholders per request then needs no search
    through the page and no encoding of it.
    """
    return [piece if i % 2 else piece.encode() for i, piece in enumerate(_PLACEHOLDERS.split(html))]


def personalize(parts, request):
    """The page's bytes for this reader: placeholders filled (each kind rendered once)."""
    if len(parts) == 1:
        return parts[0]
    fills = {}
    for placeholder in parts[1::2]:
        if placeholder not in fills:
            html = account_menu(request) if placeholder == USER_NAV_PLACEHOLDER else gate_message_html(request)
            fills[placeholder] = html.encode()
    return b"".join(part if i % 2 == 0 else fills[part] for i, part in enumerate(parts))


def respond(request, parts, etag):
    """The response for a rendered page (from a shell or freshly rendered)."""
    if not_modified(request, etag):
        return set_http_caching(HttpResponseNotModified(), request, etag)
    response = HttpResponse(personalize(parts, request), content_type="text/html; charset=utf-8")
    return set_http_caching(response, request, etag)


def etag_for(key):
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def not_modified(request, etag):
    return request.user.is_anonymous and etag in request.headers.get("If-None-Match", "")


def set_http_caching(response, request, etag):
    """Public teasers may be kept by a CDN or nginx; anything for a logged-in reader is private and never stored."""
    if request.user.is_anonymous:
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response
