"""The controlled list of section kinds, the StreamField blocks of an article, and where a section's text comes from."""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from access.policy import AccessLevel

# Where a section's text comes from: written in the article's own language
# (``original``) or translated. The app ``translation`` works out each section's state
# (translation.services.section_states) and hands it to the article's rendering through
# the Wagtail hook SECTION_STATES_HOOK, so articles need not know how.
SECTION_STATES_HOOK = "article_section_states"
ORIGINAL, MACHINE, REVIEWED, HUMAN, OUTDATED = "original", "machine", "reviewed", "human", "outdated"
UNTRANSLATED = "untranslated"


@dataclass
class SectionState:
    state: str
    engine: str = ""
    date: datetime | None = None
    reviewer: str = ""
    source_url: str = ""
    source_lang: str = ""
    # What the section was before it became outdated (machine, reviewed or human).
    previous_state: str = ""
    # Public names only (people of the byline list, like authors): who translated by hand,
    # with their profile; who checked a machine translation; who asked for it: a person
    # (``requester``), the editors or a reader, who is never named (``requester_kind``).
    translator: str = ""
    translator_url: str = ""
    reviewer_url: str = ""
    requester: str = ""
    requester_kind: str = ""  # "", "person", "editors" or "reader"


RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "superscript", "subscript"]


class SectionKind(models.TextChoices):
    DEFINITION = "definition", _("Definition")
    EPIDEMIOLOGY = "epidemiology", _("Epidemiology")
    ETIOPATHOGENESIS = "etiopathogenesis", _("Etiopathogenesis")
    MANIFESTATION = "manifestation", _("Manifestation")
    CLINICAL_FEATURES = "clinical_features", _("Clinical features")
    IMAGING = "imaging", _("Imaging")
    HISTOLOGY = "histology", _("Histology")
    DIAGNOSTICS = "diagnostics", _("Diagnostics")
    DIFFERENTIAL_DIAGNOSIS = "differential_diagnosis", _("Differential diagnosis")
    COMPLICATIONS = "complications", _("Complications")
    THERAPY = "therapy", _("Therapy")
    COURSE_PROGNOSIS = "course_prognosis", _("Course and prognosis")
    NOTES = "notes", _("Notes")


def section_anchor(kind):
    """The id of a section on its article page: a kind appears once per article, so it stays as the text changes."""
    return slugify(kind)


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(max_length=500, label=_("Caption"))
    alt_text = blocks.CharBlock(
        max_length=300,
        label=_("Alt text"),
        help_text=_("What the figure shows, for readers who cannot see it."),
    )
    credit = blocks.CharBlock(max_length=200, label=_("Credit"))
    licence = blocks.CharBlock(max_length=100, label=_("Licence"), help_text=_("For example CC BY 4.0"))

    class Meta:
        icon = "image"
        label = _("Figure")


class SectionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=SectionKind.choices, label=_("Kind"))
    access = blocks.ChoiceBlock(
        choices=AccessLevel.choices,
        default=AccessLevel.PROFESSIONAL,
        label=_("Access"),
        help_text=_("Public sections are a teaser everyone may read; the rest is for verified professionals."),
    )
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    figures = blocks.ListBlock(
        FigureBlock(),
        default=[],
        label=_("Figures"),
        help_text=_("Figures are shown to verified professionals only, whatever the section's access."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Section")
        form_classname = "struct-block medlex-section"
