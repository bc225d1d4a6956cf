"""Clinical functions in the JSON API.

``GET /functions`` is public: it describes each function (title, citation,
input schema) and carries no gated content - the same facts the public
function pages show. ``POST /functions/{slug}`` evaluates a function and is for
verified professionals only (401 without login, 403 without verification),
with a session or a personal API token of scope ``read+run``. Bodies are never logged or stored; error messages name the field, never the
value.
"""

import json
from typing import Literal

from django.http import HttpResponse
from ninja import Router, Schema
from ninja.utils import check_csrf

from access.policy import Tier, tier_for
from core.api_errors import ApiError, answers
from functions import registry, services
from tokens.models import ApiToken

router = Router(tags=["functions"])

Language = Literal["de", "en"]


class FunctionList(Schema):
    count: int
    results: list[dict]


def _body_schemas():
    """The request body of every function, for the OpenAPI document (one ``oneOf`` branch per slug)."""
    branches = []
    for definition in registry.all_functions():
        schema = {key: value for key, value in definition.json_schema("en").items() if key != "$schema"}
        schema["title"] = definition.slug
        branches.append(schema)
    return {"oneOf": branches}


LISTED_KEYS = (
    "slug",
    "version",
    "kind",
    "title",
    "summary",
    "icd10",
    "citations",
    "population",
    "limits",
    "inputs",
    "schema",
)


@router.get(
    "",
    response=answers(FunctionList, 400),
    summary="List the clinical functions with their citations and input schemas",
)
def list_functions(request, lang: Language = "de"):
    results = []
    for definition in registry.all_functions():
        described = definition.describe(lang)
        results.append({key: described[key] for key in LISTED_KEYS})
    return {"count": len(results), "results": results}


@router.post(
    "/{slug}",
    url_name="evaluate_function",
    response=answers(dict, 400, 401, 403, 404),
    summary="Evaluate a clinical function (verified professionals only)",
    description="The body is a JSON object with the function's inputs (see its `schema` in the list). "
    "A quantity's unit goes in `<name>_unit`. Answers the result with the points of each item, or 400 with one "
    "message per wrong field. Browser sessions must send the CSRF token in the X-CSRFToken header; "
    "an API token needs the scope read+run.",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": _body_schemas()}}}},
)
def evaluate_function(request, response: HttpResponse, slug: str, lang: Language = "de"):
    try:
        definition = registry.get(slug)
    except registry.UnknownFunction:
        raise ApiError("Unknown function.", status=404) from None
    if not request.user.is_authenticated:
        raise ApiError(
            "Log in as a verified health professional, or send an API token, to use clinical functions.", status=401
        )
    # A token (api.auth) is sent by a program, not by a browser on its own: no CSRF check, but its scope.
    token = request.auth if isinstance(request.auth, ApiToken) else None
    if token is None and check_csrf(request):
        raise ApiError("CSRF check failed: send the CSRF token in the X-CSRFToken header.", status=403)
    if token is not None and not token.may_run_functions():
        raise ApiError("This token may only read. Create a token with the scope read+run to run functions.", status=403)
    if tier_for(request.user) != Tier.PROFESSIONAL:
        raise ApiError("Clinical functions are for verified health professionals.", status=403)
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(
            "The body must be a JSON object.", details=[{"field": "__all__", "message": "Invalid JSON."}]
        ) from None
    result, errors = services.evaluate(definition, body, lang)
    if errors:
        raise ApiError("Invalid input.", details=services.error_details(errors))
    response["Cache-Control"] = "no-store"
    return result
