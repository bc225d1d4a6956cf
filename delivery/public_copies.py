"""Whole public article pages, kept by each worker and answered before the other middleware.

An article page for a reader without a session is the same for everyone, and its
response says so (``Cache-Control: public``, set by delivery.shells for anonymous
readers only); nginx keeps it on those grounds. Each worker keeps its recent such
answers the same way, headers included, and answers a request that carries no
cookie, no credentials, no query and no condition from its copy while every
generation the answer was made under is current (delivery.generations): one cache
read, and none of the session, language, CSRF, authentication and security
middleware, whose headers the copy already carries. Only answers from a page
shell are copied, under the shell's release (delivery.release), so a copy is
never staler than the shell it repeats.
"""

from django.core.cache import cache
from django.http import HttpResponse

from delivery.recent import Recent
from delivery.release import cache_namespace
from delivery.routing import shells_allowed

# Headers that belong to one answer (set outside this middleware, or by the server).
PER_ANSWER_HEADERS = frozenset({"x-request-id", "server-timing", "date"})
# What makes a request a reader's own, or its answer other than the page's bytes.
PERSONAL_REQUEST_HEADERS = ("HTTP_COOKIE", "HTTP_AUTHORIZATION", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")

copies = Recent(200)


def public_copies_middleware(get_response):
    """Answer from a current copy when there is one; otherwise pass the request on, and copy the answer if it may be."""

    def middleware(request):
        key = copy_key(request)
        if key is None:
            return get_response(request)
        copy = copies.get(key)
        if copy is not None and shells_allowed():
            generations, headers, body = copy
            if cache.get_many(list(generations)) == generations:
                return HttpResponse(body, headers=headers)
        response = get_response(request)
        if may_copy(request, response):
            headers = {name: value for name, value in response.items() if name.lower() not in PER_ANSWER_HEADERS}
            copies.put(key, (dict(request.medlex_generations), headers, response.content))
        return response

    return middleware


def copy_key(request):
    """Where a copy for ``request`` is kept; None if the request is not one that any reader could have sent."""
    meta = request.META
    if request.method != "GET" or meta.get("QUERY_STRING") or any(meta.get(name) for name in PERSONAL_REQUEST_HEADERS):
        return None
    return cache_namespace(), request.scheme, request.get_host(), request.path_info


def may_copy(request, response):
    """Whether ``response`` came from a page shell and is the same for every reader who sends no cookie."""
    return (
        getattr(request, "medlex_from_shell", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in response.get("Cache-Control", "")
        and response.get("Vary", "") == "Cookie"
    )
