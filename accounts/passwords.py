"""Passwords built from the site's name or the account's own data are refused.

"medlex1234" or "Dana.Doc2026" are among the first guesses of anyone who attacks
this site or this person. Django's similarity check compares the whole password
with each attribute and lets such combinations through. Here a password is
refused when it contains any of those words, compared the way search compares
text (case, accents and umlauts folded: core.text) and with digits and signs
read as the letters they stand in for ("m3dl3x"). Words shorter than three
letters are too common to refuse.

The validator is in AUTH_PASSWORD_VALIDATORS, so it applies wherever Django's
password validation runs: sign-up, password change and reset, the admin's user
forms and the commands that create accounts. At sign-up there is no profile yet;
the sign-up form passes the name, profession and specialty it was given
(accounts.forms.ProfessionalSignupForm).
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _

from accounts.models import Profession
from core.text import words

MIN_WORD_LENGTH = 3
# Digits and signs people put in for letters.
LOOKALIKES = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i", "|": "l"}
)


def site_words():
    return words(f"medlex {settings.WAGTAIL_SITE_NAME}")


def words_of_address(email):
    """The local part's pieces and the domain without its top level: dana.doc@praxis-doc.de → dana, doc, praxis, doc."""
    local, _at, domain = (email or "").rpartition("@")
    return words(local) + words(domain.rpartition(".")[0])


def profile_words(full_name="", profession="", specialty=""):
    label = str(Profession(profession).label) if profession in Profession.values else ""
    return words(" ".join([full_name, profession, label, specialty]))


def words_of(user):
    """Everything about ``user`` a password must not be built from."""
    if user is None:
        return []
    username = user.get_username() or ""
    found = (words_of_address(username) if "@" in username else words(username)) + words_of_address(user.email)
    found += words(f"{user.first_name} {user.last_name}")
    try:
        profile = user.profile
    except (ObjectDoesNotExist, ValueError):
        profile = None
    if profile is not None:
        found += profile_words(profile.full_name, profile.profession, profile.specialty)
    return found


def contains_any(password, candidates):
    """Whether the folded password contains one of ``candidates`` (as given, or with look-alike characters read as letters)."""
    folded = "".join(words(password))
    readings = {folded, "".join(words(password.translate(LOOKALIKES)))}
    return any(
        len(word) >= MIN_WORD_LENGTH and any(word in reading for reading in readings) for word in set(candidates)
    )


def personal_data_error():
    return ValidationError(
        _(
            "Your password must not contain the name of this site or your own details (name, e-mail address, profession)."
        ),
        code="password_personal_data",
    )


class PersonalDataValidator:
    """AUTH_PASSWORD_VALIDATORS entry: no site name, no name, address or profession of the user."""

    def validate(self, password, user=None):
        if contains_any(password, site_words() + words_of(user)):
            raise personal_data_error()

    def get_help_text(self):
        return _(
            "Choose a password that contains neither the name of this site nor your name, e-mail address or profession."
        )
