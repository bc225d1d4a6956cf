"""The editor's form of a reference: identifiers kept bare, and who checked each of them."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from references import identifiers
from references.models import Reference

CHECKED_LABEL = _("Checked: it leads to this publication")


class ReferenceForm(WagtailAdminModelForm):
    doi_verified = forms.BooleanField(required=False, label=CHECKED_LABEL)
    pmid_verified = forms.BooleanField(required=False, label=CHECKED_LABEL)
    pmcid_verified = forms.BooleanField(required=False, label=CHECKED_LABEL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Reference.IDENTIFIERS:
            field = self.fields[f"{name}_verified"]
            field.initial = self.instance.is_verified(name)
            by = getattr(self.instance, f"{name}_verified_by")
            at = getattr(self.instance, f"{name}_verified_at")
            if at is not None:
                field.help_text = _("Checked by %(name)s on %(date)s.") % {
                    "name": by.get_full_name() or by.get_username() if by else _("a former user"),
                    "date": formats.date_format(timezone.localtime(at), "DATE_FORMAT"),
                }
            elif getattr(self.instance, name):
                field.help_text = _("Nobody has checked it yet.")

    def clean_doi(self):
        return identifiers.clean_doi(self.cleaned_data["doi"])

    def clean_pmid(self):
        return identifiers.clean_pmid(self.cleaned_data["pmid"])

    def clean_pmcid(self):
        return identifiers.clean_pmcid(self.cleaned_data["pmcid"])

    def save(self, commit=True):
        reference = self.instance
        for name in Reference.IDENTIFIERS:
            ticked = self.cleaned_data.get(f"{name}_verified")
            # A new or changed identifier counts as checked only if it is ticked now.
            if not getattr(reference, name) or not ticked:
                setattr(reference, f"{name}_verified_by", None)
                setattr(reference, f"{name}_verified_at", None)
            elif name in self.changed_data or not reference.is_verified(name):
                setattr(reference, f"{name}_verified_by", self.for_user)
                setattr(reference, f"{name}_verified_at", timezone.now())
        return super().save(commit=commit)
