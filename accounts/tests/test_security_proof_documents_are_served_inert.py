"""A reviewer's browser never treats a proof document as a page of this site.

Proof documents come from strangers. The reviewer's document view sends them as
downloads (images still show in the review page's ``<img>``), with the type the upload
check found and a matching file name extension, never the upload's name,
``nosniff``, and a policy that allows nothing and sandboxes whatever a browser might
still render. The previous policy relied on the obsolete ``plugin-types`` directive.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import ProofDocument
from accounts.tests.test_proof import UPLOAD, applicant, plain_pdf, private_root  # noqa: F401 (fixtures)
from accounts.tests.test_review import reviewer  # noqa: F401 (fixture)
from accounts.tests.test_security_no_active_pdf_in_proof_uploads import build_pdf

pytestmark = pytest.mark.django_db


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return buffer.getvalue()


def upload_and_open(client, reviewer, name, data):
    assert client.post(UPLOAD, {"documents": SimpleUploadedFile(name, data)}).status_code == 302
    document = ProofDocument.objects.get()
    response = reviewer.get(f"/admin/professionals/document/{document.pk}/")
    assert response.status_code == 200
    return document, response


def directives(response):
    return {
        part.strip().split(" ")[0]: part.strip()
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


def assert_inert(response, content_type, extension):
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith(f'.{extension}"')
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = directives(response)
    assert policy["default-src"] == "default-src 'none'"
    assert "sandbox" in policy and policy["sandbox"] == "sandbox", (
        "sandboxed without exceptions: no scripts, forms or same origin"
    )
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert "plugin-types" not in response["Content-Security-Policy"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_pdf_is_sent_as_a_download_with_a_strict_policy(client, applicant, reviewer):
    _document, response = upload_and_open(client, reviewer, "licence.pdf", plain_pdf())
    assert_inert(response, "application/pdf", "pdf")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_type_and_file_name_come_from_the_checked_content_not_from_the_upload_name(client, applicant, reviewer):
    document, response = upload_and_open(client, reviewer, "licence.html", png())
    assert document.content_type == "image/png"
    assert_inert(response, "image/png", "png")
    assert ".html" not in response["Content-Disposition"]


def test_a_pdf_carrying_html_reaches_the_reviewer_as_an_inert_pdf_download(client, applicant, reviewer):
    html = b"<html><body><script>alert(document.cookie)</script></body></html>\n"
    _document, response = upload_and_open(
        client, reviewer, "licence.html", build_pdf(header=b"%PDF-1.7\n%" + html) + html
    )
    assert_inert(response, "application/pdf", "pdf")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-") and b"<script" not in body


def test_the_review_page_embeds_no_pdf_and_offers_the_download(client, applicant, reviewer):
    client.post(
        UPLOAD, {"documents": [SimpleUploadedFile("licence.pdf", plain_pdf()), SimpleUploadedFile("id.png", png())]}
    )
    pdf, image = (
        ProofDocument.objects.get(content_type="application/pdf"),
        ProofDocument.objects.get(content_type="image/png"),
    )
    html = reviewer.get(f"/admin/professionals/{pdf.request.pk}/").content.decode()
    assert "<object" not in html and "<embed" not in html and "<iframe" not in html
    assert f'href="/admin/professionals/document/{pdf.pk}/" download' in html
    assert f'<img src="/admin/professionals/document/{image.pk}/"' in html
    assert "PDF-Dateien werden nicht im Browser angezeigt" in html  # the admin speaks German by default
