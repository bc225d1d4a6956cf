import re
import time
import uuid
from contextvars import ContextVar

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

current_request_id = ContextVar("current_request_id", default="-")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# Paths outside the language prefixes: a 404 there is final, never a redirect to /de/….
UNLOCALISED_PREFIXES = ("/api/", "/media/", "/admin/", "/healthz", "/static/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 redirect for unlocalised paths.

    Wagtail's catch-all page route makes every ``/de/<path>`` look valid, so the
    stock middleware would answer a missing API object or file with a redirect.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNLOCALISED_PREFIXES):
            return response
        return super().process_response(request, response)


def request_id_middleware(get_response):
    """Give every request an id (from nginx's X-Request-ID or a new one) for the logs.

    The response also says how long the application took (``Server-Timing``, shown
    by browsers' developer tools and loggable by nginx as $upstream_http_server_timing).
    """

    def middleware(request):
        started = time.perf_counter()
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        # Not reset afterwards: Django logs the response (4xx/5xx) after the middleware
        # chain returns, and that log line must carry the id too. The next request sets its own.
        current_request_id.set(request_id)
        response = get_response(request)
        response["X-Request-ID"] = request_id
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    return middleware
