import mimetypes
from datetime import UTC, timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """200 when the app, its database and its cache answer; 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # any failure means "not healthy"
        checks["database"] = f"error: {error.__class__.__name__}"
    try:
        cache.set("medlex:healthz", "1", 5)
        # Read the way article views read (with Redis: each worker's own connection).
        checks["cache"] = (
            "ok" if cache.get_many(["medlex:healthz"]).get("medlex:healthz") == "1" else "error: no round trip"
        )
    except Exception as error:
        checks["cache"] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


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
