"""Professional identifiers whose check digit the software can verify itself.

A valid check digit means the number is well-formed, not that it belongs to the
person: reviewers see it as "check digit valid", never as "verified".

- German EFN (einheitliche Fortbildungsnummer): 15 digits, starting with 276
  (the ISO country code of Germany), last digit a Luhn check digit over the
  first 14 (Bundesärztekammer, EFN specification).
- US NPI (National Provider Identifier): 10 digits; the Luhn check digit is
  computed over the 9 leading digits prefixed with 80840 (CMS, "Requirements for
  the NPI check digit", 45 CFR 162.406).
"""

from django.utils.translation import gettext as _


def luhn_valid(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise(value):
    return "".join(ch for ch in value if not ch.isspace() and ch != "-")


def check_efn(value):
    """Return an error message, or None if ``value`` is a well-formed EFN."""
    number = normalise(value)
    if not (number.isdigit() and len(number) == 15):
        return _("An EFN has exactly 15 digits.")
    if not number.startswith("276"):
        return _("A German EFN starts with 276.")
    if not luhn_valid(number):
        return _("The check digit of this EFN is not valid. Please check the number.")
    return None


def check_npi(value):
    """Return an error message, or None if ``value`` is a well-formed NPI."""
    number = normalise(value)
    if not (number.isdigit() and len(number) == 10):
        return _("An NPI has exactly 10 digits.")
    if not luhn_valid("80840" + number):
        return _("The check digit of this NPI is not valid. Please check the number.")
    return None


CHECKS = {"efn": check_efn, "npi": check_npi}
