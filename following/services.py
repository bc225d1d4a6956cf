"""Following articles: who follows what, which publishes count, and the e-mails about them.

A publish is recorded by ``versions`` as a numbered version with a kind. Only a
version that moves "Last updated" (``ArticleVersion.moves_last_updated``: every
kind but an editorial wording change) is a change of content, and only those
reach followers: each becomes a ``PendingChange`` per follower, in the publish's
transaction. Senders then collect a reader's pending changes into ONE mail, so a
publish (or a batch of publishes) that changes many followed articles sends each
reader one message: at once (a background task, queued after the commit and run
a little later to gather a batch), or in the daily or weekly digest
(``manage.py send_digests``, from cron).
"""

import logging
import smtplib
import uuid
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from access.policy import may_use_reader_tools
from following.models import Follow, FollowSettings, Frequency, PendingChange
from versions.addresses import history_url

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "following.unsubscribe"
# An unsubscribe link works this long after its mail was sent; then the settings page does the job.
UNSUBSCRIBE_MAX_AGE = timedelta(days=90)
# A sender that died after claiming changes leaves them claimed; after this long another sender takes them.
STALE_CLAIM = timedelta(hours=1)
# Readers per sending batch: one SMTP connection and one claim each.
BATCH_SIZE = 500


def settings_for(user):
    """The reader's delivery choice (a default daily digest, unsaved, for a reader who never chose)."""
    try:
        return user.follow_settings
    except FollowSettings.DoesNotExist:
        return FollowSettings(user=user)


def language_for(language):
    """One of the site's languages: ``language`` if it is one, else the default."""
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def remember_language(user, language):
    """The reader's mails are in the language they last used to follow or to choose the delivery."""
    FollowSettings.objects.update_or_create(user=user, defaults={"language": language_for(language)})


def follows(user, page_id):
    """Whether ``user`` follows the article ``page_id``."""
    return Follow.objects.filter(user=user, page_id=page_id).exists()


def followed_page_ids(user):
    """The articles ``user`` follows (each edition is followed on its own)."""
    return Follow.objects.filter(user=user).values_list("page_id", flat=True)


@transaction.atomic
def follow(user, page, language):
    Follow.objects.get_or_create(user=user, page=page)
    remember_language(user, language)


@transaction.atomic
def unfollow(user, page_id):
    """Stop following article ``page_id``; its changes not yet sent are dropped with it."""
    Follow.objects.filter(user=user, page_id=page_id).delete()
    PendingChange.objects.filter(user=user, version__page_id=page_id).delete()


@transaction.atomic
def set_frequency(user, frequency, language=None):
    """Choose how often to hear about changes; "no e-mails" drops the changes not yet sent."""
    defaults = {"frequency": frequency}
    if language:
        defaults["language"] = language_for(language)
    FollowSettings.objects.update_or_create(user=user, defaults=defaults)
    if frequency == Frequency.OFF:
        PendingChange.objects.filter(user=user).delete()


def followed(user):
    """The live articles ``user`` follows, newest follow first."""
    return Follow.objects.filter(user=user, page__live=True).select_related("page", "page__locale")


# ---------------------------------------------------------------------------
# Publishing: a content change becomes a pending change for each follower
# ---------------------------------------------------------------------------


def record_change(version):
    """A new content version is pending for every follower who gets e-mail; True if one of them wants it at once.

    Editorial versions (wording, spelling) do not move "Last updated" and send
    nothing; nor does the first publication, which nobody can follow yet.
    """
    if version.number == 1 or not version.moves_last_updated:
        return False
    followers = (
        Follow.objects.filter(page_id=version.page_id)
        .exclude(user__follow_settings__frequency=Frequency.OFF)
        .values_list("user_id", flat=True)
    )
    rows = [PendingChange(user_id=user_id, version=version) for user_id in followers]
    if not rows:
        return False
    PendingChange.objects.bulk_create(rows, ignore_conflicts=True)
    return FollowSettings.objects.filter(
        user_id__in=[row.user_id for row in rows], frequency=Frequency.IMMEDIATE
    ).exists()


# ---------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------


def readers_due(frequency):
    """Ids of the readers with ``frequency`` who have changes waiting (a reader without a choice is daily)."""
    chosen = Q(user__follow_settings__frequency=frequency)
    if frequency == Frequency.DAILY:
        chosen |= Q(user__follow_settings__isnull=True)
    return list(PendingChange.objects.filter(chosen).values_list("user_id", flat=True).distinct().order_by("user_id"))


def batches(user_ids, size=BATCH_SIZE):
    return [user_ids[i : i + size] for i in range(0, len(user_ids), size)]


def claim(user_ids):
    """Take the unsent changes of ``user_ids`` for this sender; a row claimed by a sender long gone is taken too."""
    token, now = uuid.uuid4().hex, timezone.now()
    PendingChange.objects.filter(user_id__in=user_ids).filter(Q(claim="") | Q(claimed_at__lt=now - STALE_CLAIM)).update(
        claim=token, claimed_at=now
    )
    return token


def deliver(frequency, user_ids=None):
    """Send each reader with ``frequency`` (or each of ``user_ids``) one mail with all their pending changes.

    Returns the number of mails the SMTP server accepted. A mail the server refuses
    leaves its changes pending for the next run. Delivery is at least once: the
    changes of a batch are marked done in one write after its mails (a write per
    mail costs a disk sync each on SQLite), so a sender killed in between leaves
    them claimed, and another sends them again once the claim is stale.
    """
    if user_ids is None:
        user_ids = readers_due(frequency)
    sent = 0
    for chunk in batches(list(user_ids)):
        token = claim(chunk)
        changes = defaultdict(list)
        for change in (
            PendingChange.objects.filter(claim=token)
            .select_related("user", "user__follow_settings", "version__page__locale")
            .order_by("user_id", "version__page_id", "version__number")
        ):
            changes[change.user].append(change)
        if not changes:
            continue
        urls, done = {}, []
        try:
            with get_connection() as connection:
                for user, pending in changes.items():
                    outcome = send_to(user, pending, connection, urls)
                    if outcome != FAILED:
                        done.append(user.pk)
                    sent += outcome == SENT
        finally:
            # What was sent (or is no longer to be sent) is done; the rest, refused or not
            # reached because the server went away, stays pending for the next run.
            PendingChange.objects.filter(claim=token, user_id__in=done).delete()
            PendingChange.objects.filter(claim=token).update(claim="", claimed_at=None)
    return sent


SENT, DROPPED, FAILED = "sent", "dropped", "failed"


def send_to(user, pending, connection, urls):
    """One reader's mail: SENT when the server accepted it, DROPPED when there is nothing to send, else FAILED."""
    live = [change for change in pending if change.version.page.live]
    if not (user.is_active and user.email and may_use_reader_tools(user, fresh=True)) or not live:
        return DROPPED  # no longer theirs to read, or nothing left to tell
    try:
        message(user, live, urls, connection).send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Mail about followed articles to user %s not sent; it stays pending", user.pk)
        return FAILED
    return SENT


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def article_url(page, urls):
    """The article's absolute address at the site's public base URL (kept per batch: one lookup per article)."""
    if page.pk not in urls:
        _site, _root, path = page.get_url_parts()
        urls[page.pk] = base_url() + path
    return urls[page.pk]


def unsubscribe_token(user):
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user, language):
    with translation.override(language):
        return base_url() + reverse("following:unsubscribe", args=[unsubscribe_token(user)])


class BadToken(ValueError):
    """An unsubscribe link that was altered, forged or has expired."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def reader_of(token):
    """The user an unsubscribe token was made for; ``BadToken`` if it is forged, altered or expired."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.SignatureExpired:
        raise BadToken(expired=True) from None
    except signing.BadSignature:
        raise BadToken() from None
    user = get_user_model().objects.filter(pk=data.get("u") if isinstance(data, dict) else None).first()
    if user is None:
        raise BadToken()
    return user


def unsubscribe(user):
    """The one-click unsubscribe: no more mails about followed articles; the reader still follows them."""
    set_frequency(user, Frequency.OFF)


def message(user, pending, urls, connection=None):
    """The mail to ``user`` about their pending changes, in their language, with a one-click unsubscribe."""
    choice = settings_for(user)
    language = language_for(choice.language)
    articles = defaultdict(list)
    for change in pending:
        articles[change.version.page].append(change.version)
    with translation.override(language):
        entries = [
            {
                "title": page.title,
                "url": article_url(page, urls),
                "changes": [
                    {
                        "version": version,
                        "diff_url": f"{history_url(page, article_url(page, urls))}#version-{version.number}",
                    }
                    for version in versions
                ],
            }
            for page, versions in articles.items()
        ]
        unsubscribe = unsubscribe_url(user, language)
        context = {
            "articles": entries,
            "frequency": choice.get_frequency_display(),
            "settings_url": base_url() + reverse("following:list"),
            "unsubscribe_url": unsubscribe,
        }
        subject = render_to_string("following/email/changes_subject.txt", context).strip()
        body = render_to_string("following/email/changes_message.txt", context)
    return EmailMessage(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body,
        None,
        [user.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
        },
    )


# ---------------------------------------------------------------------------
# The reader's data
# ---------------------------------------------------------------------------


def export_data(user):
    """For the reader's data export (``accounts.services.ACCOUNT_DATA_HOOK``): the articles they follow and their delivery choice."""
    choice = settings_for(user)
    return {
        "following": {
            "frequency": choice.frequency,
            "language": choice.language,
            "articles": [
                {
                    "id": f.page_id,
                    "title": f.page.title,
                    "lang": f.page.locale.language_code,
                    "since": f.created_at.isoformat(),
                }
                for f in Follow.objects.filter(user=user).select_related("page", "page__locale")
            ],
        }
    }
