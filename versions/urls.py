"""A version history under every article's address: ``<article>/versions/`` and ``<article>/versions/<n>/``.

Matched before Wagtail's page view, so the article's own address (and delivery's
warm path for it) never passes through here; articles have no child pages, so
no page can sit at these addresses.
"""

from django.urls import re_path

from versions import views

app_name = "versions"

ARTICLE_PATH = r"(?P<path>(?:[\w\-]+/)+)"

urlpatterns = [
    re_path(rf"^{ARTICLE_PATH}versions/$", views.history, name="history"),
    re_path(rf"^{ARTICLE_PATH}versions/(?P<number>[0-9]{{1,9}})/$", views.version, name="version"),
]
