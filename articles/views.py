from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from access.gates import fill
from access.policy import tier_for
from articles import caching
from functions.services import tools_for_codes


def serve_article(request, page):
    tier = tier_for(request.user)
    key = caching.cache_key(page, tier, caching.request_generation(request))
    etag = caching.etag_for(key)
    if caching.not_modified(request, etag):
        return caching.respond(request, "", etag)
    article = caching.rendered_article(page, tier, key)
    anonymous = request.user.is_anonymous
    context = {
        "page": page,
        "self": page,
        "article": article,
        "tools": [tool.describe(article["lang"]) for tool in tools_for_codes(article["icd10"])],
        # Anonymous readers all get the same page; others get placeholders filled per request.
        "body_html": fill(article["body_html"], request) if anonymous else mark_safe(article["body_html"]),
        "user_nav_placeholder": None if anonymous else caching.USER_NAV_PLACEHOLDER,
    }
    shell_key = getattr(request, "_medlex_shell_key", None)
    shows_messages = caching.has_pending_messages(request)
    html = render_to_string(page.get_template(request), context, request)
    if shell_key and not shows_messages and not page.get_view_restrictions():
        caching.store_shell(request, shell_key, html, etag)
    return caching.respond(request, html, etag)
