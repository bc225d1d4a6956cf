"""Per-reader parts of a page: what differs between the readers of one shared page.

A part is a name and a function ``(request, facts, *args)`` (``PARTS``); ``facts`` are
the reader's own (delivery.reader_facts), read only if the part asks, and say whether
the reader gets the reader tools at all, asked of access.policy once per page. A template
places one with ``{% reader_part "name" %}`` (``{% load reader_parts %}``), or
``{% reader_part "name" page.pk %}`` for a part about one object of the page: the
arguments travel as text in the placeholder, so a warm shell is filled without the
page object. When a page is rendered to be kept as a shell for many readers
(``reader_parts_deferred`` in the template context) the tag leaves a placeholder,
and ``fill`` puts each part in for the reader the page is sent to; otherwise the
part is rendered in place. Either way the reader gets a complete page, without
JavaScript.

A part answers with HTML or with a ``core.fragments.Fragment``; a shared fragment is
rendered once per language and context by this worker, and only the request's CSRF
token and address are put into the copy each reader gets. So a new per-reader
feature (a bookmark button, a note) adds one entry here and one tag in its
template, and needs no cache machinery of its own.
"""

from urllib.parse import quote

from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import translation
from django.utils.html import escape

from access.gates import gate_message_html
from bookmarks.parts import bookmark_button
from citing.parts import article_links
from core.fragments import PLACEHOLDER, Fragment
from delivery.reader_facts import ReaderFacts
from delivery.recent import Recent
from following.parts import follow_button
from notes.parts import article_notes, section_notes

# Stand-ins for what differs per request; letters only, so escaping and URL-encoding leave them be.
CSRF_STAND_IN = "medlexcsrfstandin"
STAND_INS = {"csrf_token": CSRF_STAND_IN, "here": "medlexherestandin", "here_query": "medlexherequerystandin"}
# Rendered shared fragments (with stand-ins) per (language, template, context), and account menus per reader.
recent_fragments = Recent(4000)
recent_menus = Recent(1000)


def account_menu(request, facts):
    """The header's account menu for this reader; rendered once per name and language."""
    user = request.user
    if user.is_anonymous:
        return get_template("core/_user_nav.html").render({"user": user, "request": request})
    key = (translation.get_language(), user.pk, user.get_full_name(), user.get_username())
    menu = recent_menus.get(key)
    if menu is None:
        menu = get_template("core/_user_nav.html").render(
            {"user": user, "csrf_token": CSRF_STAND_IN, "request": request}
        )
        recent_menus.put(key, menu)
    return menu.replace(CSRF_STAND_IN, csrf_token(request))


def csrf_token(request):
    """The request's CSRF token, masked once for all its parts (each masking costs random draws)."""
    if "medlex_csrf_token" not in request.__dict__:
        request.medlex_csrf_token = get_token(request)
    return request.medlex_csrf_token


def request_values(request):
    """What a fragment shows of this request (core.fragments), and each stand-in's escaped value, worked out once."""
    if "medlex_part_values" not in request.__dict__:
        here = request.get_full_path()
        values = {"csrf_token": csrf_token(request), "here": here, "here_query": quote(here, safe="/")}
        escaped = [(stand_in, str(escape(values[name]))) for name, stand_in in STAND_INS.items()]
        request.medlex_part_values = values, escaped
    return request.medlex_part_values


def gate(request, facts):
    return gate_message_html(request)


# Cached articles carry access.gates.GATE_PLACEHOLDER, the "gate" part.
PARTS = {
    "account-menu": account_menu,
    "gate": gate,
    "citing": article_links,
    "follow": follow_button,
    "notes": article_notes,
    "section-notes": section_notes,
    "bookmark": bookmark_button,
}


def render(name, request, *args, facts=None, language=None):
    """The part ``name`` about ``args`` (as text) for this request, in ``language`` (default: the active one)."""
    answer = PARTS[name](request, ReaderFacts(request) if facts is None else facts, *args)
    if isinstance(answer, Fragment):
        return complete(answer, request, language or translation.get_language())
    return answer


def complete(fragment, request, language):
    """The fragment's HTML for this request: a shared one from this worker's copy, with the request's values put in."""
    values, escaped = request_values(request)
    if not fragment.shared:
        return get_template(fragment.template).render({**fragment.context, **values})
    key = (language, fragment.template, *sorted(fragment.context.items()))
    html = recent_fragments.get(key)
    if html is None:
        html = get_template(fragment.template).render({**fragment.context, **STAND_INS})
        recent_fragments.put(key, html)
    for stand_in, value in escaped:
        html = html.replace(stand_in, value)
    return html


def split(html):
    """A rendered page as a shell keeps it: encoded text at even places, the names of its parts at odd ones."""
    return [piece if i % 2 else piece.encode() for i, piece in enumerate(PLACEHOLDER.split(html))]


def fill(pieces, request):
    """The page's bytes for this reader, each part rendered once."""
    if len(pieces) == 1:
        return pieces[0]
    # The facts and the language are worked out once for all the parts of the page.
    facts, language, fills = ReaderFacts(request), translation.get_language(), {}
    for name in pieces[1::2]:
        if name not in fills:
            part, *args = name.split(":")
            fills[name] = render(part, request, *args, facts=facts, language=language).encode()
    return b"".join(piece if i % 2 == 0 else fills[piece] for i, piece in enumerate(pieces))
