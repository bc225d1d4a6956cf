"""Proof upload: only clean PDF, JPEG and PNG, stored privately; identifiers checked by their check digit."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from accounts.identifiers import check_efn, check_npi
from accounts.models import ProofDocument, VerificationRequest
from accounts.states import State, state_for

pytestmark = pytest.mark.django_db
UPLOAD = "/en/accounts/professional/proof/"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.MEDLEX_PRIVATE_ROOT = tmp_path / "private"
    return settings.MEDLEX_PRIVATE_ROOT


def png_with_metadata():
    image = Image.new("RGB", (40, 30), "white")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    buffer = io.BytesIO()
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "home address: Musterstr. 1")
    image.save(buffer, "PNG", exif=exif, pnginfo=info)
    return buffer.getvalue()


def jpeg_with_gps():
    image = Image.new("RGB", (40, 30), "blue")
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 31.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def plain_pdf(javascript=None):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    if javascript:
        action = b"/Type /Catalog /OpenAction << /S /JavaScript /JS (" + javascript.encode() + b") >>"
        assert b"/Type /Catalog" in data
        data = data.replace(b"/Type /Catalog", action)
    return data


def post(client, name, data, **fields):
    return client.post(UPLOAD, {"documents": SimpleUploadedFile(name, data), "note": "Licence from Berlin", **fields})


@pytest.fixture
def applicant(client, reader):
    user = reader("proof_missing")
    client.force_login(user)
    return user


def test_an_image_is_re_encoded_without_its_metadata_and_stored_outside_the_media_root(
    client, applicant, private_root, settings
):
    response = post(client, "licence.png", png_with_metadata())
    assert response.status_code == 302
    document = ProofDocument.objects.get()
    stored = document.path.read_bytes()
    assert document.path.is_relative_to(private_root)
    assert not document.path.is_relative_to(settings.MEDIA_ROOT)
    assert b"Musterstr" not in stored and b"SecretCam" not in stored
    assert Image.open(io.BytesIO(stored)).size == (40, 30)
    assert state_for(applicant).state == State.UNDER_REVIEW


def test_gps_data_is_removed_from_a_jpeg(client, applicant):
    post(client, "id.jpg", jpeg_with_gps())
    stored = Image.open(ProofDocument.objects.get().path)
    assert not stored.getexif()


def test_a_plain_pdf_is_accepted(client, applicant):
    assert post(client, "licence.pdf", plain_pdf()).status_code == 302
    assert ProofDocument.objects.get().content_type == "application/pdf"


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("licence.pdf", b"just some text pretending to be a PDF", "Only PDF, JPEG and PNG files are accepted"),
        (
            "photo.jpg",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100,
            "Only PDF, JPEG and PNG files are accepted",
        ),
        (
            "id.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Only PDF, JPEG and PNG files are accepted",
        ),
        ("id.html", b"<html><body>hi</body></html>", "Only PDF, JPEG and PNG files are accepted"),
        ("id.png", png_with_metadata()[:60], "damaged or incomplete"),
        ("licence.pdf", plain_pdf()[:-200], "damaged or incomplete"),
        ("licence.pdf", plain_pdf(javascript="app.alert('hi');"), "This PDF contains active content"),
    ],
    ids=["text-as-pdf", "renamed-executable", "svg", "html", "truncated-png", "truncated-pdf", "pdf-with-javascript"],
)
def test_bad_files_are_refused_with_a_clear_message_nothing_stored_and_the_note_kept(
    client, applicant, private_root, name, data, message
):
    response = post(client, name, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and name in html
    assert "Licence from Berlin" in html, "what the user typed is kept"
    assert not VerificationRequest.objects.exists() and not ProofDocument.objects.exists()
    assert (
        not private_root.exists()
        or not any(private_root.rglob("*.*"))
        and not any(p.is_file() for p in private_root.rglob("*"))
    )


def test_an_oversized_file_is_refused(client, applicant, settings):
    settings.MEDLEX_PROOF_MAX_BYTES = 1000
    response = post(client, "scan.pdf", plain_pdf() + b"%" * 2000)
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not ProofDocument.objects.exists()


def test_one_bad_file_among_good_ones_stores_nothing(client, applicant):
    response = client.post(
        UPLOAD, {"documents": [SimpleUploadedFile("a.pdf", plain_pdf()), SimpleUploadedFile("b.png", b"nope")]}
    )
    assert response.status_code == 400 and not ProofDocument.objects.exists()


# Published example numbers: CMS gives 123456789 with check digit 3 for the NPI.
def test_npi_check_digit_follows_the_cms_example():
    assert check_npi("1234567893") is None
    assert "check digit" in check_npi("1234567890")
    assert "10 digits" in check_npi("12345")


def test_efn_has_15_digits_starting_276_and_a_luhn_check_digit():
    valid = next(f"27612345678901{d}" for d in range(10) if check_efn(f"27612345678901{d}") is None)
    assert check_efn(valid) is None
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    assert "check digit" in check_efn(wrong)
    assert "276" in check_efn("123456789012345")
    assert "15 digits" in check_efn("27612")


def test_a_wrong_identifier_is_refused_and_a_valid_one_is_stored(client, applicant):
    response = post(client, "licence.pdf", plain_pdf(), identifier_kind="npi", identifier="1234567890")
    assert response.status_code == 400 and "The check digit of this NPI is not valid" in response.content.decode()
    assert post(client, "licence.pdf", plain_pdf(), identifier_kind="npi", identifier="1234567893").status_code == 302
    assert VerificationRequest.objects.get().identifier == "1234567893"


def test_nothing_to_upload_while_under_review(client, reader):
    client.force_login(reader("under_review"))
    assert client.get(UPLOAD).status_code == 302


@pytest.mark.parametrize(
    "days, english, german",
    [
        (30, "We delete the document 30 days after the decision", "spätestens 30 Tage nach der Entscheidung"),
        (45, "We delete the document 45 days after the decision", "spätestens 45 Tage nach der Entscheidung"),
        (1, "We delete the document 1 day after the decision", "spätestens 1 Tag nach der Entscheidung"),
    ],
)
def test_the_upload_page_states_the_configured_retention_period(client, applicant, settings, days, english, german):
    settings.MEDLEX_PROOF_RETENTION_DAYS = days
    assert english in client.get(UPLOAD).content.decode()
    assert german in client.get("/de/accounts/professional/proof/").content.decode()
