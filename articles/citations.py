"""Inline citation markers ``[n]`` that lead to the literature list (its style: references.vancouver)."""

import re

from django.utils.translation import gettext as _

# The identifier validators live with the literature records; articles' first
# migration names them here.
from references.identifiers import validate_doi, validate_pmid  # noqa: F401

# [1], [1, 3], [2-4] and [2–4] (en dash); never inside a tag, see link_citations.
CITATION_RE = re.compile(r"\[(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\]")
_NUMBER_OR_RANGE_RE = re.compile(r"(\d+)\s*[–-]\s*(\d+)|(\d+)")
_TAG_OR_TEXT_RE = re.compile(r"(<[^>]*>)|([^<]+)")


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
        # Translators: a screen reader's name for a citation link; de: "Literaturangabe %(number)s"
        label = _("Reference %(number)s") % {"number": number}
        return f'<a class="cite" href="#ref-{number}" aria-label="{label}">{number}</a>'

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
