import mimetypes
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from access.policy import Tier, is_editor, tier_for


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
        checks["cache"] = "ok" if cache.get_many(["medlex:healthz"]).get("medlex:healthz") == "1" else "error: no round trip"
    except Exception as error:
        checks["cache"] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


@require_GET
def media(request, path):
    """Serve uploaded files only after the access check.

    Figures are gated, so image originals and renditions are for the
    professional tier (which includes editors); other uploads for editors.
    Nothing under MEDIA_ROOT is served any other way.
    """
    root = Path(settings.MEDIA_ROOT).resolve()
    file_path = (root / path).resolve()
    if root not in file_path.parents or not file_path.is_file():
        raise Http404
    is_image = path.startswith(("images/", "original_images/"))
    allowed = tier_for(request.user) == Tier.PROFESSIONAL if is_image else is_editor(request.user)
    if not allowed:
        raise Http404  # 404, not 403: do not confirm that a gated file exists
    return private_file_response(file_path, root)


def private_file_response(file_path, root):
    """Send a file that passed its permission check: by nginx when configured, else by Django."""
    content_type = mimetypes.guess_type(file_path.name)[0] or "application/octet-stream"
    if settings.MEDLEX_ACCEL_REDIRECT_PREFIX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDLEX_ACCEL_REDIRECT_PREFIX.rstrip("/") + "/" + quote(str(file_path.relative_to(root)))
    else:
        response = FileResponse(open(file_path, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
