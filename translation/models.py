"""Who translated each article section, and the glossary machines must respect."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale
from wagtail.search import index


class SectionTranslation(models.Model):
    """How one section of a translated article came to be.

    Keyed by (page, block id): a translated page keeps the block ids of its
    source, so the source section is the one with the same id in ``source_page``.
    A section without a record was written in its page's language (``original``).
    """

    class Method(models.TextChoices):
        MACHINE = "machine", _("Machine")
        HUMAN = "human", _("Person")
        # The source text was copied for an editor to translate by hand; nobody has yet.
        COPY = "copy", _("Copied, awaiting translation")

    page = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="section_translations")
    block_id = models.CharField(max_length=64)
    source_page = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=16, choices=Method.choices)
    engine = models.CharField(max_length=32, blank=True)
    translated_at = models.DateTimeField()
    # sha256 of the source section's text when it was translated or reviewed;
    # a different fingerprint of the source today means "outdated".
    source_fingerprint = models.CharField(max_length=64)
    # sha256 of the text the machine produced, to notice later edits by a person.
    output_fingerprint = models.CharField(max_length=64, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Who translated the section by hand: a person of the byline list (people.Person), named
    # publicly on the article like its authors ("Translated from German by …").
    translated_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="translated_sections"
    )
    # Who asked for the machine translation (the job's starter): a second person reviews it.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "block_id"], name="one_translation_record_per_section")]
        permissions = [("review_machine_translation", "Can mark machine-translated sections as reviewed")]


class GlossaryTerm(index.Indexed, models.Model):
    """A German/English term pair; drug names marked ``keep`` are never changed by a machine."""

    german = models.CharField(max_length=200, verbose_name=_("German"))
    english = models.CharField(max_length=200, verbose_name=_("English"))
    keep = models.BooleanField(
        default=False,
        verbose_name=_("Keep unchanged"),
        help_text=_("For drug names and other terms that are spelled the same in both languages."),
    )

    panels = [FieldPanel("german"), FieldPanel("english"), FieldPanel("keep")]
    search_fields = [index.SearchField("german"), index.SearchField("english")]

    class Meta:
        ordering = ["german"]
        verbose_name = _("Glossary term")
        verbose_name_plural = _("Glossary")

    def __str__(self):
        return f"{self.german} – {self.english}"


class TranslationJob(models.Model):
    """One background translation of an article; its progress is shown in the admin."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    source_page = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    target_locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    engine = models.CharField(max_length=32)
    only_outdated = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    sections_done = models.PositiveIntegerField(default=0)
    sections_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
