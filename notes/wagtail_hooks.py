"""Notes in place on the article (the hook articles declares), and notes and recently read on the account page and in
the reader's data export (hooks accounts declares)."""

from django.template.loader import render_to_string
from wagtail import hooks

from access.policy import may_use_reader_tools
from accounts.services import ACCOUNT_DATA_HOOK
from accounts.views import ACCOUNT_PANELS_HOOK
from articles.rendering import SECTION_ADDITIONS_HOOK
from notes import parts, reading, services

# Each section of an article the tier may read holds the place of the reader's notes on it.
hooks.register(SECTION_ADDITIONS_HOOK, parts.section_placeholder)


@hooks.register(ACCOUNT_PANELS_HOOK)
def account_panel(request):
    """A link to the reader's notes and the recently read articles with their switch; nothing for other readers."""
    if not may_use_reader_tools(request.user):
        return ""
    context = {
        "note_count": services.notes_of(request.user).count(),
        "recent": reading.recent(request),
        "recording": reading.is_recording(request.user),
        "keep": reading.KEEP,
    }
    return render_to_string("notes/_account_panel.html", context, request)


@hooks.register(ACCOUNT_DATA_HOOK)
def account_data(user):
    return {"notes": services.export(user), "recently_read": reading.export(user)}
