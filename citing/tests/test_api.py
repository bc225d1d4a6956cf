"""The citation and the PDF of an article in the API: files for verified professionals, clear errors for the rest."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from articles.tests.helpers import cno
from citing.tests.helpers import pdf_text
from references import importing

pytestmark = pytest.mark.django_db


def citation_url(page, fmt):
    return f"/api/v1/articles/{page.pk}/citation?format={fmt}"


@pytest.mark.parametrize(
    ("fmt", "media_type", "suffix"),
    [
        ("ris", "application/x-research-info-systems", "ris"),
        ("bibtex", "application/x-bibtex", "bib"),
        ("csl-json", "application/vnd.citationstyles.csl+json", "json"),
    ],
)
def test_each_file_format_is_a_download_that_reads_back(verified_client, fmt, media_type, suffix):
    page = cno("en")
    response = verified_client.get(citation_url(page, fmt))
    assert response.status_code == 200 and response["Content-Type"] == media_type
    assert response["Content-Disposition"].startswith("attachment;")
    [entry] = importing.read(f"x.{suffix}", response.content)
    assert entry["title"] == page.title and entry["url"].endswith(f"{page.url}versions/3/")


def test_vancouver_and_apa_are_plain_text_in_the_articles_language(verified_client):
    german = cno("de")
    vancouver = verified_client.get(citation_url(german, "vancouver"))
    assert vancouver.status_code == 200 and vancouver["Content-Type"] == "text/plain; charset=utf-8"
    assert "[zitiert " in vancouver.content.decode() and f"{german.url}versionen/3/" in vancouver.content.decode()
    apa = verified_client.get(citation_url(cno("en"), "apa")).content.decode()
    assert "(Version 3). medlex." in apa


@pytest.mark.parametrize("query", ["?format=endnote", "?format=", "", "?format=" + "x" * 5000])
def test_an_unknown_or_missing_format_is_a_400_that_names_the_formats(verified_client, query):
    response = verified_client.get(f"/api/v1/articles/{cno('en').pk}/citation{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] and body["details"][0]["field"] == "format"
    if query == "?format=endnote":
        assert body["error"] == "Unknown citation format. Choose one of: ris, bibtex, csl-json, vancouver, apa."


def test_the_pdf_carries_the_callers_name(verified_client):
    response = verified_client.get(f"/api/v1/articles/{cno('en').pk}/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "For the personal use of Dana Doc" in pdf_text(response.content)


@pytest.mark.parametrize("tail", ["citation?format=ris", "pdf"])
def test_anonymous_callers_get_401_and_unverified_403(client, plain_user, tail):
    url = f"/api/v1/articles/{cno('en').pk}/{tail}"
    assert client.get(url).status_code == 401
    unverified = Client()
    unverified.force_login(plain_user)
    response = unverified.get(url)
    assert response.status_code == 403 and "verified health professionals" in response.json()["error"]


@pytest.mark.parametrize("tail", ["citation?format=ris", "pdf"])
def test_an_unknown_or_restricted_article_is_404(verified_client, tail):
    page = cno("en")
    assert verified_client.get(f"/api/v1/articles/999999/{tail}").status_code == 404
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Nobody's group"))
    assert verified_client.get(f"/api/v1/articles/{page.pk}/{tail}").status_code == 404


def test_the_openapi_document_declares_both_operations_and_their_file_types(client):
    spec = client.get("/api/v1/openapi.json").json()
    citation = spec["paths"]["/api/v1/articles/{article_id}/citation"]["get"]
    assert set(citation["responses"]) >= {"200", "400", "401", "403", "404"}
    assert "application/x-research-info-systems" in citation["responses"]["200"]["content"]
    pdf = spec["paths"]["/api/v1/articles/{article_id}/pdf"]["get"]
    assert "application/pdf" in pdf["responses"]["200"]["content"]
