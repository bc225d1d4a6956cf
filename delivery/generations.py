"""Cache generations: the one rule by which anything cached for page delivery is retired.

Every cached entry (a page shell, a rendered article, a route, a reader's tier or
user row) is stored with the generations it was computed under, read *before*
the database was, and is used only while those are still current. A change
retires what it affects by starting new generations, now (so this process never
reads its own old entries) and again after the transaction commits (because
another process may have cached what it still saw before the commit under the
generation started first): ``start_new``. What a change affects: an article's
publish, unpublish, move, delete or translation change retires the pages that
show it (``retire_pages``: the article, its translations and the articles that
link it, each by its page and its address); a change about a reader (user row,
groups, profile) retires that reader's generation (delivery.tiers); a structural
change (a site, a view restriction, a non-article page, a group's permissions)
retires everything of its kind (``retire_everything``). Public copies that nginx
keeps are purged after the same commits (delivery.purging). Nothing relies on a
timeout; the timeouts that exist only bound memory. Tokens are random, not
counters: an evicted generation key can never make older entries valid again.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

KEY_PREFIX = "generation:"
PAGES = KEY_PREFIX + "pages"  # every page's shell, route and rendered article
SITES = KEY_PREFIX + "sites"  # which site serves a host (delivery.routing)
RESTRICTIONS = KEY_PREFIX + "view-restrictions"  # which articles have no view restrictions (delivery.routing)


def page_key(page_pk):
    """The generation of one page's rendered article."""
    return f"{KEY_PREFIX}page:{page_pk}"


def path_key(path):
    """The generation of what is served at one address (``request.path_info``): its shell and route."""
    return f"{KEY_PREFIX}path:{path}"


def current(key, known=None, timeout=None):
    """The generation stored under ``key`` (``known`` if the caller has read it already), started if missing.

    ``timeout``: seconds to keep a generation started here (None: for ever). A
    generation that expired is started again with a new token, which retires the
    entries of the old one: safe, at the price of computing them again.
    """
    value = known if known is not None else cache.get(key)
    if value is None:
        value = uuid.uuid4().hex
        if not cache.add(key, value, timeout):  # another process started one first
            value = cache.get(key, value)
    return value


def start_new(key, timeout=None):
    """Retire everything cached under the current generation, now and again once the transaction commits."""
    cache.set(key, uuid.uuid4().hex, timeout)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, timeout))


def for_request(request, key, known=None):
    """The generation under ``key`` as this request sees it: read once, then the same for the whole request."""
    seen = request.__dict__.setdefault("medlex_generations", {})
    if key not in seen:
        seen[key] = current(key, known)
    return seen[key]


def retire_pages(pages):
    """Start new generations for ``pages``: their rendered articles and what is served at their addresses."""
    for page in pages:
        start_new(page_key(page.pk))
        parts = page.get_url_parts()
        if parts is not None:
            start_new(path_key(parts[2]))


def retire_everything():
    start_new(PAGES)
    start_new(RESTRICTIONS)
