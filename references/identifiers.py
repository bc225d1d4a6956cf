"""DOI, PMID and PMCID: their syntax, and the forms in which exports write them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_RE = re.compile(r"^[1-9]\d{0,8}$")
PMCID_RE = re.compile(r"^PMC[1-9]\d{0,9}$")
# Exports write a DOI as a link or with a "doi:" label; the record keeps the bare DOI.
DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def validate_doi(value):
    if value and not DOI_RE.match(value):
        raise ValidationError(
            _(
                "%(value)s is not a DOI. A DOI starts with 10. followed by a prefix and a suffix, for example 10.1542/peds.2011-3788 (without https://doi.org/)."
            ),
            params={"value": value},
        )


def validate_pmid(value):
    if value and not PMID_RE.match(value):
        raise ValidationError(
            _("%(value)s is not a PubMed ID. A PMID is a number of up to nine digits, for example 23071213."),
            params={"value": value},
        )


def validate_pmcid(value):
    if value and not PMCID_RE.match(value):
        raise ValidationError(
            _("%(value)s is not a PubMed Central ID. A PMCID is PMC followed by digits, for example PMC3484133."),
            params={"value": value},
        )


def clean_doi(value):
    return DOI_PREFIX_RE.sub("", (value or "").strip()).strip()


def clean_pmid(value):
    return (value or "").strip()


def clean_pmcid(value):
    value = (value or "").strip().upper()
    return f"PMC{value}" if value.isdigit() else value
