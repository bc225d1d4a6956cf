"""Readers' tiers and generations in the shared cache.

Deciding a tier (access.policy.decide_tier) costs two or three queries, on every
request of a logged-in reader. ``cached_tier`` keeps the answer in the shared
cache; settings.MEDLEX_TIER_READER names it, so access.policy.tier_for asks it.
Each reader has a generation of their own (delivery.generations), which every
change about them (user row, groups, profile; delivery.receivers) starts anew;
their cached tier and user row (delivery.backends) are stored with it, as it
was *before* their rows were read, so a change committed meanwhile retires the
entry whenever it was stored. ``TIER_TIMEOUT`` is a safety net for changes made
behind the ORM's back, and students' approvals lapse on time.
"""

from django.core.cache import cache
from django.utils import timezone

from access.policy import decide_tier
from accounts.states import expiry_of
from delivery import generations

TIER_TIMEOUT = 300
TIER_GENERATION_KEY = generations.KEY_PREFIX + "access-tiers"  # a change that may affect many readers
READER_GENERATION_TIMEOUT = 24 * 3600  # when it expires, a new one costs the reader's next request the queries


def reader_generation_key(user_pk):
    return f"access:reader-generation:{user_pk}"


def reader_generation(user_pk, known=None):
    """The reader's generation (``known`` if the caller has read ``reader_generation_key`` already)."""
    return generations.current(reader_generation_key(user_pk), known, READER_GENERATION_TIMEOUT)


def tier_cache_keys(user_pk):
    """The cache keys ``cached_tier`` reads, so a caller can fetch them with its own in one round trip."""
    return [TIER_GENERATION_KEY, reader_generation_key(user_pk), f"access:reader-tier:{user_pk}"]


def forget_reader(user_pk):
    """Retire the reader's cached tier and user row (delivery.generations' rule)."""
    generations.start_new(reader_generation_key(user_pk), READER_GENERATION_TIMEOUT)


def forget_all_tiers():
    generations.start_new(TIER_GENERATION_KEY)


def tier_timeout(user):
    expires_at = expiry_of(user)
    if expires_at is None:
        return TIER_TIMEOUT
    return max(0, min(TIER_TIMEOUT, int((expires_at - timezone.now()).total_seconds())))


def cached_tier(user, cached=None):
    """access.policy's tier of ``user``, from the cache if still valid (``cached``: values of ``tier_cache_keys``)."""
    keys = tier_cache_keys(user.pk)
    values = cache.get_many(keys) if cached is None else cached
    # The reader's generation is the one their user row was loaded under (delivery.backends), if it was.
    known = getattr(user, "medlex_reader_generation", None) or values.get(keys[1])
    tag = (generations.current(TIER_GENERATION_KEY, values.get(TIER_GENERATION_KEY)), reader_generation(user.pk, known))
    entry = values.get(keys[2])
    if entry is not None and entry[0] == tag:
        return entry[1]
    tier = decide_tier(user)
    cache.set(keys[2], (tag, tier), tier_timeout(user))
    return tier
