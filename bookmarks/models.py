"""A reader's bookmarks ("Merkliste") and the named collections they sort them into.

A bookmark names the article by its Wagtail ``translation_key``, which the German
and English editions share: bookmarking an article in one language bookmarks it
in the other, a move or a new slug does not break it, and the list shows the
edition in the reader's language. The title is kept as the reader saw it, so an
article that is later unpublished or deleted can still be named in the list
(without a link and without any of its text).
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

COLLECTION_NAME_MAX = 100
TITLE_MAX = 255


class Collection(models.Model):
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmark_collections")
    name = models.CharField(_("name"), max_length=COLLECTION_NAME_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            # "Sepsis" and "sepsis" would look like one collection in a menu.
            models.UniqueConstraint(Lower("name"), "reader", name="bookmarks_collection_name_unique_per_reader"),
        ]

    def __str__(self):
        return self.name


class Bookmark(models.Model):
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    translation_key = models.UUIDField()
    title = models.CharField(max_length=TITLE_MAX)
    collection = models.ForeignKey(
        Collection, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookmarks"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["reader", "translation_key"], name="bookmarks_one_per_article_and_reader"),
        ]

    def __str__(self):
        return self.title
