"""The per-reader message shown where gated content is withheld.

Cached article HTML carries a placeholder at each locked place; ``fill``
replaces it with the message for the reader's actual situation, so the
expensive HTML stays the same for everyone in a tier.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

GATE_PLACEHOLDER = "<!--medlex:gate-->"


def gate_message_html(request):
    return render_to_string("access/gate_message.html", {"user": request.user, "request": request})


def fill(html, request):
    """``html`` must be safe (rendered by a template); so is the message."""
    if GATE_PLACEHOLDER not in html:
        return mark_safe(html)
    return mark_safe(html.replace(GATE_PLACEHOLDER, gate_message_html(request)))
