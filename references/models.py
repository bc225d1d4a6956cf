"""Literature records: one per publication, shared by every article and edition that cites it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from references import identifiers
from references.vancouver import vancouver_text


class Reference(models.Model):
    """A publication as an editor cites it; articles list these records by number."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Journal article")
        GUIDELINE = "guideline", _("Guideline")
        BOOK = "book", _("Book")
        CHAPTER = "chapter", _("Book chapter")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ARTICLE, verbose_name=_("Kind"))
    authors = models.TextField(
        blank=True,
        verbose_name=_("Authors"),
        help_text=_(
            "One per line, in the order of the publication, as on PubMed: surname and initials, for example Borzutzky A."
        ),
    )
    et_al = models.BooleanField(default=False, verbose_name=_("More authors (et al.)"))
    title = models.CharField(max_length=500, verbose_name=_("Title"))
    container = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("Journal or book"),
        help_text=_("For a journal article the NLM abbreviation, for example Pediatrics or N Engl J Med."),
    )
    year = models.PositiveSmallIntegerField(verbose_name=_("Year"))
    volume = models.CharField(max_length=20, blank=True, verbose_name=_("Volume"))
    issue = models.CharField(max_length=20, blank=True, verbose_name=_("Issue"))
    pages = models.CharField(max_length=40, blank=True, verbose_name=_("Pages or article number"))
    doi = models.CharField(max_length=200, blank=True, validators=[identifiers.validate_doi], verbose_name=_("DOI"))
    pmid = models.CharField(max_length=12, blank=True, validators=[identifiers.validate_pmid], verbose_name=_("PMID"))
    pmcid = models.CharField(
        max_length=16, blank=True, validators=[identifiers.validate_pmcid], verbose_name=_("PMCID")
    )
    url = models.URLField(max_length=500, blank=True, verbose_name=_("URL"))
    # Who checked that each identifier leads to this publication, and when. A
    # changed identifier has not been checked (references.forms clears these).
    doi_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    doi_verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    pmid_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    pmid_verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    pmcid_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    pmcid_verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    IDENTIFIERS = ("doi", "pmid", "pmcid")

    panels = [
        FieldPanel("kind"),
        FieldPanel("authors"),
        FieldPanel("et_al"),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("container"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("volume"), FieldPanel("issue"), FieldPanel("pages")]),
            ],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("doi"), FieldPanel("doi_verified")]),
                FieldRowPanel([FieldPanel("pmid"), FieldPanel("pmid_verified")]),
                FieldRowPanel([FieldPanel("pmcid"), FieldPanel("pmcid_verified")]),
                FieldPanel("url"),
            ],
            heading=_("Identifiers"),
        ),
    ]

    class Meta:
        verbose_name = _("Reference")
        verbose_name_plural = _("References")
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["doi"]), models.Index(fields=["pmid"])]

    def author_list(self):
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    def vancouver(self):
        return vancouver_text(
            self.author_list(), self.et_al, self.title, self.container, self.year, self.volume, self.issue, self.pages
        )

    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    def pmc_url(self):
        return f"https://pmc.ncbi.nlm.nih.gov/articles/{self.pmcid}/" if self.pmcid else ""

    def has_identifier(self):
        return any(getattr(self, name) for name in self.IDENTIFIERS)

    def is_verified(self, name):
        return getattr(self, f"{name}_verified_at") is not None

    def unverified_identifiers(self):
        """The identifiers this record has that nobody has checked yet."""
        return [name for name in self.IDENTIFIERS if getattr(self, name) and not self.is_verified(name)]

    def identifier_states(self):
        """(label, value, checked) of each identifier the record has."""
        labels = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}
        return [
            (labels[name], getattr(self, name), self.is_verified(name))
            for name in self.IDENTIFIERS
            if getattr(self, name)
        ]

    def __str__(self):
        return self.vancouver()


def unverified_q():
    """Records with at least one identifier that nobody has checked."""
    q = models.Q()
    for name in Reference.IDENTIFIERS:
        q |= ~models.Q(**{name: ""}) & models.Q(**{f"{name}_verified_at__isnull": True})
    return q


def without_identifier_q():
    return models.Q(doi="", pmid="", pmcid="")


def record_for(**values):
    """The record with exactly these values, created if there is none (demo content, shared by both editions)."""
    record = Reference.objects.filter(**values).order_by("pk").first()
    return record if record is not None else Reference.objects.create(**values)
