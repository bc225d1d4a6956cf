"""The ICD-10 catalogue pages and the code endpoint of the API."""

import pytest

pytestmark = pytest.mark.django_db


def test_catalogue_lists_the_chapters_in_both_languages(client):
    for url in ("/de/icd10/", "/en/icd10/"):
        html = client.get(url).content.decode()
        assert 'href="' + url + 'XIII/"' in html


def test_a_code_page_shows_its_description_place_and_articles(client):
    html = client.get("/en/icd10/M86.9/").content.decode()
    assert "Osteomyelitis, unspecified" in html
    assert 'href="/en/icd10/XIII/"' in html and 'href="/en/icd10/M86/"' in html
    assert "CNO syndrome" in html


def test_a_chapter_page_lists_articles_coded_anywhere_beneath_it(client):
    html = client.get("/de/icd10/XIII/").content.decode()
    assert "CNO-Syndrom" in html and "SAPHO-Syndrom" in html and "Ewing-Sarkom" not in html


def test_other_spellings_redirect_and_unknown_codes_are_not_found(client):
    response = client.get("/en/icd10/m869/")
    assert response.status_code == 301 and response["Location"] == "/en/icd10/M86.9/"
    assert client.get("/en/icd10/Z99.99.9/").status_code == 404


def test_catalogue_search_by_code_and_description(client):
    assert "M86.9" in client.get("/en/icd10/", {"q": "m869"}).content.decode()
    assert "Ewing" not in client.get("/en/icd10/", {"q": "osteomyelitis"}).content.decode()
    assert "Osteomyelitis, unspecified" in client.get("/en/icd10/", {"q": "osteomyelitis unspec"}).content.decode()


def test_code_api(client):
    data = client.get("/api/v1/icd10/m869", {"lang": "en"}).json()
    assert data["code"] == "M86.9" and data["parent"] == "M86"
    assert [a["code"] for a in data["ancestors"]][:1] == ["XIII"]
    assert [a["title"] for a in data["articles"]] == ["CNO syndrome"]
    missing = client.get("/api/v1/icd10/zzz", {"lang": "en"})
    assert missing.status_code == 404 and "not an ICD-10 code" in missing.json()["error"]
    assert client.get("/api/v1/icd10/" + "M" * 50).status_code == 400
