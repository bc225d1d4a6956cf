"""A version history under every article's address: ``<article>/versions/`` and ``<article>/versions/<n>/``.

German articles say ``versionen/``; the other language's word redirects there, so
a link shared before the addresses became German still arrives.

Matched before Wagtail's page view, so the article's own address (and delivery's
warm path for it) never passes through here; articles have no child pages, so
no page can sit at these addresses.
"""

from django.urls import re_path

from versions import views
from versions.addresses import HISTORY_SEGMENTS

app_name = "versions"

ARTICLE_PATH = r"(?P<path>(?:[\w\-]+/)+)"
SEGMENT = "(?P<segment>{})".format("|".join(sorted(set(HISTORY_SEGMENTS.values()))))

urlpatterns = [
    re_path(rf"^{ARTICLE_PATH}{SEGMENT}/$", views.history, name="history"),
    re_path(rf"^{ARTICLE_PATH}{SEGMENT}/(?P<number>[0-9]{{1,9}})/$", views.version, name="version"),
]
