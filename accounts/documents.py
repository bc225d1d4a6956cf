"""Checks and cleaning of proof-of-profession uploads.

The type comes from the content, never from the name. Images are decoded and
re-encoded by Pillow, which drops EXIF/XMP metadata and anything appended to
the file. PDFs are parsed object by object and refused if they carry scripts,
actions other than page moves and web links, forms that run code, multimedia or
attached files; a PDF that passes is stored as pypdf writes it anew
(``accounts.pdf_check``). Everything else is refused.

A submission is checked cheap things first, for all its files, before any image
is decoded or any PDF parsed: the number of files, their sizes, their types and
the images' dimensions (read from the header). So a submission that is refused
for any of these costs almost nothing, however many pixels its images claim.
"""

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
ALLOWED_TYPES = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG"}

PDF_CHECK = Path(__file__).with_name("pdf_check.py")
# Address space of the PDF check: the interpreter, pypdf and a few copies of a file.
PDF_CHECK_MEMORY_BYTES = 1024 * 1024 * 1024


def sniff(data):
    """The type of ``data`` from its first bytes; a PDF must begin with its header, not merely contain it."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def megapixels(pixels):
    return f"{pixels / 1_000_000:.0f}"


def pdf_problem(code):
    """The reader's words for a problem code of ``accounts.pdf_check``."""
    if code == "pages":
        return _("The PDF has more than %(limit)s pages. Please upload only the pages that show your proof.") % {
            "limit": settings.MEDLEX_PROOF_PDF_MAX_PAGES
        }
    return {
        "active": _("This PDF contains active content (scripts or actions). Please upload a plain PDF or a photo."),
        "attachment": _("This PDF contains attached files. Please upload a plain PDF or a photo."),
        "complex": _("This PDF is too complex to check. Please upload a plain PDF or a photo."),
        "encrypted": _("Password-protected PDF files cannot be reviewed. Please upload an unprotected copy."),
        "no_pages": _("The PDF file has no pages."),
        "damaged": _("The PDF file is damaged or incomplete. Please upload it again."),
    }[code]


def _image_pixels(data, content_type):
    """Width × height from the image header; nothing is decoded."""
    try:
        with Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[content_type]]) as image:
            width, height = image.size
        pixels = width * height
    except Image.DecompressionBombError:  # Pillow's own limit (core.apps)
        pixels = None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("The image file is damaged or incomplete. Please upload it again.")) from error
    limit = settings.MEDLEX_PROOF_MAX_IMAGE_PIXELS
    if pixels is None or pixels > limit:
        raise ValidationError(
            _("The image has more than %(limit)s megapixels. Please upload a smaller photo or scan.")
            % {"limit": megapixels(limit)}
        )
    return pixels


def _clean_image(data, content_type):
    """Decode and write anew: only the pixels survive."""
    try:
        with Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[content_type]]) as image:
            image.load()
            clean = image.convert("RGB") if content_type == JPEG else image.copy()
            clean.info = {}  # no EXIF, XMP, text chunks or ICC profile survive
            out = io.BytesIO()
            clean.save(out, PILLOW_FORMATS[content_type], quality=90)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("The image file is damaged or incomplete. Please upload it again.")) from error


def _inspect(upload):
    """``(content_type, data, pixels)`` after the cheap checks of one upload, or raise ValidationError."""
    limit = settings.MEDLEX_PROOF_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s. Please upload a smaller scan or photo.")
            % {"limit": filesizeformat(limit)}
        )
    data = upload.read()
    if not data:
        raise ValidationError(_("The file is empty."))
    content_type = sniff(data)
    if content_type is None:
        raise ValidationError(
            _("Only PDF, JPEG and PNG files are accepted. This file is of another type, whatever its name says.")
        )
    if content_type == PDF:
        if b"%%EOF" not in data[-1024:]:
            raise ValidationError(pdf_problem("damaged"))
        return content_type, data, 0
    return content_type, data, _image_pixels(data, content_type)


def _check_pdfs(files):
    """For each PDF in ``files``, ``(problem code or None, rewritten bytes)``, from one limited process.

    The CPU limit and the object budget cover the whole submission. A file the
    check did not answer for (time or memory ran out) is "complex".
    """
    cpu_seconds = settings.MEDLEX_PROOF_PDF_CPU_SECONDS
    header = {
        "cpu_seconds": cpu_seconds,
        "memory_bytes": PDF_CHECK_MEMORY_BYTES,
        "max_pages": settings.MEDLEX_PROOF_PDF_MAX_PAGES,
        "max_objects": settings.MEDLEX_PROOF_PDF_MAX_OBJECTS,
        "sizes": [len(data) for data in files],
    }
    payload = json.dumps(header).encode() + b"\n" + b"".join(files)
    try:
        # The wall-clock limit is for a process that waits instead of computing.
        completed = subprocess.run(
            [sys.executable, "-I", str(PDF_CHECK)], input=payload, capture_output=True, timeout=cpu_seconds * 3 + 10
        )
        output, returncode, errors = completed.stdout, completed.returncode, completed.stderr
    except subprocess.TimeoutExpired as expired:
        output, returncode, errors = expired.stdout or b"", "timeout", b""
    if returncode != 0:
        logger.warning(
            "The PDF check stopped (%s) after %d of %d files: %s",
            returncode,
            output.count(b"\n"),
            len(files),
            errors[-500:],
        )
    results, stream = [], io.BytesIO(output)
    for _file in files:
        line = stream.readline()
        try:
            answer = json.loads(line)
        except ValueError:
            break
        if "problem" in answer:
            results.append((answer["problem"], None))
        else:
            clean = stream.read(answer["size"])
            if len(clean) != answer["size"]:
                break
            results.append((None, clean))
    return results + [("complex", None)] * (len(files) - len(results))


def check_submission(uploads):
    """Return ``[(name, content_type, clean_bytes)]`` for all uploads of one submission, or raise ValidationError.

    Every message that concerns one file starts with its name. Nothing is decoded
    or parsed unless all files pass the cheap checks and the submission stays
    within its number of files and its total of pixels.
    """
    max_files = settings.MEDLEX_PROOF_MAX_FILES
    if len(uploads) > max_files:
        raise ValidationError(
            ngettext(
                "Please send at most %(limit)s file at a time.",
                "Please send at most %(limit)s files at a time.",
                max_files,
            )
            % {"limit": max_files}
        )

    def about(upload, problem):
        return ValidationError(_("%(name)s: %(problem)s") % {"name": upload.name, "problem": problem})

    inspected, errors = [], []
    for upload in uploads:
        try:
            inspected.append((upload, *_inspect(upload)))
        except ValidationError as error:
            errors.append(about(upload, error.messages[0]))
    if errors:
        raise ValidationError(errors)
    total, limit = sum(pixels for *_rest, pixels in inspected), settings.MEDLEX_PROOF_MAX_TOTAL_PIXELS
    if total > limit:
        raise ValidationError(
            _(
                "Together the images have %(pixels)s megapixels; at most %(limit)s are accepted per submission. Please send fewer or smaller images."
            )
            % {"pixels": megapixels(total), "limit": megapixels(limit)}
        )

    pdfs = [data for _upload, content_type, data, _pixels in inspected if content_type == PDF]
    pdf_results = iter(_check_pdfs(pdfs) if pdfs else [])
    cleaned = []
    for upload, content_type, data, _pixels in inspected:
        try:
            if content_type == PDF:
                problem, clean = next(pdf_results)
                if problem:
                    raise ValidationError(pdf_problem(problem))
            else:
                clean = _clean_image(data, content_type)
        except ValidationError as error:
            errors.append(about(upload, error.messages[0]))
            continue
        cleaned.append((upload.name, content_type, clean))
    if errors:
        raise ValidationError(errors)
    return cleaned
