"""The MCP server at ``/mcp``: medlex for programs that speak the Model Context Protocol.

Streamable HTTP with the official SDK (``mcp``), stateless and answering JSON: every
POST is one self-contained exchange, so any worker can answer it and nothing is
kept between requests. The SDK's server is an ASGI application; medlex runs on
WSGI, so ``wsgi_app`` runs it through a2wsgi on an event loop of its own, one per
worker process, started on the first request (after gunicorn has forked).

Every request needs a personal API token (``Authorization: Bearer``, tokens app):
no token, or one that is not honoured, answers 401 before the SDK sees the request.
There is no anonymous MCP: a program that forgot its token would otherwise get
locked sections it could take for the whole article, and the per-token rate limit
would not apply. The tools answer from the same code as the JSON API
(``articles.api``, ``search.api``, ``functions.api``) for a Django request made from
the MCP request, whose user is the token's owner, so what they show is decided by
``access.policy`` as on the page. A function's inputs are neither stored nor
logged (``functions.services``); the SDK's own log is quiet below warnings
(settings.LOGGING).
"""

import asyncio
import html
import io
import threading
from importlib import import_module
from typing import Annotated, Any, Literal

from a2wsgi import ASGIMiddleware
from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db import close_old_connections
from django.http import Http404
from django.utils import translation
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings
from pydantic import Field
from starlette.responses import JSONResponse

from access.gates import gate_message_html
from access.policy import Tier, tier_for
from articles import api as articles_api
from articles import rendering
from core.api_errors import ApiError
from functions import api as functions_api
from functions import registry
from functions import services as function_services
from search import api as search_api
from tokens import services as tokens
from tokens.services import TokenRefused

PATH = "/mcp"
Language = Literal["de", "en"]

server = MCPServer(
    "medlex",
    title="medlex medical reference",
    instructions=(
        "medlex is a bilingual (German/English) medical reference for health professionals. Search articles by "
        "name, synonym, abbreviation or ICD-10 code, read an article (sections the token's owner may not read are "
        "marked locked), list the clinical functions and run one (tokens with the scope read+run)."
    ),
    log_level="WARNING",
)


# Django's side of a request. Each tool's work runs in a worker thread, as a view does,
# with the database connections handled as Django does around a request.


def _in_request(function, *args):
    close_old_connections()
    try:
        return function(*args)
    finally:
        close_old_connections()


async def in_django(function, *args):
    return await sync_to_async(_in_request, thread_sensitive=False)(function, *args)


def django_request(scope, token=None):
    """A Django request for the MCP request's ``scope``: its host, scheme and headers; its user the token's owner."""
    host, port = scope.get("server") or ("localhost", 80)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": PATH,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": str(port),
        "REMOTE_ADDR": (scope.get("client") or ("", 0))[0],
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(),
    }
    for name, value in scope["headers"]:
        key = name.decode("latin1").upper().replace("-", "_")
        if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            environ["HTTP_" + key] = value.decode("latin1")
    request = WSGIRequest(environ)
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    if token is not None:
        request.user = token.user
        request.auth = token
    return request


def request_of(ctx):
    scope = ctx.request_context.request.scope
    return django_request(scope, scope["state"]["medlex_token"])


def text_of(fragment):
    return "\n".join(
        line.strip() for line in html.unescape(rendering.plain_text(str(fragment))).splitlines() if line.strip()
    )


# The tools.


def _search(request, query, lang, limit):
    try:
        params = search_api.SearchParams(q=query, lang=lang, limit=limit)
        return search_api.search(request, params)
    except ApiError as error:
        raise ToolError(error.message) from None
    except ValueError as error:
        raise ToolError(f"Invalid query: {error}") from None


@server.tool(
    title="Search articles",
    description="Articles matching a name, synonym, abbreviation or ICD-10 code, best first, with a public snippet.",
)
async def search_articles(
    query: str,
    ctx: Context,
    lang: Language = "en",
    limit: Annotated[int, Field(ge=1, le=50)] = 10,
) -> dict[str, Any]:
    return await in_django(_search, request_of(ctx), query, lang, limit)


def _article(request, article_id, lang):
    try:
        data = articles_api.get_article(request, article_id=article_id, lang=lang)
    except Http404:
        raise ToolError("No published article with this id (and language).") from None
    with translation.override(data["lang"]):
        gate = text_of(gate_message_html(request)) if any(s["locked"] for s in data["sections"]) else ""
    return {
        "id": data["id"],
        "title": data["title"],
        "lang": data["lang"],
        "url": request.build_absolute_uri(data["url"]),
        "icd10": data["icd10"],
        "synonyms": data["synonyms"],
        "authors": data["authors"],
        "reviewers": data["reviewers"],
        "last_updated": data["last_updated"].isoformat() if data["last_updated"] else None,
        "translations": {lang: request.build_absolute_uri(url) for lang, url in data["translations"].items()},
        "sections": [
            {
                "heading": s["heading"],
                "access": s["access"],
                "locked": s["locked"],
                # A locked section: its heading and why it is locked, never its text.
                **({"gate": gate} if s["locked"] else {"text": text_of(s["html"])}),
            }
            for s in data["sections"]
        ],
        "references": [f"[{r['number']}] {r['vancouver']}" for r in data["references"]],
    }


@server.tool(
    title="Get an article",
    description="One article by id: its sections as text, the literature and its translations. Sections the token's "
    "owner may not read are marked locked and say why. lang: the same article in the other language.",
)
async def get_article(
    article_id: Annotated[int, Field(ge=1, le=articles_api.MAX_ID)], ctx: Context, lang: Language | None = None
) -> dict[str, Any]:
    return await in_django(_article, request_of(ctx), article_id, lang)


@server.tool(
    title="List clinical functions",
    description="The clinical scores, criteria and checklists with their citations and the JSON schema of their inputs.",
)
async def list_functions(ctx: Context, lang: Language = "en") -> dict[str, Any]:
    return await in_django(functions_api.list_functions, request_of(ctx), lang)


def _run(request, slug, inputs, lang):
    try:
        definition = registry.get(slug)
    except registry.UnknownFunction:
        raise ToolError("Unknown function: list_functions names them.") from None
    if not request.auth.may_run_functions():
        raise ToolError("This token may only read. Create a token with the scope read+run to run functions.")
    if tier_for(request.user) != Tier.PROFESSIONAL:
        raise ToolError("Clinical functions are for verified health professionals.")
    result, errors = function_services.evaluate(definition, inputs, lang)
    if errors:
        # Each message names the field, never the value.
        details = "; ".join(f"{d['field']}: {d['message']}" for d in function_services.error_details(errors))
        raise ToolError(f"Invalid input. {details}")
    return result


@server.tool(
    title="Run a clinical function",
    description="Evaluate a function with the inputs its schema asks for (see list_functions; a quantity's unit "
    "goes in <name>_unit). Needs a token with the scope read+run. Inputs are neither stored nor logged.",
)
async def run_function(slug: str, inputs: dict[str, Any], ctx: Context, lang: Language = "en") -> dict[str, Any]:
    return await in_django(_run, request_of(ctx), slug, inputs, lang)


# The HTTP side: the token, then the SDK's Streamable HTTP application.

# The Host header is checked against ALLOWED_HOSTS below, as for every page; the
# SDK's own check (a fixed list of local names) would refuse the site's real name.
# A browser page elsewhere cannot send the reader's token, so there is nothing for
# a rebinding attack to borrow.
streamable_app = server.streamable_http_app(
    streamable_http_path=PATH,
    stateless_http=True,
    json_response=True,
    transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
)


# A refusal is a JSON-RPC error (in the range JSON-RPC leaves to servers) at the HTTP
# status it stands for, so an MCP client shows the reason rather than "error response".
REFUSED = -32001


def refusal(message, status=401, headers=None):
    return JSONResponse(
        {"jsonrpc": "2.0", "id": None, "error": {"code": REFUSED, "message": message}},
        status_code=status,
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def _authenticated(scope):
    request = django_request(scope)
    request.get_host()  # DisallowedHost for a host not in ALLOWED_HOSTS
    token = tokens.bearer(request)
    if token is None:
        return None
    return tokens.authenticate(token)


async def app(scope, receive, send):
    if scope["type"] != "http":
        return await streamable_app(scope, receive, send)
    try:
        row = await in_django(_authenticated, scope)
    except DisallowedHost:
        return await refusal("Bad request.", status=400)(scope, receive, send)
    except TokenRefused as refused:
        if refused.status == 429:
            headers = {"Retry-After": str(refused.retry_after)}
        else:
            headers = {"WWW-Authenticate": 'Bearer realm="medlex", error="invalid_token"'}
        return await refusal(refused.message, refused.status, headers)(scope, receive, send)
    if row is None:
        message = "Send a personal API token from your medlex account page: Authorization: Bearer mlx_…"
        return await refusal(message, headers={"WWW-Authenticate": 'Bearer realm="medlex"'})(scope, receive, send)
    scope.setdefault("state", {})["medlex_token"] = row

    async def send_private(message):
        # The answer is the token owner's own: never kept by a cache on the way.
        if message["type"] == "http.response.start":
            message["headers"] = [
                *(h for h in message.get("headers", []) if h[0].lower() != b"cache-control"),
                (b"cache-control", b"private, no-store"),
            ]
        await send(message)

    await streamable_app(scope, receive, send_private)


# WSGI: one event loop per process, in a thread of its own, with the SDK's session
# manager running on it (the ASGI lifespan, which a2wsgi does not send).
_started = threading.Lock()
_wsgi = None


def _start():
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="mcp", daemon=True).start()
    ready = threading.Event()

    async def run_session_manager():
        async with server.session_manager.run():
            ready.set()
            await asyncio.Event().wait()

    asyncio.run_coroutine_threadsafe(run_session_manager(), loop)
    if not ready.wait(10):
        raise RuntimeError("The MCP session manager did not start.")
    return ASGIMiddleware(app, loop=loop)


def wsgi_app(environ, start_response):
    global _wsgi
    if _wsgi is None:
        with _started:
            if _wsgi is None:
                _wsgi = _start()
    return _wsgi(environ, start_response)


def with_mcp(django_application):
    """The WSGI application: ``/mcp`` to the MCP server, everything else to Django."""

    def application(environ, start_response):
        if environ.get("PATH_INFO") == PATH:
            return wsgi_app(environ, start_response)
        return django_application(environ, start_response)

    return application
