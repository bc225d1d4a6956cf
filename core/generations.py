"""Cache generations: one shared token that every dependent cache entry is checked against.

Starting a new generation retires all entries of the old one at once. The token is
random, not a counter: if the cache evicts it, a counter would start again at 1 and
could make entries of an older generation valid again; a fresh random token cannot.

Every shared generation's key starts with ``KEY_PREFIX``: the production cache
keeps those keys in each worker and learns of changes from Redis
(core.redis_cache), so the generations every view checks usually cost no round
trip. A generation per reader (access.policy, accounts.backends) uses a key
outside that prefix and a timeout: there is one per reader, too many to keep in
every worker, and it is read together with the reader's entries anyway.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

KEY_PREFIX = "generation:"


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
    """Retire everything cached under the current generation, now and again once the transaction commits.

    Now, so that this process never reads its own old entries; after the commit,
    because another process may have cached what it still saw before the commit
    under the generation started first.
    """
    cache.set(key, uuid.uuid4().hex, timeout)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, timeout))
