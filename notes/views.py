"""Pages for the reader's notes and recently read: plain forms, POST and redirect back, no JavaScript needed.

Every view is for readers of the full text (``access.policy.may_use_reader_tools``):
anonymous readers are sent to the login, others see the gate with their next step.
Every query is filtered by the reader, so someone else's note is answered 404.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from access.gates import gate_message_html
from access.policy import may_use_reader_tools
from notes import reading, services
from notes.forms import NoteForm
from notes.parts import BOX_ANCHOR
from versions.addresses import history_url


def reader_tools(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_use_reader_tools(request.user):
            return render(request, "notes/gate.html", {"gate": gate_message_html(request)}, status=403)
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


def back_to(request, fallback):
    """Where the form came from (``next``), if it is a path of this site; else ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def article_address(request, page, section=""):
    """The article where the note stands: at its section, or in the box under the header."""
    return f"{page.get_url(request)}#{services.anchor(section) or BOX_ANCHOR}"


@reader_tools
def note_list(request):
    notes = list(
        services.notes_of(request.user)
        .select_related("page", "page__locale")
        .defer("page__body")
        .order_by("page_id", "pk")
    )
    for note in notes:
        note.heading, note.anchor = services.section_heading(note.section), services.anchor(note.section)
        note.history_url = history_url(note.page) if note.section_changed else ""
    return render(request, "notes/list.html", {"notes": notes})


@reader_tools
def new_note(request):
    data = request.POST if request.method == "POST" else request.GET
    try:
        place = services.place_for(request, data.get("article"), "")
    except services.NoteError as error:
        return render(request, "notes/gate.html", {"message": error.message}, status=400)
    form = NoteForm(request.POST or None, sections=services.sections_of(place.page), initial=request.GET)
    if request.method == "POST" and form.is_valid():
        try:
            place = services.place_for(request, place.page.pk, form.cleaned_data["section"])
            services.create_note(request.user, place, form.cleaned_data["text"])
        except services.NoteError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Your note has been saved."))
            return redirect(back_to(request, article_address(request, place.page, place.section)))
    context = {"form": form, "page": place.page, "next": back_to(request, "")}
    return render(request, "notes/form.html", context, status=400 if form.errors else 200)


@reader_tools
def edit_note(request, note_id):
    note = services.note_of(request.user, note_id)
    if note is None:
        raise Http404
    note.heading = services.section_heading(note.section)
    form = NoteForm(request.POST or None, initial={"text": note.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_note(note, form.cleaned_data["text"])
        except services.NoteError as error:
            form.add_error("text", error.message)
        else:
            messages.success(request, _("Your note has been saved."))
            return redirect(back_to(request, article_address(request, note.page, note.section)))
    context = {"form": form, "page": note.page, "note": note, "next": back_to(request, "")}
    return render(request, "notes/form.html", context, status=400 if form.errors else 200)


@require_POST
@reader_tools
def delete_note(request, note_id):
    note = services.note_of(request.user, note_id)
    if note is None:
        raise Http404
    note.delete()
    messages.success(request, _("Your note has been deleted."))
    return redirect(back_to(request, reverse("notes:list")))


@require_POST
@reader_tools
def recording(request):
    """Switch recently read on ("on") or off ("off"); anything else changes nothing."""
    choice = request.POST.get("recording")
    if choice not in ("on", "off"):
        messages.error(request, _("Choose whether articles you open are recorded."))
        return redirect(f"{reverse('accounts:status')}#recently-read")
    on = choice == "on"
    reading.set_recording(request.user, on)
    messages.success(
        request, _("Articles you open are recorded again.") if on else _("Articles you open are no longer recorded.")
    )
    return redirect(f"{reverse('accounts:status')}#recently-read")


@require_POST
@reader_tools
def clear_recent(request):
    reading.clear(request.user)
    messages.success(request, _("Your recently read articles have been cleared."))
    return redirect(f"{reverse('accounts:status')}#recently-read")
