"""The editor's dashboard in the admin, and adding a search dead end to an article's synonyms."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.policy import hidden_page_ids, may_use_editorial_dashboard
from articles.models import ArticlePage
from editorial import dashboard as lists
from editorial.synonyms import MAX_SYNONYM_LENGTH, SynonymError, add_synonym

CHOICES = 30  # articles offered at once on the synonym form


def _editors_only(request):
    if not may_use_editorial_dashboard(request.user):
        raise PermissionDenied


def dashboard(request):
    _editors_only(request)
    awaiting, outdated = lists.translation_work()
    context = {
        "today": timezone.localdate(),
        "horizon": lists.REVIEW_HORIZON_DAYS,
        "dead_end_days": lists.log.DEAD_END_DAYS,
        "reviews_due": lists.reviews_due(),
        "without_reviewer": lists.without_reviewer(),
        "awaiting_review": awaiting,
        "outdated": outdated,
        "dead_ends": lists.search_dead_ends(),
    }
    return TemplateResponse(request, "editorial/dashboard.html", context)


def _choices(request, find):
    """Published articles to choose from; those behind a view restriction this editor does not pass are left out."""
    articles = (
        ArticlePage.objects.live()
        .exclude(pk__in=hidden_page_ids(request))
        .select_related("locale")
        .order_by("title", "locale__language_code")
    )
    if find:
        articles = articles.filter(title__icontains=find)
    return list(articles[:CHOICES])


@require_http_methods(["GET", "POST"])
def synonym(request):
    """Choose the article a query should find, and publish the query as its synonym."""
    _editors_only(request)
    source = request.POST if request.method == "POST" else request.GET
    query = source.get("q", "")
    find = " ".join(source.get("find", "").split())[:100]
    status = 200
    if request.method == "POST":
        try:
            page, added = add_synonym(
                source.get("page") if source.get("page", "").isdigit() else None, query, request.user
            )
        except SynonymError as error:
            messages.error(request, error.message)
            status = 400
        else:
            messages.success(
                request,
                _("“%(synonym)s” is now a synonym of “%(title)s”, published, and search finds the article by it.")
                % {"synonym": added, "title": page.title},
            )
            return redirect("editorial_dashboard")
    context = {
        "query": query,
        "find": find,
        "choices": _choices(request, find),
        "limit": CHOICES,
        "max_length": MAX_SYNONYM_LENGTH,
        "chosen": source.get("page", ""),
    }
    return TemplateResponse(request, "editorial/synonym.html", context, status=status)
