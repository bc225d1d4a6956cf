"""No API answer that depends on the caller may be kept by a shared cache.

A verified reader's article (gated sections open) or an answer shaped by the
caller's groups must not be stored by nginx, a corporate proxy or the browser's
disk cache and handed to the next caller. Every API answer is ``Cache-Control:
private, no-store``, errors included; only the OpenAPI document and the docs
page, which are the same for everyone, are public.
"""

import re

import pytest
from django.test import Client

from articles.tests.helpers import cno
from functions.tests.helpers import kostik_api_body

pytestmark = pytest.mark.django_db

KOSTIK_BODY = kostik_api_body(crp=5.5, crp_unit="mg/dL", femur=True, band_neutrophils=180)


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def every_get_operation(client):
    """Every GET path of the OpenAPI document, with real values for its parameters, and an error case of each."""
    spec = client.get("/api/v1/openapi.json").json()
    values = {"article_id": str(cno("en").pk), "code": "M86.9"}
    urls = []
    for template, operations in spec["paths"].items():
        if "get" not in operations:
            continue
        path = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)
        urls.append(path + "?q=CNO&lang=en")
        urls.append(path + "?lang=xx")  # 400
    return urls + ["/api/v1/articles/2147483647", "/api/v1/no-such-path"]


@pytest.fixture
def callers(verified_user):
    verified = Client()
    verified.force_login(verified_user)
    return {"anonymous": Client(), "verified": verified}


def test_every_api_answer_to_every_caller_is_private_and_not_stored(callers):
    urls = every_get_operation(callers["anonymous"])
    assert len(urls) >= 14
    statuses = set()
    for kind, client in callers.items():
        for url in urls:
            response = client.get(url)
            statuses.add(response.status_code)
            assert {"private", "no-store"} <= directives(response), f"{kind} {url}: {response.get('Cache-Control')}"
            assert "public" not in directives(response)
    assert {200, 400, 404} <= statuses


def test_an_evaluated_function_is_private_and_not_stored(verified_client):
    response = verified_client.post("/api/v1/functions/kostik-nbo-score", KOSTIK_BODY, content_type="application/json")
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_the_article_answer_differs_by_caller_so_a_shared_copy_would_leak(callers):
    url = f"/api/v1/articles/{cno('en').pk}"
    anonymous, verified = (callers[kind].get(url) for kind in ("anonymous", "verified"))
    assert anonymous.content != verified.content
    assert {"private", "no-store"} <= directives(anonymous) and {"private", "no-store"} <= directives(verified)


def test_the_openapi_document_is_public_because_it_is_the_same_for_everyone(callers):
    answers = [client.get("/api/v1/openapi.json") for client in callers.values()]
    assert answers[0].content == answers[1].content
    for response in answers:
        assert "public" in directives(response) and "private" not in directives(response)
        assert "Set-Cookie" not in response
