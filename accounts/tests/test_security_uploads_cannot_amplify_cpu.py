"""Uploads cannot turn a few kilobytes into seconds of CPU, and a refused upload is not free to repeat.

The audit sent 20 PNGs of 59 megapixels (about a megabyte in all) plus one invalid
file: every image was decoded before the invalid file refused the whole submission,
and nothing was stored, so the request could be sent again and again. Here the
number of files, the pixels per image and per submission are checked from the
headers before anything is decoded; proof uploads are rate-limited per user, refused
ones included; the PDF check runs under a CPU limit; editors' image uploads have a
pixel limit too.

Decoding is counted on its way through Pillow (``ImageFile.load`` still runs), so the
tests assert on the work done, not on this machine's speed.
"""

import functools
import io
import resource
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, ImageFile
from wagtail.images import get_image_model

from accounts.models import ProofDocument, VerificationRequest
from accounts.tests.second_factor import log_in_with_second_factor
from accounts.tests.test_proof import UPLOAD, applicant, plain_pdf, private_root  # noqa: F401 (fixtures)
from accounts.tests.test_rate_limits import allowed
from accounts.tests.test_security_no_active_pdf_in_proof_uploads import build_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


@functools.cache
def png_bomb(width=7680, height=7680):
    """A valid all-black PNG of width × height pixels (59 megapixels by default) that compresses to a few kilobytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = zlib.compress((b"\x00" * (1 + (width + 7) // 8)) * height, 9)  # 1-bit grey, filter 0
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + chunk(b"IDAT", rows)
        + chunk(b"IEND", b"")
    )


def photo(width=800, height=600):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def decodes(monkeypatch):
    """The size of every image Pillow decodes during the test (an image with tiles left to read is decoded by ``load``)."""
    sizes, load = [], ImageFile.ImageFile.load

    def counted_load(image):
        if image.tile:
            sizes.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counted_load)
    return sizes


def nothing_stored(private_root):
    return (
        not VerificationRequest.objects.exists()
        and not ProofDocument.objects.exists()
        and (not private_root.exists() or not any(path.is_file() for path in private_root.rglob("*")))
    )


def audit_submission():
    return [SimpleUploadedFile(f"scan{i}.png", png_bomb()) for i in range(20)] + [
        SimpleUploadedFile("notes.txt", b"not an image")
    ]


def test_the_audit_file_is_what_it_claims(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # to look at it here, not as an upload
    with Image.open(io.BytesIO(png_bomb())) as image:
        image.load()
        assert image.width * image.height > 58_000_000
    assert 20 * len(png_bomb()) < 1_200_000


def test_twenty_59_megapixel_pngs_and_an_invalid_file_are_refused_without_decoding_anything(
    client, applicant, private_root, decodes
):
    response = client.post(UPLOAD, {"documents": audit_submission(), "note": "Licence"})
    assert response.status_code == 400
    assert "Please send at most 10 files at a time." in response.content.decode()
    assert decodes == []
    assert nothing_stored(private_root)


def test_each_image_is_measured_from_its_header_and_refused_over_its_pixel_limit(
    client, applicant, private_root, decodes, settings
):
    settings.MEDLEX_PROOF_MAX_FILES = 30  # so that the pixels decide, not the number of files
    response = client.post(UPLOAD, {"documents": audit_submission()})
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("The image has more than 50 megapixels. Please upload a smaller photo or scan.") == 20
    assert "scan19.png: The image has more than 50 megapixels" in html
    assert "notes.txt: Only PDF, JPEG and PNG files are accepted" in html
    assert decodes == []
    assert nothing_stored(private_root)


def test_the_pixels_of_one_submission_are_limited_in_total(client, applicant, private_root, decodes):
    scans = [SimpleUploadedFile(f"page{i}.png", png_bomb(6400, 6250)) for i in range(3)]  # 40 megapixels each
    response = client.post(UPLOAD, {"documents": scans})
    assert response.status_code == 400
    assert (
        "Together the images have 120 megapixels; at most 100 are accepted per submission." in response.content.decode()
    )
    assert decodes == []
    assert nothing_stored(private_root)


def test_refused_submissions_count_towards_the_upload_rate_limit(client, applicant, private_root, decodes, reader):
    for _ in range(allowed("upload_proof")):
        assert client.post(UPLOAD, {"documents": SimpleUploadedFile("notes.txt", b"not an image")}).status_code == 400
    response = client.post(UPLOAD, {"documents": SimpleUploadedFile("licence.jpg", photo())})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts" in html and "the one for uploading proof of profession after an hour" in html
    assert decodes == [] and nothing_stored(private_root)

    someone_else = Client()
    someone_else.force_login(reader("proof_missing", "colleague@example.org"))
    assert someone_else.post(UPLOAD, {"documents": SimpleUploadedFile("licence.jpg", photo())}).status_code == 302, (
        "the count is per reader"
    )


def test_a_normal_photo_and_a_plain_pdf_are_accepted_and_the_photo_is_decoded_once(client, applicant, decodes):
    response = client.post(
        UPLOAD,
        {"documents": [SimpleUploadedFile("licence.jpg", photo()), SimpleUploadedFile("licence.pdf", plain_pdf())]},
    )
    assert response.status_code == 302
    assert ProofDocument.objects.count() == 2
    assert decodes == [(800, 600)]


def test_a_pdf_that_would_cost_the_parser_seconds_is_refused_at_the_cpu_limit(
    client, applicant, private_root, settings
):
    settings.MEDLEX_PROOF_PDF_CPU_SECONDS = 1
    # 30 kB on the wire: an object stream that unpacks to 30 MB of blanks, which the parser reads byte by byte.
    data = build_pdf(
        page=b"/Annots [4 0 R]", compressed=[b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] >>" + b" " * 30_000_000]
    )
    assert len(data) < 100_000
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    response = client.post(UPLOAD, {"documents": SimpleUploadedFile("licence.pdf", data)})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert response.status_code == 400
    assert "licence.pdf: This PDF is too complex to check." in response.content.decode()
    spent = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert 0 < spent <= settings.MEDLEX_PROOF_PDF_CPU_SECONDS + 1.5, "the check's CPU time is bounded by its limit"
    assert nothing_stored(private_root)


def test_the_pdf_check_reads_a_bounded_number_of_objects(client, applicant, private_root, settings):
    settings.MEDLEX_PROOF_PDF_MAX_OBJECTS = 500
    data = build_pdf(catalog=b"/PieceInfo [" + b"0 " * 1000 + b"]")
    response = client.post(UPLOAD, {"documents": SimpleUploadedFile("licence.pdf", data)})
    assert response.status_code == 400 and "This PDF is too complex to check." in response.content.decode()
    assert nothing_stored(private_root)
    assert client.post(UPLOAD, {"documents": SimpleUploadedFile("licence.pdf", build_pdf())}).status_code == 302


def test_editors_cannot_upload_an_image_of_59_megapixels_to_the_admin(client, reader, decodes):
    log_in_with_second_factor(client, reader("editor"))
    response = client.post(
        "/admin/images/add/", {"title": "Bomb figure", "file": SimpleUploadedFile("figure.png", png_bomb())}
    )
    assert response.status_code == 200
    assert "Dieses Bild hat zu viele Pixel" in response.content.decode()  # the admin speaks German by default
    assert "Das Maximum ist 50000000" in response.content.decode()
    assert not get_image_model().objects.filter(title="Bomb figure").exists()
    assert decodes == []


def test_pillow_refuses_to_open_an_image_over_the_largest_limit_before_decoding_it(settings, decodes):
    largest = max(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS, settings.MEDLEX_PROOF_MAX_IMAGE_PIXELS)
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_bomb(10_000, largest // 10_000 + 1)))
    assert decodes == []
