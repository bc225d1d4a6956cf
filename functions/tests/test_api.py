"""The clinical functions in the JSON API: a public listing, evaluation for verified professionals only."""

import json
import logging

import pytest
from django.test import Client

from functions import registry
from functions.tests.helpers import COMPLETE_INPUTS, SLUGS, TELLTALE_BANDS, TELLTALE_CRP, kostik_api_body

pytestmark = pytest.mark.django_db

KOSTIK = "/api/v1/functions/kostik-nbo-score"


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_listing_is_public_and_describes_each_function_with_its_input_schema(client):
    data = client.get("/api/v1/functions?lang=en").json()
    assert data["count"] == 4
    assert [entry["slug"] for entry in data["results"]] == list(SLUGS)
    entry = data["results"][0]
    assert entry["title"].startswith("Kostik NBO diagnostic score")
    assert entry["citations"][0]["doi"] == "10.3389/fped.2023.1067206"
    assert entry["citations"][0]["pubmed_url"] == "https://pubmed.ncbi.nlm.nih.gov/37206973/"
    assert entry["icd10"] == ["M86.9", "M86.3"]
    crp = next(spec for spec in entry["inputs"] if spec["name"] == "crp")
    assert crp["type"] == "quantity" and crp["unit_field"] == "crp_unit"
    assert [unit["code"] for unit in crp["units"]] == ["mg/L", "mg/dL"]
    assert crp["minimum"] == 0 and crp["maximum"] == 1000
    assert entry["schema"]["required"] == [
        "crp",
        "crp_unit",
        "multifocal",
        "femur",
        "band_neutrophils",
        "band_neutrophils_unit",
    ]


def test_the_listing_speaks_german_by_default(client):
    entry = client.get("/api/v1/functions").json()["results"][1]
    assert entry["title"] == registry.get("jansson-nbo-score").title.de


@pytest.mark.parametrize(
    "changes, total, outcome",
    [
        ({}, 0, "nbo-not-favoured"),
        ({"crp": 55}, 56, "nbo-favoured"),
        ({"crp": 55.1}, 0, "nbo-not-favoured"),
        ({"crp": 5.5, "crp_unit": "mg/dL"}, 56, "nbo-favoured"),
        ({"multifocal": True}, 27, "nbo-favoured"),
        ({"femur": True}, 17, "nbo-not-favoured"),
        ({"band_neutrophils": 220}, 15, "nbo-not-favoured"),
        ({"band_neutrophils": 0.221, "band_neutrophils_unit": "10^9/L"}, 0, "nbo-not-favoured"),
        ({"femur": True, "band_neutrophils": 0.22, "band_neutrophils_unit": "10^9/L"}, 32, "nbo-favoured"),
        ({"crp": 12, "multifocal": True, "femur": True, "band_neutrophils": 100}, 115, "nbo-favoured"),
    ],
)
def test_kostik_through_the_api_with_the_published_points(verified_client, changes, total, outcome):
    response = post(verified_client, KOSTIK, kostik_api_body(**changes))
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == total == sum(item["points"] for item in data["items"])
    assert data["outcome"]["code"] == outcome
    assert data["range"] == {"min": 0, "max": 115}


def test_each_item_carries_its_points_and_the_conversion(verified_client):
    data = post(verified_client, KOSTIK + "?lang=en", kostik_api_body(crp=5.5, crp_unit="mg/dL")).json()
    crp = data["items"][0]
    assert crp == crp | {"key": "crp", "met": True, "points": 56, "max_points": 56, "detail": "5.5 mg/dL = 55 mg/L"}
    assert "does not rule out malignancy" in data["notes"][0]


@pytest.mark.parametrize(
    "slug, changes, expected",
    [
        ("jansson-nbo-score", {"crp": "1", "crp_unit": "mg/dL"}, {"total": 6}),
        ("jansson-nbo-score", {"crp": "10", "crp_unit": "mg/L"}, {"total": 6}),
        ("jansson-nbo-score", {"crp": "0.99", "crp_unit": "mg/dL"}, {"total": 0}),
        ("bristol-crmo-criteria", {"crp": "29.9"}, {"outcome": "met-criterion-1"}),
        ("bristol-crmo-criteria", {"crp": "30"}, {"outcome": "biopsy-required"}),
        ("bristol-crmo-criteria", {"crp": "3", "crp_unit": "mg/dL"}, {"outcome": "biopsy-required"}),
        ("cno-exclusion-workup", {}, {"outcome": "ready-for-classification"}),
        ("cno-exclusion-workup", {"symptom_duration": "5.9"}, {"outcome": "entry-not-met"}),
    ],
)
def test_boundaries_of_the_other_functions_through_the_api(verified_client, slug, changes, expected):
    response = post(verified_client, f"/api/v1/functions/{slug}", COMPLETE_INPUTS[slug] | changes)
    assert response.status_code == 200
    data = response.json()
    if "total" in expected:
        assert data["total"] == expected["total"]
    if "outcome" in expected:
        assert data["outcome"]["code"] == expected["outcome"]


def test_jansson_all_seven_findings_give_63_points(verified_client):
    body = dict.fromkeys(
        (
            "normal_blood_count",
            "symmetric_lesions",
            "marginal_sclerosis",
            "normal_temperature",
            "typical_location",
            "multiple_lesions",
        ),
        True,
    )
    data = post(
        verified_client, "/api/v1/functions/jansson-nbo-score", body | {"age": 10, "crp": 1, "crp_unit": "mg/dL"}
    ).json()
    assert data["total"] == 63 and data["outcome"]["code"] == "at-or-above-cutoff"
    assert [item["points"] for item in data["items"]] == [13, 10, 10, 9, 8, 7, 6]


def test_a_wrong_body_gets_one_message_per_wrong_field(verified_client):
    response = post(
        verified_client,
        KOSTIK + "?lang=en",
        {"crp": -1, "crp_unit": "mg/L", "multifocal": "perhaps", "femur": False, "band_neutrophils_unit": "mmol/L"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "Invalid input.",
        "details": [
            {"field": "band_neutrophils", "message": "Please enter a value."},
            {"field": "band_neutrophils_unit", "message": "Unknown unit. Allowed units: cells/µL, ×10⁹/L."},
            {"field": "crp", "message": "The value must be between 0 and 1000 mg/L."},
            {"field": "multifocal", "message": "Please answer yes or no."},
        ],
    }


def test_messages_are_german_by_default(verified_client):
    details = post(verified_client, KOSTIK, kostik_api_body(crp=None)).json()["details"]
    assert details == [{"field": "crp", "message": "Bitte einen Wert eingeben."}]


@pytest.mark.parametrize("body", ["not json", "[1, 2]"])
def test_a_body_that_is_not_a_json_object_is_refused(verified_client, body):
    response = verified_client.post(KOSTIK, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["details"][0]["field"] == "__all__"


def test_an_unknown_slug_is_404(verified_client):
    response = post(verified_client, "/api/v1/functions/no-such-score", {})
    assert response.status_code == 404
    assert response.json()["error"] == "Unknown function."


def test_anonymous_callers_get_401_and_no_result(client):
    response = post(client, KOSTIK, kostik_api_body(crp=12))
    assert response.status_code == 401
    assert set(response.json()) == {"error", "details"}


def test_unverified_callers_get_403_and_no_result(client, plain_user):
    client.force_login(plain_user)
    response = post(client, KOSTIK, kostik_api_body(crp=12))
    assert response.status_code == 403
    assert "total" not in response.json()


def test_editors_may_evaluate(admin_client):
    assert post(admin_client, KOSTIK, kostik_api_body()).status_code == 200


def test_a_browser_session_must_send_the_csrf_token(verified_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(verified_user)
    page = client.get("/en/functions/kostik-nbo-score/")
    token = page.cookies["csrftoken"].value
    assert client.post(KOSTIK, json.dumps(kostik_api_body()), content_type="application/json").status_code == 403
    response = client.post(
        KOSTIK, json.dumps(kostik_api_body()), content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200


def test_results_are_not_cached_and_values_not_logged(verified_client, caplog):
    caplog.set_level(logging.DEBUG)
    ok = post(verified_client, KOSTIK, kostik_api_body(crp=TELLTALE_CRP, band_neutrophils=TELLTALE_BANDS))
    bad = post(
        verified_client, KOSTIK, kostik_api_body(crp=TELLTALE_CRP, band_neutrophils=TELLTALE_BANDS, femur="maybe")
    )
    assert ok.status_code == 200 and {"private", "no-store"} <= set(ok["Cache-Control"].split(", "))
    assert bad.status_code == 400
    logged = caplog.text + "".join(str(record.__dict__) for record in caplog.records)
    assert "/api/v1/functions/kostik-nbo-score" in logged
    assert TELLTALE_CRP not in logged and TELLTALE_BANDS not in logged
    assert TELLTALE_CRP not in bad.content.decode()  # messages never repeat a value


def test_the_openapi_document_describes_the_body_of_every_function(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/functions/{slug}"]["post"]
    branches = operation["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
    assert [branch["title"] for branch in branches] == list(SLUGS)
    assert branches[0]["properties"]["crp_unit"]["enum"] == ["mg/L", "mg/dL"]
    assert "/api/v1/functions" in document["paths"]
