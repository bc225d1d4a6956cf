"""Inline citation markers ``[n]`` and the Vancouver style of the literature list."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.citations import vancouver_text

# [1], [1, 3], [2-4] and [2–4] (en dash); never inside a tag, see link_citations.
CITATION_RE = re.compile(r"\[(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\]")
_NUMBER_OR_RANGE_RE = re.compile(r"(\d+)\s*[–-]\s*(\d+)|(\d+)")
_TAG_OR_TEXT_RE = re.compile(r"(<[^>]*>)|([^<]+)")

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_RE = re.compile(r"^[1-9]\d{0,8}$")


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


def cited_numbers(html):
    """All reference numbers cited in ``html``, ranges expanded."""
    numbers = set()
    for match in CITATION_RE.finditer(html or ""):
        for start, end, single in _NUMBER_OR_RANGE_RE.findall(match.group(1)):
            if single:
                numbers.add(int(single))
            else:
                low, high = sorted((int(start), int(end)))
                numbers.update(range(low, high + 1))
    return numbers


def _link_marker(match):
    def link(number):
        return f'<a class="cite" href="#ref-{number}" aria-label="Reference {number}">{number}</a>'

    inner = _NUMBER_OR_RANGE_RE.sub(
        lambda m: f"{link(m.group(1))}–{link(m.group(2))}" if m.group(1) else link(m.group(3)),
        match.group(1),
    )
    return f'<span class="citation">[{inner}]</span>'


def link_citations(html):
    """Turn each ``[n]`` in the text (not inside tags) into links to the literature list."""
    parts = []
    for tag, text in _TAG_OR_TEXT_RE.findall(html):
        parts.append(tag if tag else CITATION_RE.sub(_link_marker, text))
    return "".join(parts)


def vancouver(reference):
    """Format an article's reference in Vancouver style, without links."""
    r = reference
    return vancouver_text(r.author_list(), r.et_al, r.title, r.journal, r.year, r.volume, r.issue, r.pages)
