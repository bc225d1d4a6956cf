"""A reader's private notes on articles, and the articles they opened last.

Both belong to one reader and go with the account (``on_delete=CASCADE``); nobody
else reads them, not other readers, not search, not the cached pages.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import ArticlePage

MAX_NOTE_LENGTH = 10_000


class Note(models.Model):
    """A note on an article, or on one of its sections (``section`` is the section's kind, "" for the article).

    ``section_hash`` is the section's text when the note was written (or last
    edited); each publish of the article compares it with the section's text then
    and sets ``section_changed`` (notes.services.compare_sections).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes")
    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    section = models.CharField(max_length=40, blank=True)
    text = models.TextField(max_length=MAX_NOTE_LENGTH, verbose_name=_("Note"))
    section_hash = models.CharField(max_length=64, blank=True)
    section_changed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["page_id", "created_at", "pk"]
        indexes = [models.Index(fields=["user", "page"], name="notes_of_a_reader_on_a_page")]

    def __str__(self):
        return f"note {self.pk} of user {self.user_id} on page {self.page_id}"


class ReadingEntry(models.Model):
    """One article a reader opened, with the last time they did (at most one row per reader and article)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="one_reading_entry_per_article")]
        indexes = [models.Index(fields=["user", "-read_at"], name="reading_entries_newest_first")]


class ReadingSettings(models.Model):
    """Whether articles a reader opens are recorded; without a row they are (the reader can switch it off)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+")
    recording = models.BooleanField(default=True)
