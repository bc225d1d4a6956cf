"""The permission-checked ``/media/`` view: uploads are served only to the readers their kind allows."""

from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_GET

from access.policy import MediaKind, may_read_media
from core.views import canonical_media_path, private_file_response

# Where Wagtail stores each kind of upload, by the first folder under MEDIA_ROOT.
MEDIA_KINDS_BY_FOLDER = {"original_images": MediaKind.IMAGE_ORIGINAL, "images": MediaKind.IMAGE_RENDITION}


@require_GET
def media(request, path):
    """Serve uploaded files only after the access check.

    The check is made for the file that would be sent: its kind comes from its
    resolved path, and only that path's canonical spelling is served, so no
    spelling of the URL (``images/../documents/…``, ``//``, a symlink) can have
    one file checked and another sent. Nothing under MEDIA_ROOT is served any
    other way.
    """
    root = Path(settings.MEDIA_ROOT).resolve()
    relative = canonical_media_path(root, path)
    if relative is None or not may_read_media(request.user, media_kind(relative)):
        raise Http404  # 404, not 403: do not confirm that a gated file exists
    return private_file_response(root / relative, root)


def media_kind(relative):
    """The kind of the file at ``relative`` (a canonical path from ``canonical_media_path``)."""
    return MEDIA_KINDS_BY_FOLDER.get(relative.parts[0], MediaKind.DOCUMENT)
