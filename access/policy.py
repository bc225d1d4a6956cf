"""The one place that decides who may see gated content.

Every view, template and API endpoint asks this module; nothing else looks at
groups or permissions to decide about gated text, figures or functions.

Content has one of two access levels (``PUBLIC`` teaser or ``PROFESSIONAL``
only); a reader falls into one *tier*. Rendering of gated parts depends only on
the tier, never on the individual user, so it can be cached per tier.
"""

import enum

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from accounts.roles import is_editor
from accounts.states import in_verified_group, verification_expired


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("Public teaser")
    PROFESSIONAL = "professional", _("Professionals only")


class Tier(models.TextChoices):
    PUBLIC = "public", _("Public")
    PROFESSIONAL = "professional", _("Professional")


def is_verified_professional(user):
    """Approved (group membership is the record of approval) and not expired (students: 12 months)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return in_verified_group(user) and not verification_expired(user)


def decide_tier(user):
    """The access tier of ``user``, decided from the database (two or three queries: groups, profile, permissions)."""
    if not user.is_authenticated:
        return Tier.PUBLIC
    # Editors and staff work on gated content in the admin, so they may read it too.
    return Tier.PROFESSIONAL if (is_verified_professional(user) or is_editor(user)) else Tier.PUBLIC


def tier_for(user):
    """The access tier of ``user``, decided once per request and user object.

    ``settings.MEDLEX_TIER_READER`` may name a function ``(user) -> tier`` that
    answers as ``decide_tier`` does but keeps the answer (the delivery app's
    cached reader); this module stays the one that decides.
    """
    tier = getattr(user, "medlex_tier", None)
    if tier is None:
        reader = import_string(settings.MEDLEX_TIER_READER) if settings.MEDLEX_TIER_READER else decide_tier
        tier = reader(user) if user.is_authenticated else Tier.PUBLIC
        user.medlex_tier = tier
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


# The medical review (review app): a revision reaches readers only when a reviewer
# approves it who did not write it. ``writer_ids`` are the user ids of the revision's
# authors and of whoever submitted it; group membership (who reviews at all) is
# Wagtail's group approval task's own check.
def may_approve_medical_review(user, writer_ids):
    return bool(user.is_authenticated and user.is_active and user.pk not in writer_ids)


# A machine translation is checked by a second person: whoever asked for it may not
# mark it reviewed. ``requested_by_id`` is that person's user id (None if unknown:
# a job started before requests were recorded, or by the system).
REVIEW_TRANSLATION_PERMISSION = "translation.review_machine_translation"


def may_mark_translation_reviewed(user, requested_by_id):
    return bool(
        user.is_authenticated
        and user.has_perm(REVIEW_TRANSLATION_PERMISSION)
        and (requested_by_id is None or requested_by_id != user.pk)
    )


# The editor's dashboard (editorial app) lists work for the people who edit content:
# translations to review, search dead ends (what readers searched for, as counts), reviews due.
# Readers never see it.


def may_use_editorial_dashboard(user):
    return is_editor(user)


# Adding a synonym from the dashboard publishes a new revision of the article at once,
# so it is for those who may publish that page (Wagtail's page permissions), nobody else.


def may_add_synonym(user, page):
    return is_editor(user) and page.permissions_for_user(user).can_publish()


# Personal API tokens (tokens app) let a program read, and with the scope for it run
# functions, as their owner, on the JSON API and the MCP server. They are for the
# professional tier: creating one, and every request made with one, asks here, so a
# verification that is revoked or lapses disables all of the reader's tokens at once.


def may_use_api_tokens(user):
    return bool(user.is_active and may_use_reader_tools(user))


# The reader tools (bookmarks, notes, recently read, following an article and its
# e-mail alerts, citing, the PDF) are part of the professional offer: for the readers
# of the full text (verified professionals, and editors, who read it too). A citation
# and a PDF carry what that tier reads. Asked on every request (the tier is kept, so
# no query) and again before each alert is sent, so a revoked reader gets no further mail.


def may_use_reader_tools(user, fresh=False):
    """``fresh``: decided from the database, not the tier kept for requests; for senders
    that ask about thousands of readers outside any request (keeping each answer would
    cost a cache write per reader)."""
    if not user.is_authenticated:
        return False
    return tier_may_use_reader_tools(decide_tier(user) if fresh else tier_for(user))


def tier_may_use_reader_tools(tier):
    """Whether readers of ``tier`` get the reader tools; for what is kept per tier (a
    rendered article) and offers them only to readers who may then be asked one by one."""
    return tier == Tier.PROFESSIONAL
