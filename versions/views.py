"""The public version history of an article and the permalink of each version.

Neither is kept by delivery's caches: they change with every publish, so they are
sent ``no-store`` and rendered afresh. Gated text reaches only the tier that may
read it (``articles.rendering`` decides per section, as on the article).
"""

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from access.gates import gate_message_html
from access.policy import tier_for
from articles import rendering
from articles.views import render_page
from versions import services
from versions.addresses import history_segment, history_url


def _article(request, path):
    page = services.live_article(request, path)
    if page is None:
        raise Http404
    return page


def _in_the_articles_language(page, segment, tail=""):
    """A redirect when the address uses the other language's word for the history, else None."""
    if segment == history_segment(page):
        return None
    return HttpResponsePermanentRedirect(f"{history_url(page)}{tail}")


def history(request, path, segment):
    page = _article(request, path)
    if redirect := _in_the_articles_language(page, segment):
        return redirect
    show_changes = services.may_see_changes(request.user)
    context = {
        "page": page,
        "history_url": history_url(page),
        "entries": services.history(page, request.user),
        "show_changes": show_changes,
        "gate_message": None if show_changes else gate_message_html(request),
    }
    response = TemplateResponse(request, "versions/history.html", context)
    add_never_cache_headers(response)
    return response


def version(request, path, segment, number):
    page = _article(request, path)
    if redirect := _in_the_articles_language(page, segment, f"{number}/"):
        return redirect
    shown = get_object_or_404(page.versions, number=int(number))
    published = services.as_published(shown)
    with translation.override(page.locale.language_code):
        article = rendering.render_article(published, tier_for(request.user))
    article["last_updated"] = services.last_content_change(page, shown.number)
    latest = page.versions.order_by("-number").first()
    extra = {
        "version": shown,
        "is_current": shown.pk == latest.pk,
        "current_url": page.url,
        "history_url": history_url(page),
    }
    response = HttpResponse(
        render_page(request, published, article, None, template="versions/version_page.html", extra_context=extra)
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
