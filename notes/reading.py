"""Recently read: the last articles a reader opened, kept for them alone.

An article view is recorded when the page delivery says a reader of the full text
was served it (``articles.serving.article_served``), for warm pages too. The write
is kept cheap: the shared cache remembers for ``REPEAT_SECONDS`` that this reader
opened this article, so reading on, reloading or coming back within minutes costs
one cache read and no query; only a new (reader, article) pair asks whether
the reader records at all, then writes one upsert and trims the list to
``KEEP`` rows. Nothing is written while the reader has switched recording off
(each view then asks the setting: one small query).
"""

from django.core.cache import cache
from django.db.models import Subquery
from django.utils import timezone

from access.policy import hidden_page_ids, may_use_reader_tools
from notes.models import ReadingEntry, ReadingSettings

KEEP = 20
REPEAT_SECONDS = 5 * 60


def repeat_key(user_id, page_id):
    return f"notes:read:{user_id}:{page_id}"


def article_served(sender, request, page_id, **kwargs):
    """``article_served``: record that this reader opened ``page_id``, at most once per REPEAT_SECONDS."""
    user = request.user
    if not may_use_reader_tools(user):
        return
    key = repeat_key(user.pk, page_id)
    # A read first: a repeat (the common case) costs one cache read, no write. While
    # recording is off nothing is remembered, so switching it on records the next view.
    if cache.get(key) is not None or not is_recording(user):
        return
    if cache.add(key, 1, REPEAT_SECONDS):  # one of two workers at the same moment
        record(user, page_id)


def record(user, page_id, at=None):
    """One upsert of (reader, article) with the time, then the list trimmed to the newest KEEP."""
    ReadingEntry.objects.bulk_create(
        [ReadingEntry(user=user, page_id=page_id, read_at=at or timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "page"],
        update_fields=["read_at"],
    )
    newest = ReadingEntry.objects.filter(user=user).order_by("-read_at", "-pk").values("pk")[:KEEP]
    ReadingEntry.objects.filter(user=user).exclude(pk__in=Subquery(newest)).delete()


def is_recording(user):
    return ReadingSettings.objects.filter(user=user).values_list("recording", flat=True).first() is not False


def set_recording(user, recording):
    """Switch recording on or off; switching it off keeps the list (the reader clears it separately)."""
    ReadingSettings.objects.update_or_create(user=user, defaults={"recording": bool(recording)})


def clear(user):
    """Forget every article the reader opened; answers how many entries went."""
    deleted, _by_model = ReadingEntry.objects.filter(user=user).delete()
    return deleted


def recent(request):
    """The reader's recently read articles that are still published and visible to them, newest first."""
    return list(
        ReadingEntry.objects.filter(user=request.user, page__live=True)
        .exclude(page_id__in=hidden_page_ids(request))
        .select_related("page", "page__locale")
        .defer("page__body")
        .order_by("-read_at", "-pk")[:KEEP]
    )


def export(user):
    return {
        "recording": is_recording(user),
        "articles": [
            {"article": entry.page_id, "title": entry.page.title, "read_at": entry.read_at.isoformat()}
            for entry in ReadingEntry.objects.filter(user=user)
            .select_related("page")
            .defer("page__body")
            .order_by("-read_at")
        ],
    }
