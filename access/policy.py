"""The one place that decides who may see gated content.

Every view, template and API endpoint asks this module; nothing else looks at
groups or permissions to decide about gated text, figures or functions.

Content has one of two access levels (``PUBLIC`` teaser or ``PROFESSIONAL``
only); a reader falls into one *tier*. Rendering of gated parts depends only on
the tier, never on the individual user, so it can be cached per tier.
"""

import enum

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

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
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def needs_second_factor(user):
    """Whether a password alone must not open this account's work: the admin and the review of professionals.

    Editors and staff reach unpublished content and every reader's data; reviewers
    open identity documents. For them a stolen password must not be enough, so the
    admin (accounts.second_factor) stays shut until the session has passed a second
    factor. Readers may choose one; it is not required of them.
    """
    return is_editor(user) or bool(
        user.is_authenticated and user.is_active and user.has_perm(VERIFY_PROFESSIONALS_PERMISSION)
    )


def is_verified_professional(user):
    """Approved (group membership is the record of approval) and not expired (students: 12 months)."""
    if not (user.is_authenticated and user.is_active):
        return False
    from accounts.states import in_verified_group, verification_expired

    return in_verified_group(user) and not verification_expired(user)


# A reader's tier is needed on every request; computing it costs two or three
# queries (groups, profile, permissions). It is cached per user and retired by the
# signal receivers in access/signals.py whenever anything it depends on changes
# (group membership, permissions, profile, the user row). The short timeout is a
# safety net for changes made behind the ORM's back, and students' approvals
# lapse on time, so their entry never outlives the approval.
TIER_TIMEOUT = 300
TIER_GENERATION_KEY = generations.KEY_PREFIX + "access-tiers"
# Each reader has a generation of their own, which every change about them
# (user row, groups, profile) starts anew; their cached tier and user row
# (accounts.backends) are stored with it. When it expires, a new one only costs
# the reader's next request the queries.
READER_GENERATION_TIMEOUT = 24 * 3600


def reader_generation_key(user_pk):
    return f"access:reader-generation:{user_pk}"


def reader_generation(user_pk, known=None):
    """The reader's generation (``known`` if the caller has read ``reader_generation_key`` already)."""
    return generations.current(reader_generation_key(user_pk), known, READER_GENERATION_TIMEOUT)


def tier_cache_keys(user_pk):
    """The cache keys ``tier_for`` reads, so a caller can fetch them with its own in one round trip."""
    return [TIER_GENERATION_KEY, reader_generation_key(user_pk), f"access:reader-tier:{user_pk}"]


def forget_reader(user_pk):
    """Retire the reader's cached tier and user row, now and again once the change commits.

    Deleting the entries would not be enough: until the change commits, and for as
    long as a request that read the old rows takes to store its answer, another
    worker can still compute the old tier (or load the old row) and cache it, and a
    revocation would be undone for the entry's lifetime. Each entry is stored with
    the reader's generation as it was *before* the rows were read, and the
    generation started after the commit (core.generations) retires every entry
    made from the old rows, whenever it was stored.
    """
    generations.start_new(reader_generation_key(user_pk), READER_GENERATION_TIMEOUT)


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
    # The generations are those read before the tier's rows were: the reader's is
    # the one their user row was loaded under (accounts.backends), if it was. An
    # entry stays valid only while neither has changed since (see forget_reader).
    known = getattr(user, "_medlex_reader_generation", None) or values.get(keys[1])
    tag = (generations.current(TIER_GENERATION_KEY, values.get(TIER_GENERATION_KEY)), reader_generation(user.pk, known))
    entry = values.get(keys[2])
    if entry is not None and entry[0] == tag:
        tier = entry[1]
    else:
        tier = _compute_tier(user)
        cache.set(keys[2], (tag, tier), _tier_timeout(user))
    user._medlex_tier = tier
    return tier


def tier_may_see(tier, access_level):
    return access_level == AccessLevel.PUBLIC or tier == Tier.PROFESSIONAL


def may_see(user, access_level):
    return tier_may_see(tier_for(user), access_level)


class MediaKind(enum.Enum):
    """What an uploaded file is; the media view works it out from the file it would send."""

    IMAGE_ORIGINAL = "image original"
    IMAGE_RENDITION = "image rendition"
    DOCUMENT = "document"  # Wagtail documents and any other upload


def may_read_media(user, kind):
    """Figures are gated content, so image files are for the professional tier (which
    includes editors); every other upload is editors' working material."""
    if kind in (MediaKind.IMAGE_ORIGINAL, MediaKind.IMAGE_RENDITION):
        return tier_for(user) == Tier.PROFESSIONAL
    return is_editor(user)


# Wagtail's view restrictions (password, login, groups) are a second gate, set by
# editors on a page or any of its ancestors. The page view enforces them through
# Wagtail's own hook; every other way to a page's content (the JSON API, search)
# asks here, with the same test Wagtail's page view makes: ``accept_request`` of
# each restriction. Login and group restrictions are passed by the request's user;
# a password restriction only by a session that entered the password on the page
# itself, since nothing outside the page unlocks one.


def may_view_page(request, page):
    """Whether every view restriction on ``page`` or its ancestors lets this request see it."""
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def hidden_page_ids(request):
    """Ids of the pages withheld from this request by view restrictions it does not pass.

    For lists (articles, search, ICD-10 codes), where asking ``may_view_page`` per
    page would cost two queries each: the restrictions are few, so each is tested
    once, and a refused one hides its page, the pages beneath it, and the aliases of
    those (an alias is restricted by its source page, as Wagtail decides). Without
    any restriction this is one query. Kept for the rest of the request.
    """
    hidden = getattr(request, "_medlex_hidden_pages", None)
    if hidden is None:
        refused = [
            restriction
            for restriction in PageViewRestriction.objects.select_related("page")
            if not restriction.accept_request(request)
        ]
        hidden = frozenset()
        if refused:
            beneath = Q()
            for restriction in refused:
                beneath |= Q(path__startswith=restriction.page.path)
            for alias_path in Page.objects.filter(alias_of__in=Page.objects.filter(beneath)).values_list(
                "path", flat=True
            ):
                beneath |= Q(path__startswith=alias_path)
            hidden = frozenset(Page.objects.filter(beneath).values_list("pk", flat=True))
        request._medlex_hidden_pages = hidden
    return hidden


# The literature library (references app) is editors' working material. Importing a
# file creates many records at once that every article can then cite, so it is for
# editors who may add references (Wagtail's snippet permission), nobody else.
ADD_REFERENCE_PERMISSION = "references.add_reference"


def may_import_references(user):
    return is_editor(user) and user.has_perm(ADD_REFERENCE_PERMISSION)
