"""The one place that decides who may see gated content.

Every view, template and API endpoint asks this module; nothing else looks at
groups or permissions to decide about gated text, figures or functions.

Content has one of two access levels (``PUBLIC`` teaser or ``PROFESSIONAL``
only); a reader falls into one *tier*. Rendering of gated parts depends only on
the tier, never on the individual user, so it can be cached per tier.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

VERIFIED_PROFESSIONALS_GROUP = "Verified professionals"


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("Public teaser")
    PROFESSIONAL = "professional", _("Professionals only")


class Tier(models.TextChoices):
    PUBLIC = "public", _("Public")
    PROFESSIONAL = "professional", _("Professional")


def is_editor(user):
    """Editors and staff work on gated content in the admin, so they may read it too."""
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin")))


def is_verified_professional(user):
    """Approved (group membership is the record of approval) and not expired (students: 12 months)."""
    if not (user.is_authenticated and user.is_active):
        return False
    from accounts.states import in_verified_group, verification_expired

    return in_verified_group(user) and not verification_expired(user)


def tier_for(user):
    """The access tier of ``user``, computed once per request and user object."""
    cached = getattr(user, "_medlex_tier", None)
    if cached is not None:
        return cached
    tier = Tier.PROFESSIONAL if (is_verified_professional(user) or is_editor(user)) else Tier.PUBLIC
    if user.is_authenticated:
        user._medlex_tier = tier
    return tier


def tier_may_see(tier, access_level):
    return access_level == AccessLevel.PUBLIC or tier == Tier.PROFESSIONAL


def may_see(user, access_level):
    return tier_may_see(tier_for(user), access_level)
