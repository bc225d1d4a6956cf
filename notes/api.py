"""The reader's notes and recently read in the JSON API, under ``/api/v1/me/``.

Session-authenticated like the site: 401 without login, 403 for readers who may not
use the reader tools (``access.policy.may_use_reader_tools``) and for a write
without the CSRF token in the X-CSRFToken header. Every query is filtered by the
caller, so another reader's note is a 404, like a missing one. Bad input answers
400 with a message and changes nothing.
"""

from datetime import datetime

from django.utils import translation
from ninja import Field, Router, Schema
from pydantic import StrictBool

from access.api import reader_tools_caller
from core.api_errors import ApiError, ErrorOut, answers
from notes import reading, services
from notes.models import MAX_NOTE_LENGTH

notes_router = Router(tags=["notes"])
recent_router = Router(tags=["recently read"])


def reader_of_the_tools(request, write=False):
    return reader_tools_caller(request, "keep notes and a list of recently read articles", write)


def bad_input(error):
    """The API speaks English, as its other messages do, whatever the session's language."""
    with translation.override("en"):
        return ApiError("Invalid input.", details=[{"field": error.field, "message": str(error.message)}])


class NoteOut(Schema):
    id: int
    article: int = Field(description="The article's id (as in /api/v1/articles).")
    article_title: str
    section: str = Field(description="The section's kind, or empty for a note on the whole article.")
    text: str
    section_changed: bool = Field(description="The section's text changed after the note was written or edited.")
    created_at: datetime
    updated_at: datetime


class NoteList(Schema):
    count: int
    results: list[NoteOut]


class NoteIn(Schema):
    article: int
    section: str = Field("", max_length=40, description="A section kind of the article; empty for the whole article.")
    text: str = Field(max_length=MAX_NOTE_LENGTH)


class NoteTextIn(Schema):
    text: str = Field(max_length=MAX_NOTE_LENGTH)


def note_out(note):
    return {
        "id": note.pk,
        "article": note.page_id,
        "article_title": note.page.title,
        "section": note.section,
        "text": note.text,
        "section_changed": note.section_changed,
        "created_at": note.created_at,
        "updated_at": note.updated_at,
    }


def own_note(request, note_id):
    note = services.note_of(request.user, note_id)
    if note is None:
        raise ApiError("Unknown note.", status=404)
    return note


@notes_router.get("", response=answers(NoteList, 400, 401, 403), summary="List your notes (optionally on one article)")
def list_notes(request, article: int | None = None):
    user = reader_of_the_tools(request)
    notes = services.notes_of(user).select_related("page").defer("page__body").order_by("page_id", "pk")
    if article is not None:
        notes = notes.filter(page_id=article)
    results = [note_out(note) for note in notes]
    return {"count": len(results), "results": results}


@notes_router.post(
    "",
    response={201: NoteOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    summary="Write a note on an article or one of its sections",
)
def create_note(request, body: NoteIn):
    user = reader_of_the_tools(request, write=True)
    try:
        with translation.override("en"):
            place = services.place_for(request, body.article, body.section)
            note = services.create_note(user, place, body.text)
    except services.NoteError as error:
        raise bad_input(error) from None
    return 201, note_out(note)


@notes_router.put(
    "/{note_id}", response=answers(NoteOut, 400, 401, 403, 404), summary="Change the text of one of your notes"
)
def edit_note(request, note_id: int, body: NoteTextIn):
    reader_of_the_tools(request, write=True)
    note = own_note(request, note_id)
    try:
        with translation.override("en"):
            services.edit_note(note, body.text)
    except services.NoteError as error:
        raise bad_input(error) from None
    return note_out(note)


@notes_router.delete(
    "/{note_id}",
    response={204: None, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Delete one of your notes",
)
def delete_note(request, note_id: int):
    reader_of_the_tools(request, write=True)
    own_note(request, note_id).delete()
    return 204, None


class RecentEntry(Schema):
    article: int
    title: str
    url: str
    lang: str
    read_at: datetime


class RecentList(Schema):
    recording: bool = Field(description="Whether articles you open are recorded.")
    results: list[RecentEntry]


class RecordingIn(Schema):
    recording: StrictBool  # true or false, not 0 or "yes": a switch the reader chose on purpose


class RecordingOut(Schema):
    recording: bool


@recent_router.get("", response=answers(RecentList, 400, 401, 403), summary="The articles you opened last")
def list_recent(request):
    user = reader_of_the_tools(request)
    results = [
        {
            "article": entry.page_id,
            "title": entry.page.title,
            "url": entry.page.get_url(request),
            "lang": entry.page.locale.language_code,
            "read_at": entry.read_at,
        }
        for entry in reading.recent(request)
    ]
    return {"recording": reading.is_recording(user), "results": results}


@recent_router.delete(
    "",
    response={204: None, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    summary="Clear the list of articles you opened",
)
def clear_recent(request):
    reading.clear(reader_of_the_tools(request, write=True))
    return 204, None


@recent_router.get("/settings", response=answers(RecordingOut, 400, 401, 403), summary="Whether recording is on")
def recording_setting(request):
    return {"recording": reading.is_recording(reader_of_the_tools(request))}


@recent_router.put(
    "/settings",
    response=answers(RecordingOut, 400, 401, 403),
    summary="Switch recording the articles you open on or off",
)
def set_recording(request, body: RecordingIn):
    user = reader_of_the_tools(request, write=True)
    reading.set_recording(user, body.recording)
    return {"recording": body.recording}
