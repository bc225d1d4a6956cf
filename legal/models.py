"""The legal pages: imprint, privacy notice, terms of use and contact.

Editors write them in the admin like any page, one of each kind per language
under that language's home page, linked as translations of each other so the
language switch leads from one to the other. ``kind`` lets the footer and the
sign-up form find them (:mod:`legal.links`) whatever their title and slug.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class LegalKind(models.TextChoices):
    """In the order the footer lists them."""

    IMPRINT = "imprint", _("Imprint")
    PRIVACY = "privacy", _("Privacy notice")
    TERMS = "terms", _("Terms of use")
    CONTACT = "contact", _("Contact")


class LegalPage(Page):
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=LegalKind.choices,
        help_text=_("The footer and the sign-up form link the page of each kind in the reader's language."),
    )
    body = RichTextField(_("text"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "legal/legal_page.html"

    class Meta:
        verbose_name = _("Legal page")
        verbose_name_plural = _("Legal pages")

    def get_context(self, request, *args, **kwargs):
        """The language switch leads to this page's translation, not to the other home page."""
        context = super().get_context(request, *args, **kwargs)
        context["translations"] = [
            {"lang": page.locale.language_code, "url": page.get_url(request)}
            for page in self.get_translations().live().select_related("locale")
        ]
        return context

    def clean(self):
        """One page of each kind per language, so a link never has to choose between two."""
        super().clean()
        others = LegalPage.objects.filter(kind=self.kind, locale_id=self.locale_id).exclude(pk=self.pk)
        if self.kind and self.locale_id and others.exists():
            raise ValidationError(
                {
                    "kind": _("This language already has a page of this kind: %(title)s.")
                    % {"title": others.first().title}
                }
            )
