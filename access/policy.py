"""The one place that decides who may see gated content.

Every view, template and API endpoint asks this module; nothing else looks at
groups or permissions to decide about gated text, figures or functions.

Content has one of two access levels (``PUBLIC`` teaser or ``PROFESSIONAL``
only); a reader falls into one *tier*. Rendering of gated parts depends only on
the tier, never on the individual user, so it can be cached per tier.
"""

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import generations

VERIFIED_PROFESSIONALS_GROUP = "Verified professionals"
# Holders decide verification requests and open proof-of-profession documents.
VERIFY_PROFESSIONALS_PERMISSION = "accounts.verify_professionals"


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("Public teaser")
    PROFESSIONAL = "professional", _("Professionals only")


class Tier(models.TextChoices):
    PUBLIC = "public", _("Public")
    PROFESSIONAL = "professional", _("Professional")


def is_editor(user):
    """Editors and staff work on gated content in the admin, so they may read it too."""
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin")))


def needs_second_factor(user):
    """Whether a password alone must not open this account's work: the admin and the review of professionals.

    Editors and staff reach unpublished content and every reader's data; reviewers
    open identity documents. For them a stolen password must not be enough, so the
    admin (accounts.second_factor) stays shut until the session has passed a second
    factor. Readers may choose one; it is not required of them.
    """
    return is_editor(user) or bool(user.is_authenticated and user.is_active and user.has_perm(VERIFY_PROFESSIONALS_PERMISSION))


def is_verified_professional(user):
    """Approved (group membership is the record of approval) and not expired (students: 12 months)."""
    if not (user.is_authenticated and user.is_active):
        return False
    from accounts.states import in_verified_group, verification_expired

    return in_verified_group(user) and not verification_expired(user)


# A reader's tier is needed on every request; computing it costs two or three
# queries (groups, profile, permissions). It is cached per user and dropped by the
# signal receivers in access/signals.py whenever anything it depends on changes
# (group membership, permissions, profile, the user row). The short timeout is a
# safety net for changes made behind the ORM's back, and students' approvals
# lapse on time, so their entry never outlives the approval.
TIER_TIMEOUT = 300
TIER_GENERATION_KEY = generations.KEY_PREFIX + "access-tiers"


def tier_cache_keys(user_pk):
    """The cache keys ``tier_for`` reads, so a caller can fetch them with its own in one round trip."""
    return [TIER_GENERATION_KEY, f"access:tier:{user_pk}"]


def forget_tier(user_pk):
    cache.delete(f"access:tier:{user_pk}")


def forget_all_tiers():
    """A change that may affect many readers (a group's permissions, a deleted group)."""
    generations.start_new(TIER_GENERATION_KEY)


def _compute_tier(user):
    return Tier.PROFESSIONAL if (is_verified_professional(user) or is_editor(user)) else Tier.PUBLIC


def _tier_timeout(user):
    from accounts.states import expiry_of

    expires_at = expiry_of(user)
    if expires_at is None:
        return TIER_TIMEOUT
    return max(0, min(TIER_TIMEOUT, int((expires_at - timezone.now()).total_seconds())))


def tier_for(user, cached=None):
    """The access tier of ``user``, computed once per request and user object.

    ``cached``: the values of ``tier_cache_keys(user.pk)`` if the caller has fetched them already.
    """
    memo = getattr(user, "_medlex_tier", None)
    if memo is not None:
        return memo
    if not user.is_authenticated:
        return Tier.PUBLIC
    keys = tier_cache_keys(user.pk)
    values = cache.get_many(keys) if cached is None else cached
    generation = generations.current(TIER_GENERATION_KEY, values.get(TIER_GENERATION_KEY))
    entry = values.get(keys[1])
    if entry is not None and entry[0] == generation:
        tier = entry[1]
    else:
        tier = _compute_tier(user)
        cache.set(keys[1], (generation, tier), _tier_timeout(user))
    user._medlex_tier = tier
    return tier


def tier_may_see(tier, access_level):
    return access_level == AccessLevel.PUBLIC or tier == Tier.PROFESSIONAL


def may_see(user, access_level):
    return tier_may_see(tier_for(user), access_level)
