"""Personal API tokens: made on the account page, shown once, honoured only while their owner is verified.

The token is a bearer credential for the JSON API (and the MCP server,
api/tests/test_mcp_server.py); everything it may see is decided as for its owner's
session, on every request.
"""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.utils import timezone

from accounts.states import verified_group
from accounts.tests.conftest import make_reader
from articles.tests.helpers import cno, therapy_is_open
from functions.tests.helpers import kostik_api_body
from tokens import services
from tokens.models import ApiToken, Scope
from tokens.tests.conftest import bearer

pytestmark = pytest.mark.django_db

PAGE = "/en/accounts/tokens/"
KOSTIK = "/api/v1/functions/kostik-nbo-score?lang=en"


def gated_sections_open(response):
    assert response.status_code == 200, response.content
    return [s["html"] is not None for s in response.json()["sections"] if s["access"] == "professional"]


def article(token):
    return Client().get(f"/api/v1/articles/{cno().pk}", **bearer(token))


def run_kostik(token, client=None):
    return (client or Client()).post(
        KOSTIK, json.dumps(kostik_api_body()), content_type="application/json", **bearer(token)
    )


# The account page.


def test_a_verified_reader_creates_a_token_and_sees_it_once_while_only_its_digest_is_stored(reader):
    client = Client()
    client.force_login(reader("verified"))
    response = client.post(PAGE, {"name": "Ward laptop", "scope": "read+run", "days": "90"})
    assert response.status_code == 200
    token = re.search(r"mlx_[0-9a-f]{12}_[\w-]{43}", response.content.decode()).group(0)
    assert "no-store" in response["Cache-Control"]
    row = ApiToken.objects.get()
    assert (row.name, row.scope) == ("Ward laptop", Scope.READ_RUN)
    assert row.secret_digest == services.digest(token) and token.split("_")[2] not in row.secret_digest
    assert abs(row.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    listing = client.get(PAGE).content.decode()
    assert "Ward laptop" in listing and "Read and run functions" in listing and "never" in listing
    assert token not in listing, "the token is shown only once"
    assert gated_sections_open(article(token)) and all(gated_sections_open(article(token)))


@pytest.mark.parametrize("days", ["366", "400", "0", "x"])
def test_a_token_lives_one_year_at_most_and_a_bad_choice_creates_nothing(reader, days):
    client = Client()
    client.force_login(reader("verified"))
    response = client.post(PAGE, {"name": "Forever", "scope": "read", "days": days})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_name_and_a_known_scope(reader):
    client = Client()
    client.force_login(reader("verified"))
    assert client.post(PAGE, {"name": "  ", "scope": "read", "days": "30"}).status_code == 400
    assert client.post(PAGE, {"name": "Laptop", "scope": "admin", "days": "30"}).status_code == 400
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("kind", ["email_unconfirmed", "under_review", "rejected", "expired"])
def test_a_reader_who_is_not_verified_gets_no_form_and_cannot_create_a_token(reader, kind):
    client = Client()
    client.force_login(reader(kind))
    page = client.get(PAGE).content.decode()
    assert "API tokens are for verified health professionals" in page and 'name="name"' not in page
    client.post(PAGE, {"name": "Sneaky", "scope": "read+run", "days": "30"})
    assert not ApiToken.objects.exists()


def test_the_token_page_needs_a_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_reader_revokes_a_token_and_it_is_refused_from_then_on(token_of):
    row, token = token_of("verified")
    assert article(token).status_code == 200
    client = Client()
    client.force_login(row.user)
    response = client.post(f"/en/accounts/tokens/{row.public_id}/revoke/")
    assert response.status_code == 302
    refused = article(token)
    assert refused.status_code == 401 and refused.json() == {"error": "The token has been revoked.", "details": []}
    assert "revoked" in client.get(PAGE).content.decode()


def test_nobody_revokes_someone_elses_token(token_of):
    row, token = token_of("verified")
    other, _ = token_of("verified")
    client = Client()
    client.force_login(other.user)
    assert client.post(f"/en/accounts/tokens/{row.public_id}/revoke/").status_code == 404
    assert client.get(f"/en/accounts/tokens/{row.public_id}/revoke/").status_code == 405
    assert article(token).status_code == 200


# The API.


def test_a_verification_that_is_revoked_disables_every_token_of_the_reader_at_once(token_of):
    row, token = token_of("verified")
    second = services.create(row.user, "phone", Scope.READ, 30)[1]
    assert article(token).status_code == article(second).status_code == 200
    row.user.groups.remove(verified_group())
    for each in (token, second):
        response = article(each)
        assert response.status_code == 401
        assert response.json()["error"] == "The token's owner is not a verified health professional at present."
        assert response["WWW-Authenticate"].startswith("Bearer ")


def test_an_expired_token_is_refused(token_of):
    row, token = token_of("verified")
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert article(token).json() == {"error": "The token has expired.", "details": []}


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer mlx_", "Bearer something-else", "Bearer mlx_000000000000_wrong", "bearer mlx_x_y"],
)
def test_a_token_that_is_not_one_of_ours_answers_401_and_not_a_lesser_answer(client, header):
    response = client.get(f"/api/v1/articles/{cno().pk}", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401 and set(response.json()) == {"error", "details"}


def test_a_token_with_a_wrong_secret_is_refused_though_its_id_exists(token_of):
    row, token = token_of("verified")
    assert article(token[:-1] + ("A" if token[-1] != "A" else "B")).status_code == 401


def test_a_read_token_may_not_run_functions_and_says_why(token_of):
    _, token = token_of("verified", scope=Scope.READ)
    response = run_kostik(token)
    assert response.status_code == 403
    assert (
        response.json()["error"] == "This token may only read. Create a token with the scope read+run to run functions."
    )


def test_a_read_and_run_token_runs_a_function_without_a_csrf_token_while_a_session_still_needs_one(token_of):
    row, token = token_of("verified", scope=Scope.READ_RUN)
    browser = Client(enforce_csrf_checks=True)
    assert run_kostik(token, browser).status_code == 200
    browser.force_login(row.user)
    without_token = browser.post(KOSTIK, json.dumps(kostik_api_body()), content_type="application/json")
    assert without_token.status_code == 403 and "CSRF" in without_token.json()["error"]


def test_a_token_wins_over_the_session_it_comes_with(token_of, reader):
    """A request with a session of an unverified reader and a verified reader's token is answered as the token's owner."""
    _, token = token_of("verified")
    browser = Client()
    browser.force_login(reader("under_review"))
    assert all(gated_sections_open(browser.get(f"/api/v1/articles/{cno().pk}", **bearer(token))))


@override_settings(MEDLEX_TOKEN_RATE_LIMIT=(3, 60))
def test_a_token_over_its_limit_answers_429_with_retry_after_and_other_tokens_go_on(token_of):
    _, token = token_of("verified")
    _, other = token_of("verified")
    assert [article(token).status_code for _ in range(3)] == [200, 200, 200]
    refused = article(token)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["error"].startswith("Too many requests with this token: at most 3 in 60 seconds.")
    assert article(other).status_code == 200


def test_the_last_use_is_recorded_at_most_once_a_minute(token_of, django_assert_num_queries):
    row, token = token_of("verified")
    assert article(token).status_code == 200
    first = ApiToken.objects.get(pk=row.pk).last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=10)
    assert article(token).status_code == 200
    assert ApiToken.objects.get(pk=row.pk).last_used_at == first, "not written again within the minute"
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=first - timedelta(minutes=2))
    assert article(token).status_code == 200
    assert ApiToken.objects.get(pk=row.pk).last_used_at > first


def test_the_openapi_document_declares_the_bearer_scheme_next_to_the_session(client):
    spec = client.get("/api/v1/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"]["type"] == "http" and schemes["ApiTokenAuth"]["scheme"] == "bearer"
    assert schemes["SessionAuth"]["in"] == "cookie"
    evaluate = spec["paths"]["/api/v1/functions/{slug}"]["post"]
    assert evaluate["security"] == [{"ApiTokenAuth": []}, {"SessionAuth": []}]
    assert {} in spec["paths"]["/api/v1/articles"]["get"]["security"], "anonymous callers are answered too"


# Pages.


def test_a_page_ignores_a_bearer_token_and_is_served_as_to_anyone(token_of):
    _, token = token_of("verified")
    response = Client().get(cno().url, **bearer(token))
    assert response.status_code == 200
    assert not therapy_is_open(response.content.decode())
    assert article(token).status_code == 200, "positive control: the same token opens the API"


def test_deleting_the_account_deletes_its_tokens(token_of):
    row, token = token_of("verified")
    row.user.delete()
    assert not ApiToken.objects.exists()
    assert article(token).status_code == 401


def test_an_editor_may_hold_tokens_as_editors_read_gated_content(django_user_model):
    editor = make_reader(django_user_model, "editor")
    assert Group.objects.filter(name="Editors", user=editor).exists()
    _, token = services.create(editor, "desk", Scope.READ, 30)
    assert all(gated_sections_open(article(token)))
