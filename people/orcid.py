"""ORCID iDs: four groups of four characters whose last one is an ISO 7064 MOD 11-2 check character.

The check character catches a mistyped digit and most swapped neighbours, so an
iD copied wrongly is refused before it is printed on a profile as a link.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
# Profiles link to the iD as https://orcid.org/<iD>; editors often paste that link.
ORCID_PREFIX_RE = re.compile(r"^(?:https?://)?(?:www\.)?orcid\.org/", re.IGNORECASE)


def check_character(base_digits):
    """ISO 7064 MOD 11-2 over the first 15 digits, as ORCID documents it."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def is_valid(value):
    if not ORCID_RE.match(value):
        return False
    digits = value.replace("-", "")
    return check_character(digits[:-1]) == digits[-1]


def clean(value):
    """The bare iD in upper case, from what an editor pasted (a link, spaces around it)."""
    return ORCID_PREFIX_RE.sub("", (value or "").strip()).strip().upper()


def validate_orcid(value):
    if not value:
        return
    if not ORCID_RE.match(value):
        raise ValidationError(
            _(
                "%(value)s is not an ORCID iD. An ORCID iD has four groups of four digits separated by hyphens; the last character may be X, for example 0000-0002-1825-0097."
            ),
            params={"value": value},
            code="orcid_format",
        )
    if not is_valid(value):
        raise ValidationError(
            _(
                "%(value)s is not a valid ORCID iD: its check digit does not match. Please copy the iD again from orcid.org."
            ),
            params={"value": value},
            code="orcid_check_digit",
        )
