"""The published versions of an article, as readers see them in its version history."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from articles.models import ArticlePage, ChangeKind


class ArticleVersion(models.Model):
    """One publish of an article: its number, what kind of change it was, and the text (its revision).

    The revision is protected: a citation may point to a version's permalink for
    as long as the version is listed, so Wagtail's ``purge_revisions`` keeps it.
    """

    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="versions")
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
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
