"""The reader part of an article page that shows the reader's own notes on it (delivery.parts PARTS["notes"]).

One part for the whole article, not one per section: a "Your notes" box under the
article's header lists each note under the name of its section, linked to it,
with the edit and delete forms, and leads to the form for a new note. One part
keeps the shared page to one placeholder, and the article's cached body free of
anything that knows about notes. Which articles the reader has notes on is one of
the reader's facts (noted_page_ids), so the box of an article without notes costs
no query; one with notes costs one indexed query (a second one, for the address of
the version history, only when a note's section has changed).
"""

from django.utils import translation

from access.policy import may_use_reader_tools
from articles.models import ArticlePage
from core.fragments import Fragment
from notes.services import anchor, notes_of, section_heading
from versions.addresses import history_url


def article_notes(request, facts, page_id):
    """The reader's notes on article ``page_id``, with the way to add one; "" for anyone else."""
    if not may_use_reader_tools(request.user):
        return ""
    page_id = int(page_id)
    if page_id not in facts["noted"]:
        return Fragment("notes/_article_notes.html", {"notes": (), "page_id": page_id, "history_url": ""})
    notes = list(notes_of(request.user).filter(page_id=page_id))
    for note in notes:
        note.heading, note.anchor = section_heading(note.section), anchor(note.section)
    context = {
        "notes": notes,
        "page_id": page_id,
        "history_url": _history_url(request, page_id) if any(note.section_changed for note in notes) else "",
    }
    return Fragment("notes/_article_notes.html", context, shared=False)


def _history_url(request, page_id):
    """The article's version history beneath the address the reader opened it at (the page's own in another language).

    Asked only when a note's section changed, so the page (without its text) costs a query only then.
    """
    page = ArticlePage.objects.defer_streamfields().select_related("locale").get(pk=page_id)
    own_language = page.locale.language_code == translation.get_language()
    return history_url(page, request.path if own_language else None)
