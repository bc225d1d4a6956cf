from django import forms
from django.utils.translation import gettext_lazy as _

from notes.models import MAX_NOTE_LENGTH


class NoteForm(forms.Form):
    """A note's text, and for a new note its section (the article's sections, or the whole article).

    The length is checked by notes.services (one message for page and API); the
    field's maxlength only helps the browser.
    """

    section = forms.ChoiceField(label=_("Where"), required=False)
    text = forms.CharField(
        label=_("Your note"),
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_NOTE_LENGTH}),
        help_text=_("Only you can see your notes. Plain text, at most 10,000 characters."),
    )

    def __init__(self, *args, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sections is None:
            del self.fields["section"]
        else:
            self.fields["section"].choices = [("", _("The whole article")), *sections]
