"""Checks and cleaning of proof-of-profession uploads.

The type comes from the content, never from the name. Images are decoded and
re-encoded by Pillow, which drops EXIF/XMP metadata and anything appended to
the file. PDFs are parsed with pypdf and refused if they carry JavaScript,
automatic actions or embedded files. Everything else is refused.
"""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
ALLOWED_TYPES = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
# PDF name objects that run code or carry files.
PDF_ACTIVE_KEYS = (b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")


def sniff(data):
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def _clean_image(data, content_type):
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if image.width * image.height > 60_000_000:
                raise ValidationError(_("The image is too large in pixels."))
            clean = image.convert("RGB") if content_type == JPEG else image.copy()
            clean.info = {}  # no EXIF, XMP, text chunks or ICC profile survive
            out = io.BytesIO()
            clean.save(out, "JPEG" if content_type == JPEG else "PNG", quality=90)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(_("The image file is damaged or incomplete. Please upload it again."))


def _check_pdf(data):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    for key in PDF_ACTIVE_KEYS:
        if key in data:
            raise ValidationError(_("PDF files with scripts, automatic actions or attached files are not accepted. Please save the document as a plain PDF or an image."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(_("Password-protected PDF files cannot be reviewed. Please upload an unprotected copy."))
        root = reader.trailer["/Root"]
        names = root.get("/Names", {})
        if "/OpenAction" in root or "/AA" in root or "/JavaScript" in names or "/EmbeddedFiles" in names:
            raise ValidationError(_("PDF files with scripts, automatic actions or attached files are not accepted. Please save the document as a plain PDF or an image."))
        if len(reader.pages) == 0:
            raise ValidationError(_("The PDF file has no pages."))
        for page in reader.pages:
            if "/AA" in page:
                raise ValidationError(_("PDF files with scripts, automatic actions or attached files are not accepted. Please save the document as a plain PDF or an image."))
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(_("The PDF file is damaged or incomplete. Please upload it again."))
    if b"%%EOF" not in data[-1024:]:
        raise ValidationError(_("The PDF file is damaged or incomplete. Please upload it again."))
    return data


def check_and_clean(upload):
    """Return ``(content_type, clean_bytes)`` for an uploaded file, or raise ValidationError."""
    limit = settings.MEDLEX_PROOF_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(_("The file is larger than %(limit)s. Please upload a smaller scan or photo.") % {"limit": filesizeformat(limit)})
    data = upload.read()
    if not data:
        raise ValidationError(_("The file is empty."))
    content_type = sniff(data)
    if content_type is None:
        raise ValidationError(_("Only PDF, JPEG and PNG files are accepted. This file is of another type, whatever its name says."))
    if content_type == PDF:
        return content_type, _check_pdf(data)
    return content_type, _clean_image(data, content_type)
