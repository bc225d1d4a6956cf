import mimetypes
import sys
from datetime import UTC, timedelta
from urllib.parse import quote

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from core import health


@never_cache
@require_GET
def healthz(request):
    """Each part's state (core.health): 503 only when the site cannot serve, 200 when it works, degraded or not."""
    status, parts = health.report()
    return JsonResponse({"status": status, **parts}, status=503 if status == health.ERROR else 200)


def unavailable(request, heading, message):
    """The 503 page: a part medlex needs is briefly down. Rendered without the database, in the reader's language."""
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language or settings.LANGUAGE_CODE):
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"error": str(message), "details": []}, status=503)
        else:
            html = render_to_string("503.html", {"heading": heading, "message": message})
            response = HttpResponse(html, status=503)
            response["Content-Language"] = translation.get_language()
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


# What a reader is asked to wait after a 503, in seconds.
RETRY_AFTER_SECONDS = 120


def sign_in_unavailable(request):
    return unavailable(
        request,
        _("Sign-in is briefly unavailable"),
        _(
            "Signing in, signing up, resetting a password and uploading proof of profession are paused for a "
            "few minutes while a part of our service recovers. Reading articles still works. "
            "Please try again in a few minutes."
        ),
    )


def rate_limited(request):
    """allauth's answer when a rate limit refuses an action (``handler429`` in medlex.urls).

    allauth refuses whenever it cannot count, too: its counts live in the shared
    cache, so with Redis down or a read-only database every login would look like
    "too many attempts". Those actions fail closed (docs/operations.md), and the
    reader is told what really happened: sign-in is briefly unavailable (503).
    """
    if not health.cache_takes_writes():
        return sign_in_unavailable(request)
    return render(request, "429.html", status=429)


def server_error(request):
    """``handler500``: a database that cannot be reached or written is a 503 page, anything else Django's 500 page.

    Django calls this while handling the exception, so it is the one in flight.
    """
    error = sys.exc_info()[1]
    if database_unavailable(error):
        return unavailable(
            request,
            _("medlex is briefly unavailable"),
            _(
                "Our database cannot be reached or does not take changes at the moment, so this page cannot be "
                "shown and nothing you sent has been saved. Pages you have read recently may still open. "
                "Please try again in a few minutes."
            ),
        )
    return defaults.server_error(request)


# PostgreSQL's code for a write refused by a read-only transaction or server.
READ_ONLY_SQL_TRANSACTION = "25006"


def database_unavailable(error):
    """Whether ``error`` says the database is down or read-only, rather than that a query is wrong."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    return isinstance(error, DatabaseError) and getattr(error.__cause__, "sqlstate", None) == READ_ONLY_SQL_TRANSACTION


# RFC 9116 asks for an expiry under a year ahead, so that a stale file is not trusted.
SECURITY_TXT_LIFETIME = timedelta(days=180)


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever a page names; the icon is an SVG among the static files."""
    return redirect(static("favicon.svg"), permanent=True)


@require_GET
@cache_control(public=True, max_age=86400)
def security_txt(request):
    """Where to report a vulnerability (RFC 9116), when the operator has named a contact."""
    if not settings.MEDLEX_SECURITY_CONTACT:
        raise Http404
    expires = (timezone.now() + SECURITY_TXT_LIFETIME).replace(microsecond=0)
    lines = [
        f"Contact: {settings.MEDLEX_SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: de, en",
        f"Canonical: {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def robots_txt(request):
    """Crawlers may read every public page; the sitemap, at this host, lists them.

    Search result pages are not excluded here: a crawler must be able to fetch them to
    read their ``noindex``. The admin is nothing to crawl.
    """
    lines = ["User-agent: *", "Disallow: /admin/", "", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def canonical_media_path(root, path):
    """``path`` as a path relative to ``root`` if it names a file there in its canonical spelling, else None.

    The path is resolved (``..``, ``.``, repeated slashes, symlinks), and refused
    unless the result lies inside ``root`` and is spelled exactly as requested. A
    NUL byte, or a name the file system will not take, is no file either.
    """
    if "\x00" in path:
        return None
    try:
        resolved = (root / path).resolve()
        if not resolved.is_file():
            return None
    except (OSError, ValueError):
        return None
    if not resolved.is_relative_to(root):
        return None
    relative = resolved.relative_to(root)
    return relative if relative.as_posix() == path else None


def private_file_response(file_path, root):
    """Send a file that passed its permission check: by nginx when configured, else by Django."""
    content_type = mimetypes.guess_type(file_path.name)[0] or "application/octet-stream"
    if settings.MEDLEX_ACCEL_REDIRECT_PREFIX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = (
            settings.MEDLEX_ACCEL_REDIRECT_PREFIX.rstrip("/") + "/" + quote(str(file_path.relative_to(root)))
        )
    else:
        response = FileResponse(open(file_path, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
