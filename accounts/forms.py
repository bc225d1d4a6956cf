from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts import documents, identifiers, passwords
from accounts.models import Profession, Profile
from legal.links import legal_url
from legal.models import LegalKind

# Where our readers work; "other" keeps registration open to everyone else.
COUNTRIES = [
    ("DE", _("Germany")),
    ("AT", _("Austria")),
    ("CH", _("Switzerland")),
    ("LU", _("Luxembourg")),
    ("LI", _("Liechtenstein")),
    ("BE", _("Belgium")),
    ("NL", _("Netherlands")),
    ("FR", _("France")),
    ("IT", _("Italy")),
    ("PL", _("Poland")),
    ("CZ", _("Czechia")),
    ("DK", _("Denmark")),
    ("GB", _("United Kingdom")),
    ("IE", _("Ireland")),
    ("US", _("United States")),
    ("CA", _("Canada")),
    ("XX", _("Other country")),
]


def consent_label():
    """The consent's label, linking the terms of use and the privacy notice in the reader's language.

    Built per form, as the reader's language and the pages' addresses are only
    known then; plain text while a page is missing, so the label never links nowhere.
    """
    terms, privacy = legal_url(LegalKind.TERMS), legal_url(LegalKind.PRIVACY)
    if not (terms and privacy):
        return ProfessionalSignupForm.base_fields["accept_terms"].label
    return format_html(
        _(
            'I accept the <a href="{terms}">terms of use</a> and the <a href="{privacy}">privacy notice</a>, '
            "and I confirm that I belong to a health profession or study medicine."
        ),
        terms=terms,
        privacy=privacy,
    )


class ProfessionalSignupForm(forms.Form):
    """The registration data allauth asks for besides e-mail and password."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    profession = forms.ChoiceField(label=_("Profession"), choices=[("", "—")] + list(Profession.choices))
    country = forms.ChoiceField(label=_("Country where you work or study"), choices=[("", "—")] + COUNTRIES)
    specialty = forms.CharField(label=_("Specialty (optional)"), max_length=200, required=False)
    accept_terms = forms.BooleanField(
        label=_(
            "I accept the terms of use and the privacy notice, and I confirm that I belong to a health profession or study medicine."
        ),
        error_messages={"required": _("Please accept the terms of use to register.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_terms"].label = consent_label()

    def clean(self):
        """The password must not be built from the name, profession or specialty given here either.

        allauth checks the password against a user that has only the e-mail address;
        when that check already refuses it, the same message is not added twice.
        """
        data = super().clean()
        password = data.get("password1")
        if (
            password
            and not passwords.contains_any(
                password, passwords.site_words() + passwords.words_of_address(data.get("email"))
            )
            and passwords.contains_any(
                password,
                passwords.profile_words(
                    data.get("full_name", ""), data.get("profession", ""), data.get("specialty", "")
                ),
            )
        ):
            self.add_error("password1", passwords.personal_data_error())
        return data

    def signup(self, request, user):
        data = self.cleaned_data
        first, _sep, last = data["full_name"].strip().rpartition(" ")
        user.first_name, user.last_name = (first, last) if first else (last, "")
        user.save(update_fields=["first_name", "last_name"])
        Profile.objects.create(
            user=user,
            full_name=data["full_name"].strip(),
            profession=data["profession"],
            country=data["country"],
            specialty=data["specialty"].strip(),
            terms_accepted_at=timezone.now(),
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ProofForm(forms.Form):
    documents = MultipleFileField(
        label=_("Proof of profession"),
        help_text=_(
            "Licence to practise, professional ID card or student ID. PDF, JPEG or PNG; several files allowed."
        ),
        widget=MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        error_messages={"required": _("Please choose at least one document.")},
    )
    identifier_kind = forms.ChoiceField(
        label=_("Professional number (optional)"),
        choices=[("", _("None")), ("efn", _("German EFN (15 digits)")), ("npi", _("US NPI (10 digits)"))],
        required=False,
    )
    identifier = forms.CharField(label=_("Number"), max_length=30, required=False)
    note = forms.CharField(
        label=_("Note for the reviewer (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def clean_documents(self):
        return documents.check_submission(self.cleaned_data["documents"])

    def clean(self):
        data = super().clean()
        kind, number = data.get("identifier_kind"), identifiers.normalise(data.get("identifier", ""))
        if number and not kind:
            self.add_error("identifier_kind", _("Please say which kind of number this is."))
        elif kind and not number:
            self.add_error("identifier", _("Please enter the number, or choose “None”."))
        elif kind:
            problem = identifiers.CHECKS[kind](number)
            if problem:
                self.add_error("identifier", problem)
        data["identifier"] = number
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject")), ("more_info", _("Request more information"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason / what we need (sent to the user)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") in ("reject", "more_info") and not data.get("reason", "").strip():
            self.add_error("reason", _("Please give a reason; the user reads it in the e-mail."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason (sent to the user)"), widget=forms.Textarea(attrs={"rows": 3}))


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, delete my account, my proof documents and my data."))
