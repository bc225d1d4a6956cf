"""Medical specialties (Fachgebiete) under which articles are filed, e.g. dermatology.

One record per specialty, shared by the German and English sites: a name and an
address (slug) per language, as a person has a specialty per language
(people.models). Wagtail's translatable snippets would make one specialty two
records that every article of both editions, the search filter and the home page
counts would have to match up.
"""

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

LANGUAGES = ("de", "en")


class Specialty(models.Model):
    name_de = models.CharField(max_length=100, unique=True, verbose_name=_("Name (German)"))
    name_en = models.CharField(max_length=100, unique=True, verbose_name=_("Name (English)"))
    slug_de = models.SlugField(
        max_length=100,
        unique=True,
        verbose_name=_("Address (German)"),
        help_text=_("The last part of /de/fachgebiete/…/, for example dermatologie."),
    )
    slug_en = models.SlugField(
        max_length=100,
        unique=True,
        verbose_name=_("Address (English)"),
        help_text=_("The last part of /en/specialties/…/, for example dermatology."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name_de"), FieldPanel("name_en")], heading=_("Name")),
        FieldRowPanel([FieldPanel("slug_de"), FieldPanel("slug_en")], heading=_("Address")),
    ]

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("Specialty")
        verbose_name_plural = _("Specialties")

    def __str__(self):
        return self.name()

    def name(self, language=None):
        return self.name_de if (language or translation.get_language()) == "de" else self.name_en

    def slug(self, language=None):
        return self.slug_de if (language or translation.get_language()) == "de" else self.slug_en

    def get_absolute_url(self, language=None):
        language = language or translation.get_language()
        with translation.override(language):
            return reverse("specialties:detail", kwargs={"slug": self.slug(language)})


def by_slug(slug, language):
    """The specialty whose address in ``language`` is ``slug``, or None."""
    field = "slug_de" if language == "de" else "slug_en"
    return Specialty.objects.filter(**{field: slug}).first()


def ordered(specialties, language):
    """``specialties`` in the alphabetical order of their names in ``language``."""
    return sorted(specialties, key=lambda specialty: specialty.name(language).casefold())
