"""Per-reader parts of a page: what differs between the readers of one shared page.

A part is a name and a function of the request that returns its HTML (``PARTS``).
A template places one with ``{% reader_part "name" %}`` (``{% load reader_parts %}``),
or ``{% reader_part "name" page.pk %}`` for a part about one object of the page (the
function then gets the id too: a warm shell is filled without the page object).
When a page is rendered to be kept as a shell for many readers
(``reader_parts_deferred`` in the template context) the tag leaves a placeholder,
and ``fill`` puts each part in for the reader the page is sent to; otherwise the
part is rendered in place. Either way the reader gets a complete page, without
JavaScript. A new per-reader feature (a bookmark button, a note) adds one entry
here and one tag in its template, and needs no cache machinery of its own.
"""

import re

from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import translation

from access.gates import gate_message_html
from bookmarks.parts import bookmark_button
from citing.parts import article_links
from delivery.recent import Recent
from following.parts import follow_button
from notes.parts import article_notes

# Rendered account menus per (language, user, name), with a stand-in for the CSRF token.
recent_menus = Recent(1000)
CSRF_STAND_IN = "medlex-csrf-stand-in"


def account_menu(request):
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
    return menu.replace(CSRF_STAND_IN, get_token(request))


# access.gates.GATE_PLACEHOLDER has the placeholder's form, so cached articles carry it as the "gate" part.
PARTS = {
    "account-menu": account_menu,
    "gate": gate_message_html,
    "citing": article_links,
    "follow": follow_button,
    "notes": article_notes,
    "bookmark": bookmark_button,
}
PLACEHOLDER = re.compile(r"<!--reader-part:([\w-]+(?::\d+)?)-->")


def placeholder(name, object_id=None):
    return f"<!--reader-part:{name}-->" if object_id is None else f"<!--reader-part:{name}:{int(object_id)}-->"


def render(name, request, object_id=None):
    """The part ``name`` for this request (about the object ``object_id``, for a part that names one)."""
    return PARTS[name](request) if object_id is None else PARTS[name](request, int(object_id))


def split(html):
    """A rendered page as a shell keeps it: encoded text at even places, the names of its parts at odd ones."""
    return [piece if i % 2 else piece.encode() for i, piece in enumerate(PLACEHOLDER.split(html))]


def fill(pieces, request):
    """The page's bytes for this reader, each part rendered once."""
    if len(pieces) == 1:
        return pieces[0]
    fills = {}
    for name in pieces[1::2]:
        if name not in fills:
            part, _colon, object_id = name.partition(":")
            fills[name] = render(part, request, object_id or None).encode()
    return b"".join(piece if i % 2 == 0 else fills[piece] for i, piece in enumerate(pieces))
