"""People who write and review articles, with the facts a reader needs to trust them.

One record per person, shared by the German and English editions: name, degree,
affiliation and ORCID iD are the same in both languages; only the specialty and
the disclosure of conflicts of interest are text a reader reads in their own
language, so each has a German and an English field.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from people import orcid


class Person(models.Model):
    name = models.CharField(max_length=200, verbose_name=_("Name"), help_text=_("As printed on the article."))
    degree = models.CharField(
        max_length=100, blank=True, verbose_name=_("Degree"), help_text=_("For example Dr. med., MD or PhD.")
    )
    specialty_de = models.CharField(max_length=200, blank=True, verbose_name=_("Specialty (German)"))
    specialty_en = models.CharField(max_length=200, blank=True, verbose_name=_("Specialty (English)"))
    affiliation = models.CharField(max_length=300, blank=True, verbose_name=_("Affiliation"))
    orcid = models.CharField(
        max_length=19,
        blank=True,
        validators=[orcid.validate_orcid],
        verbose_name=_("ORCID iD"),
        help_text=_("Optional, for example 0000-0002-1825-0097."),
    )
    # Required: "None declared" has to be written, so an empty field never reads as "nothing to declare".
    disclosure_de = models.TextField(
        verbose_name=_("Conflicts of interest (German)"),
        help_text=_('Write "Keine angegeben" if there are none.'),
    )
    disclosure_en = models.TextField(
        verbose_name=_("Conflicts of interest (English)"),
        help_text=_('Write "None declared" if there are none.'),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        verbose_name=_("Address of the profile"),
        help_text=_("Made from the name if left empty."),
    )
    # The review workflow knows who wrote a revision through this link.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("User account"),
        help_text=_("The account this person works with in the admin, if any."),
    )

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("name"), FieldPanel("degree")]), FieldPanel("affiliation"), FieldPanel("orcid")],
            heading=_("Person"),
        ),
        FieldRowPanel([FieldPanel("specialty_de"), FieldPanel("specialty_en")], heading=_("Specialty")),
        FieldRowPanel([FieldPanel("disclosure_de"), FieldPanel("disclosure_en")], heading=_("Conflicts of interest")),
        FieldPanel("slug"),
        FieldPanel("user"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Person")
        verbose_name_plural = _("People")
        constraints = [
            models.UniqueConstraint(
                fields=["orcid"],
                condition=~models.Q(orcid=""),
                name="one_person_per_orcid",
                violation_error_message=_("Another person already has this ORCID iD."),
            )
        ]

    def __str__(self):
        return self.display_name()

    def display_name(self):
        return f"{self.name}, {self.degree}" if self.degree else self.name

    def specialty(self):
        return self.specialty_de if translation.get_language() == "de" else self.specialty_en

    def disclosure(self):
        return self.disclosure_de if translation.get_language() == "de" else self.disclosure_en

    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    def get_absolute_url(self, language=None):
        with translation.override(language or translation.get_language()):
            return reverse("people:profile", kwargs={"slug": self.slug})

    def clean(self):
        self.orcid = orcid.clean(self.orcid)
        for name in ("disclosure_de", "disclosure_en"):
            setattr(self, name, getattr(self, name).strip())

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, exclude=self.pk)
        super().save(*args, **kwargs)


def unique_slug(name, exclude=None):
    """A profile address from ``name``; a second person of the same name gets -2, -3, …"""
    base = slugify(name)[:90] or "person"
    slug, number = base, 1
    while Person.objects.filter(slug=slug).exclude(pk=exclude).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
