from django import forms
from django.utils.translation import gettext_lazy as _

from following.models import Frequency


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("E-mail me about changes"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how often you want e-mails."),
            "invalid_choice": _("Choose one of the offered options."),
        },
    )


class FollowForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("follow", "follow"), ("unfollow", "unfollow")],
        error_messages={
            "required": _("Say whether to follow or unfollow."),
            "invalid_choice": _("Say whether to follow or unfollow."),
        },
    )
