"""The A–Z index: every article's title, and each synonym as a cross-reference to it.

It reads the search index (search.models), which holds every published
article's title and synonyms once, folded ("Ödem" is filed under O, as a reader
looks for it) and indexed for prefix lookups, so one letter of 50,000 articles is
one indexed range read. Like search, it holds only what every reader may see,
minus the pages a view restriction withholds from this reader.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from search.models import SearchTerm
from search.services import starts_with

LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
OTHER = "0-9"  # names that start with a digit or any other sign
ENTRIES_PER_PAGE = 100


@dataclass(frozen=True)
class Entry:
    name: str  # the title, or the synonym that points to it
    title: str
    url: str
    codes: str
    is_cross_reference: bool


def _names(lang, hidden):
    # ``whole__in``, not ``whole=True``: Django writes the latter as a bare column on SQLite,
    # which keeps SQLite off the (whole, folded) index (search/migrations/0003) and made a
    # letter of 50,000 articles take 60 ms instead of under one.
    return SearchTerm.objects.filter(
        whole__in=(True,), kind__in=(SearchTerm.TITLE, SearchTerm.SYNONYM), document__lang=lang
    ).exclude(document_id__in=hidden)


# Folded names hold only digits, a to z and spaces (core.text.fold).
DIGITS = "0123456789"


def _starting_with(names, letter):
    starts = [letter.lower()] if letter != OTHER else DIGITS
    return names.filter(reduce(operator.or_, (starts_with("folded", start) for start in starts)))


def letters_with_entries(lang, hidden):
    """The letters (and OTHER) under which at least one name is filed, in index order."""
    names = _names(lang, hidden)
    return [letter for letter in (*LETTERS, OTHER) if _starting_with(names, letter).exists()]


@dataclass(frozen=True)
class Page:
    number: int
    entries: list
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


def page_number(value):
    """The page a query string asks for: 1 for anything but a positive whole number."""
    return int(value) if value and value.isdigit() and 0 < int(value) < 10**6 else 1


def page_of(lang, letter, number, hidden):
    """Page ``number`` of the names under ``letter``.

    In the order of the index (folded name, then row), so a page reads its own rows
    and one more (is there a next page?) and never counts or sorts the whole letter:
    under S there are some 9,000 names at 50,000 articles.
    """
    start = (number - 1) * ENTRIES_PER_PAGE
    rows = (
        _starting_with(_names(lang, hidden), letter)
        .order_by("folded", "id")
        .values_list("text", "kind", "document__title", "document__url", "document__codes")
    )
    entries = [
        Entry(name, title, url, codes, kind == SearchTerm.SYNONYM)
        for name, kind, title, url, codes in rows[start : start + ENTRIES_PER_PAGE + 1]
    ]
    return Page(number, entries[:ENTRIES_PER_PAGE], len(entries) > ENTRIES_PER_PAGE)
