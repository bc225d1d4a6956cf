from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from api.urls import api
from core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("media/<path:path>", core_views.media, name="media"),
    path("api/v1/", api.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("sitemap.xml", sitemap),
]

urlpatterns += i18n_patterns(
    path("accounts/professional/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
