"""Response headers that limit what a page may do in the reader's browser, and what the browser keeps.

* Content-Security-Policy (django-csp, policy in settings.CONTENT_SECURITY_POLICY):
  the site runs no inline script and no inline style, so an injected ``<script>``,
  event handler or style attribute does nothing. The policy has no nonce: pages
  are kept as shells and served to many readers (delivery.shells), and a nonce
  in a shared page would be no secret.
* The Wagtail admin (``/admin/``) gets its own, wider policy
  (settings.MEDLEX_ADMIN_CSP): Wagtail's page editor runs inline scripts (with
  the page's data, so they cannot be listed by hash), sets inline styles and
  shows image previews from ``data:`` and ``blob:`` addresses. It is open to
  editors only, and still loads nothing from other sites.
* The service worker for offline reading (``/sw.js``, bookmarks app) and the web app
  manifest are the site's own files (``worker-src`` and ``manifest-src`` ``'self'``);
  the worker is served from the root, so its scope covers ``/de/`` and ``/en/``.
* Permissions-Policy: the site needs no camera, microphone, location, payment or
  other device access, so no page (or anything injected into one) can ask for it.
* Cache-Control ``private, no-store`` on every response to a logged-in reader and
  every API answer: gated text, account pages, function results and the admin must
  not stay in the browser cache of a shared workstation after logout, and a shared
  cache (nginx, a corporate proxy) must never hand one caller's answer to another.
  Anonymous public pages keep their own headers (``public`` teasers, delivery.shells).
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import patch_cache_control

ADMIN_PREFIX = "/admin/"

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

PER_READER_CACHE_CONTROL = "private, no-store"
# Seconds nginx or a browser may keep a page that is the same for every anonymous reader.
PUBLIC_MAX_AGE = 300
API_PREFIX = "/api/"
# URL names (of ninja's documentation views) whose answers are the same for every caller.
API_PUBLIC_VIEWS = {"openapi-json", "openapi-view"}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy for paths under ``/admin/``.

    ``get_policy_parts`` is django-csp's documented point for such changes; a view's
    own ``csp_replace`` decorator still wins.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.replace is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = settings.MEDLEX_ADMIN_CSP
        return parts


def may_be_shared(request, response):
    """Whether a shared cache may keep ``response``: only answers that are the same for every caller.

    An API answer depends on the caller (tier, session, view restrictions; errors
    follow from those), except the OpenAPI document and docs page. Every other
    answer to a logged-in reader is theirs alone. Anonymous pages keep their
    own headers (``public`` teasers, delivery.shells).
    """
    if request.path_info.startswith(API_PREFIX):
        match = request.resolver_match
        return match is not None and match.url_name in API_PUBLIC_VIEWS and response.status_code == 200
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def headers_middleware(get_response):
    """Permissions-Policy on every response; ``private, no-store`` on every one a shared cache must not keep.

    Outside the other middleware, so it sees every answer, errors included.
    """

    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not may_be_shared(request, response):
            if "no-store" in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True)  # e.g. never_cache's longer form
            else:
                response["Cache-Control"] = PER_READER_CACHE_CONTROL
        elif request.path_info.startswith(API_PREFIX):
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response

    return middleware
