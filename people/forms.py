"""The editor's form of a person: the ORCID iD kept bare, the disclosure never left empty."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from people import orcid

DISCLOSURE_REQUIRED = _(
    'Please state the conflicts of interest. If there are none, write "None declared" (German: "Keine angegeben").'
)


class PersonForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("disclosure_de", "disclosure_en"):
            if name in self.fields:
                self.fields[name].error_messages["required"] = DISCLOSURE_REQUIRED

    def clean_orcid(self):
        value = orcid.clean(self.cleaned_data.get("orcid"))
        orcid.validate_orcid(value)
        return value
