"""Readers following articles, how often they want to hear about changes, and the changes not yet sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import ArticlePage
from versions.models import ArticleVersion


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    # Set by the unsubscribe link: the reader keeps the articles they follow, without e-mail.
    OFF = "off", _("No e-mails")


class FollowSettings(models.Model):
    """One reader's delivery choice; a reader without a row gets the daily digest in the site's default language."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_settings")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    # The language the reader last used to follow an article or choose the delivery: their e-mails' language.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)

    class Meta:
        verbose_name = _("Follow settings")
        verbose_name_plural = _("Follow settings")


class Follow(models.Model):
    """A reader follows one edition (one language) of an article."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="follow_an_article_once")]
        verbose_name = _("Followed article")
        verbose_name_plural = _("Followed articles")


class PendingChange(models.Model):
    """A content change of a followed article that the reader has not been sent yet.

    ``claim`` is set by the one sender that took the row (an UPDATE, so two workers
    never send it twice); the row is deleted once the mail is accepted by the server.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(ArticleVersion, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    claim = models.CharField(max_length=32, blank=True, default="", db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="one_pending_change_per_reader")]
