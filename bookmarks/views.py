"""The reader's bookmark list (/de/merkliste/, /en/bookmarks/), the forms that change it, and offline reading.

Every form works without JavaScript: a POST with the CSRF token, then a redirect
back. Readers who may not keep bookmarks (access.policy.may_use_reader_tools)
get the gate message and nothing changes. Bad input gets a message, status 400.
"""

import json

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from access.gates import gate_message_html
from access.policy import may_use_reader_tools
from bookmarks import services
from bookmarks.forms import ArticleBookmarkForm, BookmarkEditForm, CollectionForm
from bookmarks.models import Bookmark, Collection

NO_COLLECTION = "none"


def gated(view):
    """Readers who may not use reader tools get the gate: the list page shows it, a change is refused (403)."""

    def wrapper(request, *args, **kwargs):
        if not may_use_reader_tools(request.user):
            status = 200 if request.method in ("GET", "HEAD") else 403
            return render(request, "bookmarks/gate.html", {"gate_html": gate_message_html(request)}, status=status)
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    wrapper.__module__ = view.__module__
    return wrapper


def chosen_filter(request):
    """(sort, collection filter, error message) from the list's GET parameters; unknown values fall back, with a message."""
    errors = []
    sort = request.GET.get("sort", "added")
    if sort not in services.SORTS:
        errors.append(_("Unknown sort order; the list is shown newest first."))
        sort = "added"
    wanted = request.GET.get("collection", "")
    collection = None
    if wanted and wanted != NO_COLLECTION:
        collection = (
            Collection.objects.filter(reader=request.user, pk=int(wanted)).first() if wanted.isdigit() else None
        )
        if collection is None:
            errors.append(_("There is no such collection; all bookmarks are shown."))
            wanted = ""
    return sort, wanted, collection, " ".join(errors)


def render_list(request, status=200, collection_form=None, rename_errors=None):
    sort, wanted, collection, error = chosen_filter(request)
    items = services.entries(request, request.user, sort, collection)
    if wanted == NO_COLLECTION:
        items = [entry for entry in items if entry.bookmark.collection_id is None]
    context = {
        "entries": items,
        "collections": list(Collection.objects.filter(reader=request.user)),
        "sort": sort,
        "wanted": wanted,
        "NO_COLLECTION": NO_COLLECTION,
        "error": error,
        "collection_form": collection_form or CollectionForm(),
        "rename_errors": rename_errors or {},
        "name_max": CollectionForm.base_fields["name"].max_length,
    }
    return render(request, "bookmarks/list.html", context, status=400 if error and status == 200 else status)


@never_cache
@require_GET
@gated
def bookmark_list(request):
    return render_list(request)


def back(request, target):
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("bookmarks:list")


def refusal(request, message, status=400):
    return render(request, "bookmarks/refused.html", {"message": message}, status=status)


@never_cache
@require_POST
@gated
def article_bookmark(request):
    """Bookmark or un-bookmark an article (its page and search results post here), then back where the reader was."""
    form = ArticleBookmarkForm(request.user, request.POST)
    if not form.is_valid():
        return refusal(request, " ".join(str(message) for messages_ in form.errors.values() for message in messages_))
    page = services.readable_article(request, form.cleaned_data["article"])
    if page is None:
        return refusal(request, _("There is no such article."), status=404)
    if form.cleaned_data["action"] == "add":
        services.add(request.user, page, form.cleaned_data["collection"])
    else:
        services.remove(request.user, page.translation_key)
    return back(request, form.cleaned_data["next"])


@never_cache
@require_POST
@gated
def bookmark_edit(request, pk):
    """Move one of the reader's bookmarks to a collection, or remove it (also when its article is gone)."""
    bookmark = get_object_or_404(Bookmark, reader=request.user, pk=pk)
    form = BookmarkEditForm(request.user, request.POST)
    if not form.is_valid():
        return refusal(request, " ".join(str(message) for messages_ in form.errors.values() for message in messages_))
    if form.cleaned_data["action"] == "remove":
        bookmark.delete()
        messages.success(request, _("The bookmark was removed."))
    else:
        services.move(bookmark, form.cleaned_data["collection"])
        messages.success(request, _("The bookmark was moved."))
    return redirect("bookmarks:list")


@never_cache
@require_POST
@gated
def collection_create(request):
    form = CollectionForm(request.POST)
    if form.is_valid():
        try:
            services.create_collection(request.user, form.cleaned_data["name"])
        except services.Refused as refused:
            form.add_error("name", refused.message)
        else:
            messages.success(request, _("The collection was created."))
            return redirect("bookmarks:list")
    return render_list(request, status=400, collection_form=form)


@never_cache
@require_POST
@gated
def collection_rename(request, pk):
    collection = get_object_or_404(Collection, reader=request.user, pk=pk)
    form = CollectionForm(request.POST)
    if form.is_valid():
        try:
            services.rename_collection(collection, form.cleaned_data["name"])
        except services.Refused as refused:
            form.add_error("name", refused.message)
        else:
            messages.success(request, _("The collection was renamed."))
            return redirect("bookmarks:list")
    return render_list(request, status=400, rename_errors={collection.pk: form.errors["name"]})


@never_cache
@require_POST
@gated
def collection_delete(request, pk):
    """Delete a collection; its bookmarks stay, without a collection."""
    get_object_or_404(Collection, reader=request.user, pk=pk).delete()
    messages.success(request, _("The collection was deleted. Its bookmarks are kept without a collection."))
    return redirect("bookmarks:list")


@require_GET
def offline(request):
    """What the service worker shows for a page it has not kept, when the phone is offline."""
    return render(request, "bookmarks/offline.html")


@require_GET
def manifest(request):
    """The web app manifest in the request's language: name, icons, and the start page of that language."""
    language = translation.get_language()
    data = {
        "name": _("medlex – medical reference"),
        "short_name": "medlex",
        "lang": language,
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5394",
        "icons": [
            {"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("bookmarks/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("bookmarks/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")


# The worker's address is the site's root, so its scope covers /de/ and /en/ without Service-Worker-Allowed.
SERVICE_WORKER = "bookmarks/sw.js"


@require_GET
def service_worker(request):
    """The service worker, from the site's root (a worker's scope is at most its own folder).

    Browsers check it for updates on every visit; ``no-cache`` makes them ask us each time.
    """
    source = finders.find(SERVICE_WORKER)
    with open(source, encoding="utf-8") as file:
        script = file.read()
    script = script.replace("__OFFLINE_API__", reverse("api-v1:offline_list"))
    script = script.replace("__OFFLINE_PAGES__", json.dumps(services.offline_page_by_language()))
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response
