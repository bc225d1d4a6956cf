"""The reader parts of an article page that show the reader's own notes where they belong (delivery.parts PARTS).

A note on a section stands right under that section's heading ("section-notes"), a
note on the whole article in the "Your notes" box under the article's header
("notes"); every section offers the form for a new note with the section chosen.
The rendered article is shared by every reader of a tier, so it carries a
placeholder per section (``section_placeholder``, through articles'
SECTION_ADDITIONS_HOOK) and only for a tier that has the reader tools; each reader
gets their own notes put in.

Which articles the reader has notes on is one of the reader's facts
(noted_page_ids), so an article without notes costs no query, however many sections
it has: every section answers the same shared fragment. On an article with notes,
the box and all the sections share one read of the reader's notes on it
(``notes_on``); a second query, for the article's version history and its sections,
only when a note's section has changed.
"""

from dataclasses import dataclass, field

from django.utils import translation

from access.policy import tier_may_use_reader_tools
from articles.models import ArticlePage
from core.fragments import Fragment, placeholder
from notes.services import anchor, notes_of, section_heading, section_kinds
from versions.addresses import history_url

# Where "Edit", "Delete" and a new note lead back to on the article: the box under its header.
BOX_ANCHOR = "your-notes"


def section_placeholder(page, section, tier):
    """The placeholder of the "section-notes" part under a section's heading (SECTION_ADDITIONS_HOOK).

    None in a public
    tier's article (it holds nothing for any one reader), none in a section the tier
    cannot read, none in the preview of a page never saved.
    """
    if page.pk is None or section.locked or not tier_may_use_reader_tools(tier):
        return ""
    return placeholder("section-notes", page.pk, section.kind)


@dataclass
class ArticleNotes:
    """The reader's notes on one article, by section kind ("" for the whole article)."""

    by_section: dict = field(default_factory=dict)
    # Set only when a note's section changed: the address of the version history and the article's sections now.
    history_url: str = ""
    sections: frozenset = frozenset()

    def gone(self, note):
        """Whether ``note``'s section is no longer in the article (it then stands in the box under the header)."""
        return note.section_changed and note.section not in self.sections


def notes_on(request, page_id):
    """The reader's notes on article ``page_id``, read once for this request.

    The box under the header and each section are parts of the same response, so
    they share the one read; it is kept on the request, which ends with the response.
    """
    read = request.__dict__.setdefault("medlex_notes_on", {})
    if page_id not in read:
        read[page_id] = read_notes(request, page_id)
    return read[page_id]


def read_notes(request, page_id):
    notes = ArticleNotes()
    for note in notes_of(request.user).filter(page_id=page_id):
        note.heading, note.anchor = section_heading(note.section), anchor(note.section)
        notes.by_section.setdefault(note.section, []).append(note)
    if any(note.section_changed for group in notes.by_section.values() for note in group):
        page = ArticlePage.objects.select_related("locale").get(pk=page_id)
        own_language = page.locale.language_code == translation.get_language()
        # The history beneath the address the reader opened the article at (the page's own in another language).
        notes.history_url = history_url(page, request.path if own_language else None)
        notes.sections = section_kinds(page)
    return notes


def article_notes(request, facts, page_id):
    """The box under the header: the reader's notes on the whole article (and on sections it no longer has), the way to add one."""
    if not facts.uses_reader_tools:
        return ""
    page_id = int(page_id)
    if page_id not in facts["noted"]:
        return Fragment("notes/_article_notes.html", {"notes": (), "sections": (), "page_id": page_id})
    notes = notes_on(request, page_id)
    context = {
        "notes": [note for kind, group in notes.by_section.items() for note in group if kind == "" or notes.gone(note)],
        # The sections with a note of the reader's, linked: a long article's notes at a glance.
        "sections": [
            {"anchor": group[0].anchor, "heading": group[0].heading}
            for kind, group in notes.by_section.items()
            if kind and not notes.gone(group[0])
        ],
        "page_id": page_id,
        "history_url": notes.history_url,
        "back": BOX_ANCHOR,
    }
    return Fragment("notes/_article_notes.html", context, shared=False)


def section_notes(request, facts, page_id, kind):
    """Under the heading of section ``kind``: the reader's notes on it, and the way to add one; "" for anyone else."""
    if not facts.uses_reader_tools:
        return ""
    page_id = int(page_id)
    context = {"page_id": page_id, "kind": kind}  # its template works out the section's heading and anchor
    notes = notes_on(request, page_id).by_section.get(kind) if page_id in facts["noted"] else None
    if not notes:
        return Fragment("notes/_section_notes.html", {**context, "notes": ()})
    history = notes_on(request, page_id).history_url
    return Fragment("notes/_section_notes.html", {**context, "notes": notes, "history_url": history}, shared=False)
