"""The versioned JSON API: one NinjaAPI, one router per domain app.

Errors are always JSON ``{"error": ..., "details": [...]}``; invalid
parameters answer 400 (not Ninja's default 422); a path that is no operation
answers the same JSON 404 as a missing object (``unknown_path``).
"""

from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from api.auth import AUTH
from articles.api import router as articles_router
from bookmarks.api import router as bookmarks_router
from citing.api import router as citing_router
from core.api_errors import ApiError
from following.api import router as following_router
from functions.api import router as functions_router
from notes.api import notes_router, recent_router
from search.api import router as search_router
from search.code_api import router as icd10_router
from tokens.services import TokenRefused

# Operations that answer only a logged-in caller (a session or a token); every other one
# also answers anonymous callers, which the OpenAPI document says with an empty requirement.
SIGNED_IN_ONLY = {"functions_api_evaluate_function"}


class MedlexApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Ninja's document, plus what a token adds to every operation: 401 for a token that is not
        honoured, 429 for one over its limit, and no login needed where anonymous callers are answered."""
        schema = super().get_openapi_schema(*args, **kwargs)
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault(401, {"description": "Unauthorized", **error})
                operation["responses"][429] = {"description": "Too many requests with this token", **error}
                if operation["operationId"] not in SIGNED_IN_ONLY:
                    operation["security"].append({})
        return schema


api = MedlexApi(
    title="medlex API",
    version="1",
    description="Articles and clinical functions of the medlex medical reference. Gated fields are withheld (null) for callers who are not verified professionals.",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=AUTH,
)


def _field_name(location):
    return ".".join(str(part) for part in location if part not in ("query", "body", "path"))


@api.exception_handler(NinjaValidationError)
def invalid_parameters(request, exc):
    details = [{"field": _field_name(e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors]
    return api.create_response(request, {"error": "Invalid parameters.", "details": details}, status=400)


@api.exception_handler(HttpError)
def ninja_error(request, exc):
    """Ninja's own refusals (a body that is not JSON at all): the same error body as ours."""
    return api.create_response(request, {"error": exc.message, "details": []}, status=exc.status_code)


@api.exception_handler(ApiError)
def api_error(request, exc):
    return api.create_response(request, {"error": exc.message, "details": exc.details}, status=exc.status)


@api.exception_handler(TokenRefused)
def token_refused(request, exc):
    response = api.create_response(request, {"error": exc.message, "details": []}, status=exc.status)
    if exc.status == 429:
        response["Retry-After"] = str(exc.retry_after)
    else:
        response["WWW-Authenticate"] = 'Bearer realm="medlex", error="invalid_token"'
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"error": "Not found.", "details": []}, status=404)


@csrf_exempt  # any method: a POST to a wrong path is a 404 too, not a CSRF failure page
def unknown_path(request):
    """Any other path under /api/: the API's JSON 404, never the site's HTML error page."""
    return not_found(request, Http404())


api.add_router("/articles", articles_router)
api.add_router("/articles", citing_router)
api.add_router("/functions", functions_router)
api.add_router("/me", following_router)
api.add_router("/icd10", icd10_router)
api.add_router("/me/notes", notes_router)
api.add_router("/me/recent", recent_router)
api.add_router("", search_router)
api.add_router("/me", bookmarks_router)
