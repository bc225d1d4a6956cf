"""The articles API: what a client program gets, and what it never gets."""

import pytest

from articles.tests.helpers import cno

pytestmark = pytest.mark.django_db


def test_list_articles_in_english(client):
    response = client.get("/api/v1/articles?lang=en")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] >= 6
    entry = next(item for item in data["results"] if item["id"] == cno("en").id)
    assert entry["icd10"] == ["M86.9-"]
    assert entry["url"].startswith("/en/")
    assert entry["last_updated"]
    assert set(entry) == {"id", "title", "icd10", "url", "lang", "last_updated"}


def test_article_detail_for_anonymous_caller_locks_gated_sections(client):
    data = client.get(f"/api/v1/articles/{cno('en').id}?lang=en").json()
    assert data["icd10"] == ["M86.9-"]
    assert data["translations"]["de"].startswith("/de/")
    assert len(data["references"]) == 11
    assert data["references"][0]["pmid"] == "23071213"
    kinds = [s["kind"] for s in data["sections"]]
    for required in [
        "definition",
        "etiopathogenesis",
        "manifestation",
        "clinical_features",
        "diagnostics",
        "differential_diagnosis",
        "therapy",
    ]:
        assert required in kinds
    locked = [s for s in data["sections"] if s["locked"]]
    assert locked, "the demo article has gated sections"
    for section in locked:
        assert section["access"] == "professional"
        assert section["html"] is None and section["figures"] is None
    public = [s for s in data["sections"] if not s["locked"]]
    assert public and all(s["html"] for s in public)


def test_article_detail_for_verified_professional_has_all_text(verified_client):
    data = verified_client.get(f"/api/v1/articles/{cno('en').id}").json()
    assert all(not s["locked"] and s["html"] for s in data["sections"])
    assert any(s["figures"] for s in data["sections"])


def test_german_id_with_lang_en_answers_the_english_translation(client):
    data = client.get(f"/api/v1/articles/{cno('de').id}?lang=en").json()
    assert data["id"] == cno("en").id
    assert data["lang"] == "en"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles?lang=fr",
        "/api/v1/articles?limit=0",
        "/api/v1/articles?limit=abc",
        "/api/v1/articles?offset=-1",
    ],
)
def test_bad_parameters_answer_400_with_a_json_error(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["error"]
    assert response.json()["details"][0]["field"]


def test_unknown_article_answers_404_json(client):
    response = client.get("/api/v1/articles/999999")
    assert response.status_code == 404
    assert response.json()["error"] == "Not found."


def test_openapi_document_describes_every_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/articles" in document["paths"]
    assert "/api/v1/articles/{article_id}" in document["paths"]


def test_an_article_carries_its_last_update_and_review_dates(client):
    data = client.get(f"/api/v1/articles/{cno('en').id}").json()
    assert data["last_updated"].startswith("2026-06-22")
    assert data["medically_reviewed_on"] == "2026-06-15"
    assert data["literature_reviewed_through"] == "2026-05"
    assert data["next_review_due"] == "2027-06-15"
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["ArticleDetail"]["properties"]
    assert {"medically_reviewed_on", "literature_reviewed_through", "next_review_due"} <= set(schema)
