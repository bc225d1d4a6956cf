"""The per-reader message shown where gated content is withheld.

Cached article HTML carries a placeholder at each locked place; ``fill``
replaces it with the message for the reader's actual situation, so the
expensive HTML stays the same for everyone in a tier.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from accounts.states import state_for
from core.fragments import placeholder

# A reader part (delivery.parts), so a page kept for many readers gets it filled per reader.
GATE_PLACEHOLDER = placeholder("gate")


def gate_message_html(request):
    """The message for the reader's actual verification state, with its one next step."""
    status = getattr(request, "_medlex_verification_status", None)
    if status is None:
        status = request._medlex_verification_status = state_for(request.user)
    context = {"status": status, "request": request, "review_days": settings.MEDLEX_REVIEW_WORKING_DAYS}
    return render_to_string("accounts/gate_message.html", context)


def fill(html, request, lang=None):
    """``html`` must be safe (rendered by a template); so is the message.

    ``lang``: the reader's language, when it differs from the language of ``html``.
    """
    if GATE_PLACEHOLDER not in html:
        return mark_safe(html)
    message = gate_message_html(request)
    if lang:
        message = f'<div lang="{lang}">{message}</div>'
    return mark_safe(html.replace(GATE_PLACEHOLDER, message))
