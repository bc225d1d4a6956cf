from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from access import views as access_views
from accounts import views as account_views
from api.urls import api
from api.urls import unknown_path as unknown_api_path
from bookmarks import urls as bookmarks_urls
from bookmarks import views as bookmarks_views
from browse import specialty_urls
from browse import views as browse_views
from core import views as core_views
from delivery import routing as delivery_routing
from following import urls as following_urls
from functions import urls as functions_urls
from people import urls as people_urls
from pointofcare import urls as pointofcare_urls

# A refused rate limit (allauth) and an uncaught error: core.views tells an outage from the rest.
handler429 = core_views.rate_limited
handler500 = core_views.server_error

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path(".well-known/security.txt", core_views.security_txt, name="security-txt"),
    path("favicon.ico", core_views.favicon),
    path("sw.js", bookmarks_views.service_worker, name="service-worker"),
    path("media/<path:path>", access_views.media, name="media"),
    path("api/v1/", api.urls),
    # For EHRs: one address each, outside the language prefixes (docs/integration/).
    path("", include(pointofcare_urls)),
    re_path(r"^api/", unknown_api_path),
    # One way in: Wagtail's own login and password reset would skip allauth's stages
    # (e-mail confirmation, rate limits, the second factor). Both lead to allauth's
    # pages instead, for GET and POST alike.
    path("admin/login/", account_views.admin_login),
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("admin/", include(wagtailadmin_urls)),
    path("sitemap.xml", browse_views.sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
]

urlpatterns += i18n_patterns(
    path("accounts/professional/", include("accounts.urls")),
    path("accounts/tokens/", include("tokens.urls")),
    path("accounts/", include("allauth.urls")),
    path(functions_urls.PREFIX, include(functions_urls)),
    path(people_urls.PREFIX, include(people_urls)),
    path(specialty_urls.PREFIX, include(specialty_urls)),
    path(following_urls.PREFIX, include(following_urls)),
    path(bookmarks_urls.PREFIX, include(bookmarks_urls)),
    path("icd10/", include("search.code_urls")),
    path("", include("browse.urls")),
    path("", include("translation.urls")),
    path("", include("search.urls")),
    path("", include("notes.urls")),
    # Before Wagtail's page view: an article's version history under its address (versions.urls).
    path("", include("versions.urls")),
    # Before Wagtail's page view: cite this article and its PDF under its address (citing.urls).
    path("", include("citing.urls")),
    # Wagtail's page view pattern (minus its _util/ views), with cached routes for articles.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", delivery_routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
