"""The CDS Hooks 2.0 service as an EHR calls it: discovery, the spec's patient-view call, and hostile calls.

Every call is signed the way an EHR signs it (ES384 or RS384, PyJWT); the JWKS
client fetches the EHR's keys from a real HTTP server on 127.0.0.1.
"""

import http.server
import json
import threading
import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.core.cache import cache

from articles.models import ArticlePage
from pointofcare import cds
from search import corpus

pytestmark = pytest.mark.django_db

SERVICE_URL = "http://testserver/cds-services/medlex-patient-view"
EHR = "https://ehr.example.org"
JWKS_EHR = "https://jwks-ehr.example.org"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
ICD10_GM = "http://fhir.de/CodeSystem/bfarm/icd-10-gm"
SNOMED = "http://snomed.info/sct"
EC_KEY = ec.generate_private_key(ec.SECP384R1())
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
STRANGER_KEY = ec.generate_private_key(ec.SECP384R1())


def public_pem(key):
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


@pytest.fixture(autouse=True)
def clients(settings):
    cache.clear()  # used token ids of earlier tests
    settings.MEDLEX_CDS_HOOKS_CLIENTS = {EHR: {"public_key": public_pem(EC_KEY)}}
    return settings


def token(key=EC_KEY, algorithm="ES384", headers=None, **claims):
    now = int(time.time())
    payload = {
        "iss": EHR,
        "sub": "client-1",
        "aud": SERVICE_URL,
        "iat": now,
        "exp": now + 120,
        "jti": str(uuid.uuid4()),
    }
    payload.update(claims)
    payload = {name: value for name, value in payload.items() if value is not None}
    return jwt.encode(payload, key, algorithm=algorithm, headers=headers)


def condition(code, system=ICD10, patient="1288992", status="active", display=None, text=None):
    resource = {
        "resourceType": "Condition",
        "id": str(uuid.uuid4())[:8],
        "clinicalStatus": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": status}]
        },
        "code": {"coding": [{"system": system, "code": code, **({"display": display} if display else {})}]},
        "subject": {"reference": f"Patient/{patient}"},
    }
    if text:
        resource["code"]["text"] = text
    return resource


def call(*conditions, prefetch=True):
    """The spec's example patient-view request, with the patient's conditions as prefetch."""
    body = {
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "fhirServer": "http://hooks.smarthealthit.org:9080",
        "hook": "patient-view",
        "context": {"userId": "Practitioner/example", "patientId": "1288992"},
    }
    if prefetch:
        body["prefetch"] = {
            "conditions": {
                "resourceType": "Bundle",
                "type": "searchset",
                "entry": [{"resource": resource} for resource in conditions],
            }
        }
    return body


def post(client, body, bearer=None, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {bearer if bearer is not None else token()}"}
    data = raw if raw is not None else json.dumps(body)
    return client.post("/cds-services/medlex-patient-view", data, content_type="application/json", **headers)


def test_discovery_names_the_patient_view_service_and_its_prefetch(client):
    response = client.get("/cds-services")
    assert response.status_code == 200
    (service,) = response.json()["services"]
    assert service["hook"] == "patient-view" and service["id"] == "medlex-patient-view"
    assert service["title"] and service["description"]
    assert service["prefetch"] == {"conditions": "Condition?patient={{context.patientId}}&clinical-status=active"}


def test_a_patient_with_cno_gets_the_article_and_its_clinical_tools_as_cards(client):
    response = post(client, call(condition("M86.96", ICD10_GM)))
    assert response.status_code == 200, response.content
    cards = response.json()["cards"]
    article, *tools = cards
    assert article["summary"] == "CNO syndrome" and article["indicator"] == "info"
    assert article["source"]["label"] == "medlex"
    assert article["links"] == [
        {"label": "Read the article", "url": "http://testserver/en/cno-syndrome/", "type": "absolute"}
    ]
    assert "ICD-10: M86.9-" in article["detail"]
    teaser = " ".join(ArticlePage.objects.get(slug="cno-syndrome").public_text().split())
    assert teaser.startswith(article["detail"].split("\n\n", 1)[1].removesuffix("…"))
    assert {card["links"][0]["url"] for card in tools} == {
        "http://testserver/en/functions/kostik-nbo-score/",
        "http://testserver/en/functions/jansson-nbo-score/",
        "http://testserver/en/functions/bristol-crmo-criteria/",
        "http://testserver/en/functions/cno-exclusion-workup/",
    }
    assert all(card["links"][0]["type"] == "absolute" and "ICD-10: M86.9, M86.3" in card["detail"] for card in tools)
    assert all(len(card["summary"]) <= 140 for card in cards)
    assert all(uuid.UUID(card["uuid"]) for card in cards)


def test_german_readers_get_the_german_edition(client):
    response = post(client, call(condition("M86.9")), bearer=token())
    assert response.json()["cards"][0]["summary"] == "CNO syndrome"
    response = client.post(
        "/cds-services/medlex-patient-view",
        json.dumps(call(condition("M86.9"))),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token()}",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    cards = response.json()["cards"]
    assert cards[0]["summary"] == "CNO-Syndrom" and cards[0]["links"][0]["url"] == "http://testserver/de/cno-syndrom/"
    assert cards[0]["links"][0]["label"] == "Artikel lesen"


def test_only_active_diagnoses_of_this_patient_count_and_uncoded_ones_are_found_by_name(client):
    body = call(
        condition("M86.9", status="resolved"),
        condition("L40.3", patient="someone-else"),
        condition("238605005", SNOMED, display="Palmoplantar pustulosis"),
    )
    cards = post(client, body).json()["cards"]
    assert [card["summary"] for card in cards][:1] == ["Palmoplantar pustulosis"]
    assert "CNO syndrome" not in [card["summary"] for card in cards]


def test_a_patient_without_matching_problems_gets_no_cards(client):
    assert post(client, call(condition("J45.9"))).json() == {"cards": []}
    assert post(client, call()).json() == {"cards": []}


def test_missing_prefetch_is_answered_412_as_the_spec_provides(client):
    response = post(client, call(prefetch=False))
    assert response.status_code == 412 and "prefetch" in response.json()["error"]
    failed = {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "timeout"}]}
    for value in (None, failed):
        response = post(client, call() | {"prefetch": {"conditions": value}})
        assert response.status_code == 412 and "cards" not in response.json()


# --- who may call ----------------------------------------------------------------


def test_an_rs384_client_with_a_jwks_address_is_accepted(client, clients):
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(RSA_KEY.public_key()))
    jwk |= {"kid": "ehr-2026", "use": "sig", "alg": "RS384"}
    body = json.dumps({"keys": [jwk]}).encode()

    class Keys(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        clients.MEDLEX_CDS_HOOKS_CLIENTS = {JWKS_EHR: {"jwks_url": f"http://127.0.0.1:{server.server_port}/jwks.json"}}
        signed = token(RSA_KEY, "RS384", headers={"kid": "ehr-2026"}, iss=JWKS_EHR)
        response = post(client, call(condition("M86.9")), bearer=signed)
        assert response.status_code == 200 and response.json()["cards"][0]["summary"] == "CNO syndrome"
        stranger = token(STRANGER_KEY, "ES384", headers={"kid": "ehr-2026"}, iss=JWKS_EHR)
        assert post(client, call(condition("M86.9")), bearer=stranger).status_code == 401
    finally:
        server.shutdown()
        server.server_close()


HOSTILE_TOKENS = {
    "no token": ("", "Authorization"),
    "not a JWT": ("abc.def", "not a JWT"),
    "bad signature": (lambda: token(STRANGER_KEY), "signature"),
    "expired": (lambda: token(iat=int(time.time()) - 600, exp=int(time.time()) - 300), "expired"),
    "wrong audience": (lambda: token(aud="https://other.example.org/cds-services/x"), "another service"),
    "unknown issuer": (lambda: token(iss="https://intruder.example.org"), "not a registered client"),
    "no jti": (lambda: token(jti=None), "jti"),
    "no exp": (lambda: token(exp=None), "exp"),
    "valid for a day": (lambda: token(exp=int(time.time()) + 86400), "too long"),
    "HS256 with the public key as secret": (
        lambda: jwt.encode({"iss": EHR, "aud": SERVICE_URL}, "x" * 32, algorithm="HS256"),
        "ES384 or RS384",
    ),
    "unsigned": (lambda: jwt.encode({"iss": EHR, "aud": SERVICE_URL}, None, algorithm="none"), "ES384 or RS384"),
    "its own key in the header": (
        lambda: token(STRANGER_KEY, headers={"jku": "http://127.0.0.1:9/keys", "jwk": {"kty": "EC"}}),
        "signature",
    ),
}


@pytest.mark.parametrize("case", HOSTILE_TOKENS)
def test_a_hostile_token_is_refused_with_401_and_no_cards(client, case):
    bearer, message = HOSTILE_TOKENS[case]
    bearer = bearer() if callable(bearer) else bearer
    if case == "no token":
        response = client.post(
            "/cds-services/medlex-patient-view", json.dumps(call(condition("M86.9"))), content_type="application/json"
        )
    else:
        response = post(client, call(condition("M86.9")), bearer=bearer)
    assert response.status_code == 401
    assert message in response.json()["error"] and "cards" not in response.json()
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_is_used_once(client):
    signed = token()
    assert post(client, call(condition("M86.9")), bearer=signed).status_code == 200
    replay = post(client, call(condition("M86.9")), bearer=signed)
    assert replay.status_code == 401 and "used before" in replay.json()["error"]


# --- hostile bodies ------------------------------------------------------------------


def test_a_thousand_conditions_are_refused_before_any_parsing(client, monkeypatch):
    # The FHIR models are the expensive part of a call; a refused one never reaches them.
    parsed = []
    validate = cds.Bundle.model_validate
    monkeypatch.setattr(
        cds.Bundle, "model_validate", lambda *args, **kwargs: parsed.append(1) or validate(*args, **kwargs)
    )
    body = call(*[condition(f"M86.{n % 10}") for n in range(1000)])
    response = post(client, body)
    assert response.status_code == 400 and "at most 200" in response.json()["error"]
    assert parsed == []
    assert post(client, call(condition("M86.9"))).status_code == 200 and parsed == [1]


def test_two_hundred_conditions_are_answered_with_each_code_looked_up_once(client, django_assert_max_num_queries):
    body = call(*[condition("M86.9") for _ in range(150)], *[condition("L40.3") for _ in range(50)])
    with django_assert_max_num_queries(30):
        response = post(client, body)
    assert response.status_code == 200
    summaries = [card["summary"] for card in response.json()["cards"]]
    assert summaries[:2] == ["CNO syndrome", "Palmoplantar pustulosis"]


def test_two_hundred_different_codes_cost_a_bounded_number_of_lookups(client, django_assert_max_num_queries):
    codes = [entry.code for entry in corpus.codes()[:199]]
    assert len(set(codes)) > cds.MAX_CODE_LOOKUPS
    body = call(*[condition(code) for code in codes], condition("M86.9"))
    # one index lookup for the first MAX_CODE_LOOKUPS codes and their parents; none of them has an article
    with django_assert_max_num_queries(12):
        response = post(client, body)
    assert response.status_code == 200
    assert "CNO syndrome" not in [card["summary"] for card in response.json()["cards"]], "the 200th code is not read"


MALFORMED = {
    "not JSON": ("{", "not JSON"),
    "a list": ("[]", "JSON object"),
    "another hook": (json.dumps(call() | {"hook": "order-sign"}), "patient-view"),
    "no context": (json.dumps({k: v for k, v in call().items() if k != "context"}), "context"),
    "no hookInstance": (json.dumps({k: v for k, v in call().items() if k != "hookInstance"}), "hookInstance"),
    "prefetch is no Bundle": (json.dumps(call() | {"prefetch": {"conditions": {"resourceType": "Patient"}}}), "Bundle"),
    "a Condition without subject": (
        json.dumps(call({"resourceType": "Condition", "code": {"text": "x"}})),
        "not valid FHIR",
    ),
    "a code that is a number": (
        json.dumps(call(condition("M86.9") | {"code": {"coding": [{"system": ICD10, "code": 869}]}})),
        "not valid FHIR",
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_fhir_or_a_malformed_call_is_refused_with_400(client, case):
    raw, message = MALFORMED[case]
    response = post(client, None, raw=raw)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_the_service_answers_post_only_and_no_other_service_exists(client):
    assert client.get("/cds-services/medlex-patient-view").status_code == 405
    response = client.post(
        "/cds-services/other",
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token()}",
        follow=True,
    )
    assert response.status_code == 404
