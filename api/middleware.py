"""How API answers may be cached.

Most API answers depend on the caller: the tier decides whether gated sections
are locked, the session and groups whether an article behind a view restriction
exists at all, and errors (404 for a restricted article) follow from those. A
shared cache (nginx, a corporate proxy) must never hand one caller's answer to
another, and a browser should not keep gated text on disk, so every API answer
is ``private, no-store`` unless it is the same for everyone: the OpenAPI
document and the interactive docs depend on nothing but the code.
"""

from django.utils.cache import patch_cache_control

API_PREFIX = "/api/"
# URL names (of ninja's documentation views) whose answers are the same for every caller.
PUBLIC_VIEWS = {"openapi-json", "openapi-view"}
PUBLIC_MAX_AGE = 300


def api_cache_control_middleware(get_response):
    def middleware(request):
        response = get_response(request)
        if request.path_info.startswith(API_PREFIX):
            match = request.resolver_match
            if match is not None and match.url_name in PUBLIC_VIEWS and response.status_code == 200:
                patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            else:
                patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
