"""Cite this article and its PDF, under every article's address (matched before Wagtail's page view).

``<article>/cite/`` (German ``zitieren/``; either word finds the article), its
files ``…/cite/ris/``, ``…/cite/bibtex/``, ``…/cite/csl-json/``, and ``<article>/pdf/``.
Articles have no child pages, so no page can sit at these addresses.
"""

from django.urls import re_path

from citing import views
from citing.addresses import CITE_SEGMENTS, PDF_SEGMENT
from citing.formats import FILES

app_name = "citing"

ARTICLE_PATH = r"(?P<path>(?:[\w\-]+/)+)"
SEGMENT = "(?P<segment>{})".format("|".join(sorted(CITE_SEGMENTS.values())))
FILE = "(?P<name>{})".format("|".join(sorted(FILES)))

urlpatterns = [
    re_path(rf"^{ARTICLE_PATH}{SEGMENT}/$", views.cite, name="cite"),
    re_path(rf"^{ARTICLE_PATH}{SEGMENT}/{FILE}/$", views.cite_file, name="file"),
    re_path(rf"^{ARTICLE_PATH}{PDF_SEGMENT}/$", views.article_pdf, name="pdf"),
]
