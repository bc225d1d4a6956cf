"""The PDF of an article: what the reader's tier may read, figures and literature, and a footer naming the reader."""

import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from access.policy import Tier
from articles.models import ChangeKind
from articles.tests.helpers import cno, make_article
from citing import pdf
from citing.tests.helpers import pdf_pages, pdf_text, without_lines_naming
from versions.tests.helpers import publish_change, replace_in_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    """An English article: section 0 public, sections 1 and 2 for professionals, each with a figure and a citation."""
    return make_article("Printable article", lang="en", slug="printable-article", text="Sectiontext")


@pytest.fixture
def colleague(django_user_model):
    from accounts.states import verified_group

    user = django_user_model.objects.create_user(
        "cem@example.org", "cem@example.org", "a-long-test-password", first_name="Cem", last_name="Colleague"
    )
    user.groups.add(verified_group())
    return user


def download(client, url):
    response = client.get(f"{url}pdf/")
    assert response.status_code == 200, response.content[:300]
    return response


def test_a_verified_reader_downloads_every_section_with_its_figures_and_the_literature(verified_client, article):
    response = download(verified_client, article.url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="medlex-printable-article-v1.pdf"'
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    for k in range(3):
        assert f"Sectiontext {k}" in text and f"Reference {k}" in text
    assert "Literature" in text and "Figure 1" in text
    images = [image for page in PdfReader(io.BytesIO(response.content)).pages for image in page.images]
    assert images, "the figures are in the PDF, read from the storage"


def test_the_public_tier_gets_the_teaser_only_never_a_section_for_professionals(article):
    with translation.override("en"):
        text = pdf_text(pdf.render_body(article, Tier.PUBLIC))
    assert "Sectiontext 0" in text
    assert "Sectiontext 1" not in text and "Sectiontext 2" not in text
    assert "Figure" not in text, "figures are for professionals, even in a public section"
    assert "Sections and figures for verified health professionals are not included." in text


def test_the_footer_names_source_version_date_and_the_reader_on_every_page(verified_client, article):
    response = download(verified_client, article.url)
    pages = pdf_pages(response.content)
    for number, page in enumerate(pages, start=1):
        assert "For the personal use of Dana Doc" in page
        assert f"http://testserver{article.url}versions/1/" in page
        assert "Version 1" in page and "Downloaded on" in page
        assert f"Page {number} of {len(pages)}" in page


def test_two_readers_get_their_own_footers_on_the_same_body_laid_out_once(
    verified_client, colleague, article, monkeypatch
):
    layouts = []
    render_body = pdf.render_body
    monkeypatch.setattr(pdf, "render_body", lambda page, tier: layouts.append(tier) or render_body(page, tier))
    other = Client()
    other.force_login(colleague)
    dana = pdf_pages(download(verified_client, article.url).content)
    cem = pdf_pages(download(other, article.url).content)
    assert "Dana Doc" in dana[0] and "Cem Colleague" not in "".join(dana)
    assert "Cem Colleague" in cem[0] and "Dana Doc" not in "".join(cem)
    assert without_lines_naming(dana, ["Dana Doc"]) == without_lines_naming(cem, ["Cem Colleague"])
    assert layouts == [Tier.PROFESSIONAL], "the body is laid out once and kept for the tier"


def test_a_publish_retires_the_kept_body(verified_client, article):
    assert "Sectiontext 1 changed" not in pdf_text(download(verified_client, article.url).content)
    publish_change(
        article, ChangeKind.CORRECTION, "Typo.", replace_in_section(1, "Sectiontext 1", "Sectiontext 1 changed")
    )
    text = pdf_text(download(verified_client, article.url).content)
    assert "Sectiontext 1 changed" in text and "Version 2" in text


@pytest.mark.parametrize("who", ["anonymous", "unverified"])
def test_readers_who_are_not_verified_get_the_gate_not_the_pdf(client, plain_user, article, who):
    if who == "unverified":
        client.force_login(plain_user)
    response = client.get(f"{article.url}pdf/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert "for verified health professionals" in response.content.decode()


def test_an_article_behind_a_view_restriction_has_no_pdf(verified_client, article):
    restriction = PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Nobody's group"))
    assert verified_client.get(f"{article.url}pdf/").status_code == 404


def test_no_pdf_for_an_address_that_is_no_article(verified_client):
    assert verified_client.get("/en/no-such-article/pdf/").status_code == 404


def test_the_german_pdf_is_german_throughout(verified_client):
    page = cno("de")
    text = pdf_text(download(verified_client, page.url).content)
    for german in ("Literatur", "Für den persönlichen Gebrauch von Dana Doc", "Seite 1 von", "Quelle", "Abgerufen am"):
        assert german in text
    for english in ("Literature", "For the personal use", "Page 1", "Source", "Downloaded", "Last updated", "Authors"):
        assert english not in text


def test_figures_come_from_the_storage_and_no_other_address_is_fetched(article):
    fetcher = pdf.StorageFetcher()
    for url in ("http://127.0.0.1:9/x.png", "file:///etc/passwd", "https://medlex.invalid/static/x.css"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    with translation.override("en"):
        html = pdf.body_html(article, Tier.PROFESSIONAL)
    src = html.split('<img src="')[1].split('"')[0]
    assert src.startswith("/media/")
    assert fetcher.fetch(pdf.BASE_URL + src.lstrip("/")).read()[:4] == b"\x89PNG"
