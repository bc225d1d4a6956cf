"""Inline citation markers ``[n]`` that lead to the literature list (its style: references.vancouver).

Each marker has an id of its own, so the literature list can lead back to every
place that cites a reference (``↑ a b c``, as encyclopaedias do).
"""

import re
from collections import defaultdict

from django.utils.translation import gettext

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


class CitationPlaces:
    """Where an article's text cites each reference: marker ids by reference number, in reading order.

    One instance is shared by all sections of a rendering, so every marker id is unique on the page.
    A number inside a range (the 3 of "[2–4]") has no marker of its own: it is cited at the range's first.
    """

    def __init__(self):
        self.places = defaultdict(list)  # number -> [(marker id, section heading)]
        self._count = 0

    def add(self, numbers, heading):
        self._count += 1
        marker_id = f"cite-{self._count}"
        for number in numbers:
            self.places[number].append((marker_id, heading))
        return marker_id

    def back_links(self, number):
        """The places citing reference ``number``: ``[{"id", "letter", "heading"}]``, lettered a, b, c … when several."""
        places = self.places.get(number, [])
        return [
            {"id": marker_id, "letter": _letter(index) if len(places) > 1 else "", "heading": heading}
            for index, (marker_id, heading) in enumerate(places)
        ]


def _letter(index):
    """a … z, then aa, ab … (a long article may cite one reference often)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _link(number, marker_id=None):
    label = gettext("Reference %(number)s") % {"number": number}
    id_attr = f' id="{marker_id}"' if marker_id else ""
    return f'<a class="cite"{id_attr} href="#ref-{number}" aria-label="{label}">{number}</a>'


def link_citations(html, places=None, heading=""):
    """Turn each ``[n]`` in the text (not inside tags) into links to the literature list.

    With ``places`` (a CitationPlaces), each linked number gets an id and is recorded,
    under ``heading``, for the literature list's links back.
    """

    def marker(match):
        def link(number):
            number = int(number)
            if places is None:
                return _link(number)
            return _link(number, places.add([number], heading))

        def linked_range(low, high):
            first, last = int(low), int(high)
            if places is None:
                return f"{_link(first)}–{_link(last)}"
            lowest, highest = sorted((first, last))
            first_id = places.add([n for n in range(lowest, highest + 1) if n != last], heading)
            return f"{_link(first, first_id)}–{_link(last, places.add([last], heading))}"

        inner = _NUMBER_OR_RANGE_RE.sub(
            lambda m: linked_range(m.group(1), m.group(2)) if m.group(1) else link(m.group(3)),
            match.group(1),
        )
        return f'<span class="citation">[{inner}]</span>'

    parts = []
    for tag, text in _TAG_OR_TEXT_RE.findall(html):
        parts.append(tag if tag else CITATION_RE.sub(marker, text))
    return "".join(parts)
