"""The rules of private notes: where a note may be written, how long it may be, and when its section changed.

A note belongs to the reader who wrote it and is never shown to anyone else: every
query here is filtered by the note's owner. A note on a section keeps a hash of the
section's text as it was when the note was written or last edited; each publish of
the article compares it with the new text (``compare_sections``), so the reader is
told when the section changed after they wrote about it.
"""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from access.policy import may_view_page
from articles.models import ArticlePage
from articles.sections import SectionKind, section_anchor
from notes.models import MAX_NOTE_LENGTH, Note


class NoteError(ValueError):
    """Bad input for a note: ``field`` names what is wrong, ``message`` says why (translated)."""

    def __init__(self, field, message):
        super().__init__(str(message))
        self.field, self.message = field, message


@dataclass
class Place:
    """Where a note stands: an article, and one of its sections or the whole article ("")."""

    page: ArticlePage
    section: str


def section_texts(page):
    """The stored text of each section of ``page``'s live content, by kind (a kind appears once per article)."""
    return {block.value["kind"]: block.value["text"].source for block in page.body if block.block_type == "section"}


def section_kinds(page):
    """The kinds of ``page``'s sections, read from its stored data (without loading the figures' images)."""
    return frozenset(block["value"]["kind"] for block in page.body.raw_data if block["type"] == "section")


def text_hash(text):
    return hashlib.sha256(text.encode()).hexdigest()


# Each section kind's heading, translated when it is shown; looked up for every section of every page a reader opens.
SECTION_HEADINGS = dict(SectionKind.choices)


def section_heading(kind):
    """The heading of a section kind in the active language; "" for a note on the whole article."""
    return str(SECTION_HEADINGS[kind]) if kind in SECTION_HEADINGS else ""


def anchor(kind):
    return section_anchor(kind) if kind else ""


def clean_text(text):
    text = (text or "").strip()
    if not text:
        raise NoteError("text", _("Write something in the note."))
    if len(text) > MAX_NOTE_LENGTH:
        raise NoteError(
            "text",
            _("A note can be at most %(limit)s characters long; this one has %(length)s.")
            % {"limit": f"{MAX_NOTE_LENGTH:,}", "length": f"{len(text):,}"},
        )
    return text


def place_for(request, page_id, section):
    """The article and section a new note goes to, as this reader may write there, or NoteError."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        raise NoteError("article", _("Unknown article.")) from None
    page = ArticlePage.objects.live().select_related("locale").filter(pk=page_id).first()
    if page is None or not may_view_page(request, page):
        raise NoteError("article", _("Unknown article."))
    section = section or ""
    if section and section not in section_texts(page):
        raise NoteError("section", _("This article has no such section."))
    return Place(page, section)


def sections_of(page):
    """(kind, heading) of each section of ``page``, in its order, for choosing where a note goes."""
    return [(kind, section_heading(kind)) for kind in section_texts(page)]


def create_note(user, place, text):
    text = clean_text(text)
    section_hash = text_hash(section_texts(place.page)[place.section]) if place.section else ""
    return Note.objects.create(user=user, page=place.page, section=place.section, text=text, section_hash=section_hash)


def edit_note(note, text):
    """A new text; the note now refers to the section as it reads today (the reader has seen it to edit)."""
    note.text = clean_text(text)
    if note.section:
        note.section_hash = text_hash(section_texts(note.page).get(note.section, ""))
        note.section_changed = False
    note.save()
    return note


def notes_of(user):
    return Note.objects.filter(user=user)


def noted_page_ids(user):
    """The articles ``user`` has written notes on."""
    return notes_of(user).values_list("page_id", flat=True).distinct()


def note_of(user, note_id):
    """The reader's own note ``note_id``, or None (someone else's note is as unknown as a missing one)."""
    try:
        return notes_of(user).select_related("page", "page__locale").filter(pk=int(note_id)).first()
    except (TypeError, ValueError):
        return None


def compare_sections(sender, instance, **kwargs):
    """``page_published``: mark each note on the article whose section now reads differently (or is gone)."""
    page = instance
    kinds = set(Note.objects.filter(page=page).exclude(section="").values_list("section", flat=True).distinct())
    if not kinds:
        return
    texts = section_texts(page)
    for kind in kinds:
        current = text_hash(texts[kind]) if kind in texts else ""
        notes = Note.objects.filter(page=page, section=kind)
        notes.exclude(section_hash=current).update(section_changed=True)
        notes.filter(section_hash=current).update(section_changed=False)


def export(user):
    """The reader's notes for their data export."""
    return [
        {
            "article": note.page_id,
            "article_title": note.page.title,
            "section": note.section,
            "text": note.text,
            "section_changed": note.section_changed,
            "created_at": note.created_at.isoformat(),
            "updated_at": note.updated_at.isoformat(),
        }
        for note in notes_of(user).select_related("page").defer("page__body")
    ]
