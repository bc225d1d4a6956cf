"""Per-reader parts of a shared page, as the apps that make them describe them.

A part stands in a page kept for many readers as a placeholder (``placeholder``),
which delivery.parts fills for each reader. A part's answer may be a ``Fragment``:
a piece of a page described instead of rendered, a template and what it shows.

The per-reader parts of a shared page (delivery.parts) answer with a ``Fragment``,
so delivery can render each distinct one once and hand the same HTML to every
reader it fits. What differs on every request is not part of the description:
templates get ``csrf_token``, ``here`` (the address the reader opened, with its
query) and ``here_query`` (that address URL-encoded for a query string), and
delivery puts the request's own values in.
"""

import re
from typing import NamedTuple

ARGUMENT = re.compile(r"[\w-]+")
PLACEHOLDER = re.compile(r"<!--reader-part:([\w-]+(?::[\w-]+)*)-->")


def placeholder(name, *args):
    """The placeholder of part ``name`` about ``args`` (numbers or keys: letters, digits, "-" and "_")."""
    args = [str(arg) for arg in args]
    if not all(ARGUMENT.fullmatch(arg) for arg in args):
        raise ValueError(f"A reader part's arguments are letters, digits, '-' and '_': {args!r}")
    return f"<!--reader-part:{':'.join([name, *args])}-->"


class Fragment(NamedTuple):
    template: str
    # Hashable values only when ``shared``: they are part of the key the HTML is kept under.
    context: dict
    # False when the HTML shows something of one reader's own (the text of their notes):
    # it is then rendered for this request alone.
    shared: bool = True
