"""The editor's form of a person: the ORCID iD kept bare, the disclosure never left empty."""

from django.core.validators import MaxLengthValidator
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
        if "orcid" in self.fields:
            # Editors paste the link (https://orcid.org/…); the length is checked on the bare iD.
            field = self.fields["orcid"]
            field.max_length = None
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.widget.attrs.pop("maxlength", None)

    def clean_orcid(self):
        """The bare iD; the model checks it (people.orcid.validate_orcid)."""
        return orcid.clean(self.cleaned_data.get("orcid"))
