"""Article pages: sections, ICD-10 codes, authors, literature and related articles."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from articles import rendering
from articles.forms import ArticlePageForm
from articles.sections import SectionBlock
from icd10.codes import django_validator as validate_icd10
from icd10.codes import parse_article_code
from people.models import Person
from references.models import Reference
from specialties.models import Specialty


class ChangeKind(models.TextChoices):
    """What a publish changed, as readers see it in the version history."""

    CORRECTION = "correction", _("Correction")
    CONTENT_UPDATE = "content_update", _("Content update")
    NEW_EVIDENCE = "new_evidence", _("New evidence")
    # Wording, spelling, layout: the medical content is the same, so "Last updated" stays.
    EDITORIAL = "editorial", _("Editorial (wording)")


class ArticlePage(Page):
    """One encyclopedia article in one language; its translations share a translation key."""

    synonyms = models.TextField(
        blank=True,
        verbose_name=_("Synonyms and abbreviations"),
        help_text=_("One per line, for example CRMO or an older name. Readers find the article by each of them."),
    )
    body = StreamField([("section", SectionBlock())], verbose_name=_("Sections"))
    # Parental, so a draft keeps its specialties in its revision like the other parts of
    # the article. Blank in the database (articles made before specialties existed, bulk
    # corpora); at least one is required to publish (articles.forms.ArticlePageForm).
    specialties = ParentalManyToManyField(
        Specialty,
        blank=True,
        related_name="articles",
        verbose_name=_("Specialties"),
        help_text=_("Every article is filed under at least one specialty. Readers find it on the specialty's page."),
    )
    medically_reviewed_on = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("Medically reviewed on"),
        help_text=_("The day a physician last checked the whole article for accuracy."),
    )
    literature_reviewed_through = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("Literature reviewed through"),
        help_text=_(
            "Literature published up to this month has been searched. Any day of the month: readers see the month and year."
        ),
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("Next review due"),
        help_text=_("When the article is to be reviewed again; after the medical review."),
    )
    # Belong to one publish: stored with its revision, recorded in the version
    # history when it is published, and offered empty again for the next one
    # (articles.forms.ArticlePageForm).
    # Database defaults too: articles inserted in bulk (search.corpus) name neither.
    change_kind = models.CharField(
        max_length=20,
        blank=True,
        default="",
        db_default="",
        choices=ChangeKind.choices,
        verbose_name=_("Kind of change"),
        help_text=_("Editorial changes (wording only) do not move the “Last updated” date."),
    )
    change_summary = models.CharField(
        max_length=300,
        blank=True,
        default="",
        db_default="",
        verbose_name=_("Change summary"),
        help_text=_(
            "One or two sentences for readers, for example “Diagnostics: the 2025 EULAR/ACR classification criteria added.”"
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    base_form_class = ArticlePageForm
    template = "articles/article_page.html"

    content_panels = Page.content_panels + [
        InlinePanel("icd10_codes", label=_("ICD-10 codes"), min_num=1),
        FieldPanel("synonyms"),
        FieldPanel("specialties", widget=forms.CheckboxSelectMultiple),
        InlinePanel("authors", label=_("Authors"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("medically_reviewed_on"),
                FieldPanel("literature_reviewed_through"),
                FieldPanel("next_review_due"),
            ],
            heading=_("Review dates"),
        ),
        InlinePanel("reviewers", label=_("Medical reviewers")),
        FieldPanel("body"),
        InlinePanel("references", label=_("Literature")),
        InlinePanel("related_articles", label=_("Related articles")),
        MultiFieldPanel(
            [FieldPanel("change_kind"), FieldPanel("change_summary")],
            heading=_("What this publication changes"),
            help_text=_("Required when you publish or submit for review; readers see both in the version history."),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("synonyms"),
        index.SearchField("icd10_search_text"),
        index.SearchField("public_text"),
        index.FilterField("locale_id"),
    ]

    class Meta:
        verbose_name = _("Article")
        verbose_name_plural = _("Articles")

    def synonym_list(self):
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    def icd10_search_text(self):
        return " ".join(code.code for code in self.icd10_codes.all())

    def public_text(self):
        """Only the public teaser text is indexed, so search can never reveal gated text."""
        return rendering.public_plain_text(self)

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        for name in ("medically_reviewed_on", "literature_reviewed_through"):
            value = getattr(self, name)
            if value is not None and value > today:
                errors[name] = _("This date is in the future. Enter the day the review took place.")
        if self.medically_reviewed_on and self.next_review_due and self.next_review_due <= self.medically_reviewed_on:
            errors["next_review_due"] = _("The next review must come after the medical review (%(date)s).") % {
                "date": date_format(self.medically_reviewed_on, "SHORT_DATE_FORMAT")
            }
        if errors:
            raise ValidationError(errors)

    def last_updated(self):
        stamp = getattr(self, "content_stamp", None)
        if stamp is not None:
            return stamp.changed_at
        return self.last_published_at

    def get_view_restrictions(self):
        """Wagtail's, evaluated once per page object.

        A view asks twice (Wagtail's access check, then whether the page may be kept
        as a page shell); a page object lives for one request.
        """
        if getattr(self, "medlex_view_restrictions", None) is None:
            self.medlex_view_restrictions = super().get_view_restrictions()
        return self.medlex_view_restrictions

    def serve(self, request, *args, **kwargs):
        from articles.views import serve_article

        return serve_article(request, self)

    def serve_preview(self, request, mode_name):
        from articles.views import preview_article

        return preview_article(request, self)


class ArticleIcd10Code(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="icd10_codes")
    code = models.CharField(
        max_length=16,
        validators=[validate_icd10],
        verbose_name=_("ICD-10 code"),
        help_text=_(
            "WHO ICD-10, for example M86.9; M86.9- for the category with all its subdivisions; M86.96 for an ICD-10-GM localisation."
        ),
    )
    who_code = models.CharField(max_length=16, editable=False)
    # Lookup key for "this code or its subdivisions" queries (see icd10.codes.lookup_q).
    icd_key = models.CharField(max_length=16, editable=False, db_index=True)

    panels = [FieldPanel("code")]

    def save(self, *args, **kwargs):
        parsed = parse_article_code(self.code)
        self.code, self.who_code, self.icd_key = parsed.code, parsed.who_code, parsed.key
        super().save(*args, **kwargs)

    def __str__(self):
        return self.code


class ArticleAuthor(Orderable):
    """An author of the article, in the order printed; the person's profile has the details."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="authorships", verbose_name=_("Person"))

    panels = [FieldPanel("person")]

    def __str__(self):
        return str(self.person)


class ArticleReviewer(Orderable):
    """A physician who checked the article for medical accuracy (the review workflow's approver)."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="reviewers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("Person"))

    panels = [FieldPanel("person")]

    def __str__(self):
        return str(self.person)


class ArticleReference(Orderable):
    """An entry of an article's literature list; its number is its position in the list.

    The publication itself is a shared record (references.Reference): the German and
    English editions of an article, and any other article citing it, point to the
    same one, so a correction reaches every list.
    """

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="references")
    reference = models.ForeignKey(
        Reference, on_delete=models.PROTECT, related_name="citing_entries", verbose_name=_("Reference")
    )

    panels = [FieldPanel("reference")]

    def __str__(self):
        return str(self.reference)


class RelatedArticle(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_articles")
    target = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("Article"))

    panels = [PageChooserPanel("target", "articles.ArticlePage")]


class ArticleContentStamp(models.Model):
    """When an article's published content last changed.

    Kept outside the page and its revisions so that re-saving or re-publishing
    unchanged content does not move the "Last updated on" date.
    """

    page = models.OneToOneField(ArticlePage, on_delete=models.CASCADE, related_name="content_stamp")
    fingerprint = models.CharField(max_length=64)
    changed_at = models.DateTimeField()
