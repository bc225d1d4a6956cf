"""Every API answer is one the OpenAPI document declares, and none is a server error.

A client (or an attacker probing for a stack trace) that sends an extreme number,
a wrong path or a missing parameter gets a declared status with the declared JSON
body: ``{"error", "details"}`` for 400 and 404, never Django's HTML page or a 500.
The schema test generates requests from ``/api/v1/openapi.json`` and sends them
through Django's whole request path in this process, once anonymously and once
as a verified reader (session cookie, and the CSRF token for the POSTs).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from articles.tests.helpers import cno
from functions.tests.helpers import kostik_api_body

pytestmark = pytest.mark.django_db

ERROR_KEYS = {"error", "details"}


def error_body(response):
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert set(body) == ERROR_KEYS and isinstance(body["details"], list)
    return body


def test_an_offset_beyond_any_database_integer_is_a_clear_400(client):
    response = client.get("/api/v1/articles?offset=9223372036854775808")
    assert response.status_code == 400
    assert error_body(response)["details"][0]["field"] == "offset"


def test_an_article_id_of_21_digits_is_a_clear_400(client):
    response = client.get("/api/v1/articles/123456789012345678901")
    assert response.status_code == 400
    assert error_body(response)["details"][0]["field"] == "article_id"


def test_the_largest_offset_allowed_answers_an_empty_page(client):
    response = client.get("/api/v1/articles?offset=2147483647")
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing", "/api/v1/articles/abc", "/api/v1/articles/", "/api/v2/articles", "/api/"]
)
def test_a_malformed_api_path_answers_the_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert error_body(response) == {"error": "Not found.", "details": []}


def test_a_post_to_a_malformed_api_path_is_a_json_404_not_a_csrf_page(client):
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/no-such-thing", data="{}", content_type="application/json"
    )
    assert response.status_code == 404
    assert error_body(response)["error"] == "Not found."


@pytest.mark.parametrize("operation", ["/api/v1/search", "/api/v1/suggest"])
def test_the_query_is_declared_as_required_and_missing_it_is_a_400(client, operation):
    spec = client.get("/api/v1/openapi.json").json()
    q = next(p for p in spec["paths"][operation]["get"]["parameters"] if p["name"] == "q")
    assert q["required"] is True
    assert q["schema"]["minLength"] == 1 and q["schema"]["maxLength"] == 200
    response = client.get(operation + "?lang=en")
    assert response.status_code == 400
    assert error_body(response)["details"] == [{"field": "q", "message": "Field required"}]


def test_every_operation_declares_the_error_body_for_each_error_it_answers(client):
    spec = client.get("/api/v1/openapi.json").json()
    # Every operation answers 401 to a token that is not honoured and 429 to one over its limit (api.auth).
    expected = {
        ("/api/v1/articles", "get"): {"200", "400", "401", "429"},
        ("/api/v1/articles/{article_id}", "get"): {"200", "400", "401", "404", "429"},
        ("/api/v1/articles/{article_id}/citation", "get"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/articles/{article_id}/pdf", "get"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/functions", "get"): {"200", "400", "401", "429"},
        ("/api/v1/functions/{slug}", "post"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/icd10/{code}", "get"): {"200", "400", "401", "404", "429"},
        ("/api/v1/me/bookmarks", "get"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/me/bookmarks", "post"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/me/bookmarks/{bookmark_id}", "patch"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/me/bookmarks/{bookmark_id}", "delete"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/me/collections", "get"): {"200", "401", "403", "429"},
        ("/api/v1/me/collections", "post"): {"200", "400", "401", "403", "429"},
        ("/api/v1/me/collections/{collection_id}", "patch"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/me/collections/{collection_id}", "delete"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/me/following", "get"): {"200", "401", "403", "429"},
        ("/api/v1/me/following", "post"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/me/following/frequency", "put"): {"200", "400", "401", "403", "429"},
        ("/api/v1/me/following/{article_id}", "delete"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/me/notes", "get"): {"200", "400", "401", "403", "429"},
        ("/api/v1/me/notes", "post"): {"201", "400", "401", "403", "429"},
        ("/api/v1/me/notes/{note_id}", "put"): {"200", "400", "401", "403", "404", "429"},
        ("/api/v1/me/notes/{note_id}", "delete"): {"204", "400", "401", "403", "404", "429"},
        ("/api/v1/me/offline", "get"): {"200", "401", "403", "429"},
        ("/api/v1/me/recent", "get"): {"200", "400", "401", "403", "429"},
        ("/api/v1/me/recent", "delete"): {"204", "400", "401", "403", "429"},
        ("/api/v1/me/recent/settings", "get"): {"200", "400", "401", "403", "429"},
        ("/api/v1/me/recent/settings", "put"): {"200", "400", "401", "403", "429"},
        ("/api/v1/search", "get"): {"200", "400", "401", "429"},
        ("/api/v1/suggest", "get"): {"200", "400", "401", "429"},
    }
    declared = {
        (path, method): set(operation["responses"])
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    }
    assert declared == expected
    for (path, method), statuses in declared.items():
        for status in {status for status in statuses if not status.startswith("2")}:
            schema = spec["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, method, status)


# The schema test.

# Few examples per operation and a fixed seed: the run is the same every time and
# both callers together stay well under a minute on a small machine.
# Schema-valid input the API still refuses with a declared 400 (a query without
# letters or digits, a body that fails a function's own rules) is not a defect, so
# the check that expects every schema-valid request to succeed is left out.
SCHEMA_TEST_CONFIG = {
    "generation": {"max-examples": 12, "deterministic": True, "database": "none", "mode": "all"},
    "phases": {"stateful": {"enabled": False}},
    "checks": {"positive_data_acceptance": {"enabled": False}},
}


def in_process_app():
    """Django's WSGI application, keeping the test's database connection between requests as Django's test client does.

    Django closes old connections when a request starts and finishes; inside a test
    that would end the transaction holding the test's data.
    """
    handler = get_wsgi_application()

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = handler(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return app


# The document is read from the application itself, as a client reads it.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    in_process_app(),
    config=schemathesis.config.SchemathesisConfig.from_dict(SCHEMA_TEST_CONFIG),
)


@pytest.fixture
def verified_caller(verified_user):
    """A verified reader's session cookie, and a CSRF secret in the cookie with the same value in the header."""
    client = Client()
    client.force_login(verified_user)
    csrf = "k" * 32
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf},
        "headers": {"X-CSRFToken": csrf},
    }


@schemathesis.check
def caller_dependent_answers_are_never_stored(ctx, response, case):
    cache_control = {part.strip() for part in response.headers.get("cache-control", [""])[0].split(",")}
    assert {"private", "no-store"} <= cache_control, f"Cache-Control: {sorted(cache_control)}"


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_every_api_answer_to_an_anonymous_caller_is_declared_and_none_is_a_server_error(case):
    case.call_and_validate(additional_checks=[caller_dependent_answers_are_never_stored])


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_every_api_answer_to_a_verified_reader_is_declared_and_none_is_a_server_error(case, verified_caller):
    case.call_and_validate(**verified_caller, additional_checks=[caller_dependent_answers_are_never_stored])


def test_the_schema_tests_verified_caller_reads_gated_sections_and_evaluates_functions(verified_caller):
    """Positive control: through the same transport, the verified caller is logged in and passes the CSRF check."""
    article = schema["/api/v1/articles/{article_id}"]["GET"].Case(path_parameters={"article_id": cno().pk})
    sections = article.call(**verified_caller).json()["sections"]
    assert any(not s["locked"] for s in sections if s["access"] == "professional")
    body = kostik_api_body(crp=5.5, crp_unit="mg/dL", femur=True, band_neutrophils=180)
    evaluation = schema["/api/v1/functions/{slug}"]["POST"].Case(
        path_parameters={"slug": "kostik-nbo-score"}, body=body
    )
    assert evaluation.call(**verified_caller).status_code == 200
    assert evaluation.call().status_code == 401
    assert evaluation.call(cookies=verified_caller["cookies"]).status_code == 403  # no CSRF header
