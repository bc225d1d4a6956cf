"""The MCP server at /mcp, through the official SDK's own client against a live server on loopback.

The server runs in its own process with the demo content (medlex.testing), as
``make run`` serves it; the client is ``mcp.client.streamable_http`` with the
token in the Authorization header, as a reader configures it in their program.
"""

import asyncio
import concurrent.futures
import json
import urllib.error
import urllib.request

import httpx2
import pytest
from mcp.client.session import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from functions.tests.helpers import TELLTALE_BANDS, TELLTALE_CRP, kostik_api_body
from medlex.testing import production_env, running_server

# One shell for everything the tests need: the CNO article's id and a token of each kind.
PREPARE = """
import json
from django.contrib.auth import get_user_model
from articles.tests.helpers import cno
from tokens import services
users = get_user_model().objects
verified, unverified = users.get(email="mcp-verified@example.org"), users.get(email="mcp-unverified@example.org")
revoked = services.create(verified, "old laptop", "read+run", 30)
services.revoke(revoked[0])
print(json.dumps({
    "article": cno("en").pk,
    "read": services.create(verified, "reader", "read", 30)[1],
    "run": services.create(verified, "calculator", "read+run", 30)[1],
    "unverified": services.create(unverified, "hopeful", "read+run", 30)[1],
    "revoked": revoked[1],
}))
"""


@pytest.fixture(scope="module")
def site():
    with running_server() as server:
        server.create_verified_user("mcp-verified@example.org", "a-long-test-password", "Vera", "Verified")
        server.create_user("mcp-unverified@example.org", "a-long-test-password", group="Readers")
        server.given = json.loads(server.shell(PREPARE).strip().splitlines()[-1])
        yield server


def with_session(server, token, work):
    """Run ``work(session)`` in an initialised MCP client session that sends ``token``."""

    async def run():
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        async with (
            httpx2.AsyncClient(headers=headers) as http,
            streamable_http_client(f"{server.url}/mcp", http_client=http) as streams,
            ClientSession(streams[0], streams[1]) as session,
        ):
            await session.initialize()
            return await work(session)

    # A thread of its own: a browser test earlier in the run may leave an event loop
    # running in this one, and asyncio.run refuses to start inside another loop.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, run()).result()


def call(server, token, tool, arguments):
    async def work(session):
        return await session.call_tool(tool, arguments)

    return with_session(server, token, work)


def refusal(server, token):
    """The message an SDK client gets when the server refuses its token."""
    with pytest.raises(BaseException) as refused:  # the SDK raises it inside a task group
        call(server, token, "list_functions", {})
    errors = refused.value.exceptions if isinstance(refused.value, BaseExceptionGroup) else [refused.value]
    while isinstance(errors[0], BaseExceptionGroup):
        errors = errors[0].exceptions
    assert isinstance(errors[0], MCPError), repr(refused.value)
    return str(errors[0])


def raw_post(server, token=None):
    """The status, headers and JSON body of a bare MCP request, as any HTTP client sees them."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}).encode()
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{server.url}/mcp", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read())


def test_the_sdk_client_lists_the_four_tools(site):
    async def work(session):
        return await session.list_tools()

    tools = {tool.name: tool for tool in with_session(site, site.given["read"], work).tools}
    assert set(tools) == {"search_articles", "get_article", "list_functions", "run_function"}
    assert "query" in tools["search_articles"].input_schema["properties"]


def test_search_finds_the_cno_article_by_its_abbreviation_and_by_its_code(site):
    for query in ("CNO", "M86.9"):
        result = call(site, site.given["read"], "search_articles", {"query": query, "lang": "en"})
        assert not result.is_error, result.content
        assert site.given["article"] in [hit["id"] for hit in result.structured_content["results"]]


def test_a_verified_owners_token_reads_the_gated_text_that_an_unverified_owners_token_never_gets(site):
    article = call(site, site.given["read"], "get_article", {"article_id": site.given["article"]}).structured_content
    assert article["url"].startswith(site.url + "/en/") and article["references"]
    gated = [s for s in article["sections"] if s["access"] == "professional"]
    assert gated and all(not s["locked"] and s["text"] for s in gated)
    gated_text = gated[0]["text"].splitlines()[0]
    public = urllib.request.urlopen(f"{site.url}/api/v1/articles/{site.given['article']}", timeout=20).read()
    assert gated_text not in public.decode(), "the text is gated: anonymous callers do not get it"

    message = refusal(site, site.given["unverified"])
    assert message == "The token's owner is not a verified health professional at present."
    status, headers, body = raw_post(site, site.given["unverified"])
    assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer ")
    assert gated_text not in json.dumps(body)


def test_a_read_and_run_token_runs_a_function_and_a_read_token_is_told_it_may_not(site):
    arguments = {"slug": "kostik-nbo-score", "inputs": kostik_api_body(multifocal=True), "lang": "en"}
    result = call(site, site.given["run"], "run_function", arguments)
    assert not result.is_error, result.content
    assert result.structured_content["total"] == 27
    assert result.structured_content["outcome"]["code"] == "nbo-favoured"
    refused = call(site, site.given["read"], "run_function", arguments)
    assert refused.is_error
    assert refused.content[0].text.endswith(
        "This token may only read. Create a token with the scope read+run to run functions."
    )


def test_a_functions_inputs_are_neither_logged_nor_repeated_in_an_error(site):
    inputs = kostik_api_body(crp=float(TELLTALE_CRP), band_neutrophils=-float(TELLTALE_BANDS))
    result = call(site, site.given["run"], "run_function", {"slug": "kostik-nbo-score", "inputs": inputs})
    assert result.is_error and "band_neutrophils" in result.content[0].text
    assert TELLTALE_BANDS not in result.content[0].text
    log = (site.workdir / "server.log").read_text()
    assert TELLTALE_CRP not in log and TELLTALE_BANDS not in log


def test_the_function_list_carries_each_input_schema(site):
    listed = call(site, site.given["read"], "list_functions", {"lang": "de"}).structured_content
    assert listed["count"] == 4 and all("schema" in entry for entry in listed["results"])


def test_a_revoked_token_is_refused_with_its_reason(site):
    assert refusal(site, site.given["revoked"]) == "The token has been revoked."
    status, headers, body = raw_post(site, site.given["revoked"])
    assert status == 401 and body["error"]["message"] == "The token has been revoked."


def test_no_token_is_a_401_that_says_what_to_send_and_is_never_cached(site):
    status, headers, body = raw_post(site)
    assert status == 401 and headers["WWW-Authenticate"] == 'Bearer realm="medlex"'
    assert "Authorization: Bearer" in body["error"]["message"]
    assert "no-store" in headers["Cache-Control"]


def test_an_answer_to_a_token_is_private(site):
    status, headers, body = raw_post(site, site.given["read"])
    assert status == 200 and headers["Cache-Control"] == "private, no-store"
    assert {tool["name"] for tool in body["result"]["tools"]} >= {"get_article"}


@pytest.mark.same_on_every_database
def test_gunicorn_serves_the_mcp_server_as_make_serve_starts_it():
    """Production settings, gunicorn and medlex.wsgi, as `make serve` runs them."""
    with running_server(production_env(), gunicorn=True) as server:
        server.create_verified_user("mcp-prod@example.org", "a-long-test-password", "Pia", "Production")
        token = (
            server.shell(
                "from django.contrib.auth import get_user_model; from tokens import services\n"
                "print(services.create(get_user_model().objects.get(email='mcp-prod@example.org'), 'p', 'read', 30)[1])"
            )
            .strip()
            .splitlines()[-1]
        )
        result = call(server, token, "search_articles", {"query": "CNO", "lang": "de"})
        assert not result.is_error and result.structured_content["results"]
        status, headers, body = raw_post(server)
        assert status == 401 and "Authorization: Bearer" in body["error"]["message"]
