"""Readers and articles that do not exist in their language yet.

An article written only in German is still part of the English site: it is listed
there, found by search and opened under the English prefix (``/en/<slug>/``),
where it shows its German text (marked ``lang="de"``) under an English note. If an
engine is configured, a reader who may read the whole article can ask for a
machine translation; the existing background job then creates the English article
with every section labelled as machine translation.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from articles.models import ArticlePage
from translation.engines import available_engines
from translation.services import ReaderRequest, may_request_for, pending_job, request_reader_translation

# What the note on an untranslated article offers the reader.
OFFER, PENDING, LOGIN, NOT_ALLOWED, PREPARING, NONE = "offer", "pending", "login", "not-allowed", "preparing", ""


def daily_limit():
    return settings.MEDLEX_READER_TRANSLATIONS_PER_DAY


def _prefix(language):
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


def url_for_readers(url, url_language, language):
    """``url`` (a page in ``url_language``) as opened by readers of ``language``.

    Every page URL starts with its language prefix (``/de/``, ``/en/``), so the
    same path under the reader's prefix opens the article in the reader's site.
    """
    if url_language == language:
        return url
    own = _prefix(url_language)
    if not url.startswith(own):
        return url
    return _prefix(language) + url[len(own) :]


def offer_for(request, page, locale):
    """What the note on ``page`` (missing in ``locale``) offers this reader."""
    if page.get_translations(inclusive=False).filter(locale=locale).exists():
        return PREPARING  # an editor's draft exists; a machine must not overwrite it
    if pending_job(page, locale) is not None:
        return PENDING
    if not available_engines():
        return NONE
    if not request.user.is_authenticated:
        return LOGIN
    return OFFER if may_request_for(request.user, page) else NOT_ALLOWED


@require_POST
def request_view(request, page_id):
    """POST: a reader asks for a machine translation of an article into their language."""
    page = get_object_or_404(ArticlePage.objects.live(), pk=page_id)
    locale = Locale.get_active()
    back = url_for_readers(page.get_url(request), page.locale.language_code, locale.language_code)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': back})}")
    if page.locale_id == locale.pk:
        return redirect(back)
    outcome, _job = request_reader_translation(page, locale, request.user, daily_limit())
    if outcome == ReaderRequest.FORBIDDEN:
        raise PermissionDenied
    if outcome in (ReaderRequest.STARTED, ReaderRequest.PENDING):
        messages.success(
            request,
            _(
                "Your request has been received: the machine translation is in progress. It appears at this address once every section is translated."
            ),
        )
    elif outcome == ReaderRequest.LIMITED:
        messages.error(request, _("You have requested several machine translations today. Please try again tomorrow."))
    elif outcome == ReaderRequest.NO_ENGINE:
        messages.error(request, _("Machine translation is not available at the moment."))
    return redirect(back)
