"""The published versions of an article, as readers see them in its version history."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from articles.models import ArticlePage, ChangeKind


class ArticleVersion(models.Model):
    """One publish of an article: its number, what kind of change it was, and its text.

    The text is kept here, not only in Wagtail's revision: a citation may point
    to a version's permalink for as long as the article exists, while revisions
    are the admin's working copies, which ``purge_revisions`` may delete (the
    link to the revision is then emptied, the version keeps its text).
    """

    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="versions")
    revision = models.ForeignKey(Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    content = models.JSONField(
        encoder=DjangoJSONEncoder, help_text="The article as published in this version (the revision's content)."
    )
    number = models.PositiveIntegerField(verbose_name=_("Version"))
    kind = models.CharField(max_length=20, blank=True, choices=ChangeKind.choices, verbose_name=_("Kind of change"))
    summary = models.CharField(max_length=300, blank=True, verbose_name=_("Change summary"))
    published_at = models.DateTimeField(verbose_name=_("Published on"))

    class Meta:
        ordering = ["page", "number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="one_version_number_per_article")]
        verbose_name = _("Article version")
        verbose_name_plural = _("Article versions")

    def __str__(self):
        return f"{self.page_id} v{self.number}"

    @property
    def moves_last_updated(self):
        return self.kind != ChangeKind.EDITORIAL

    def kind_label(self):
        """The kind as readers see it; a first publish that names none is the first publication."""
        if self.kind:
            return self.get_kind_display()
        return _("First publication") if self.number == 1 else _("Not stated")
