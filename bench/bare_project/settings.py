"""A truly bare Django project: the second baseline of bench/article_page.py.

The same Django, served by the same gunicorn with the same worker count as medlex,
but nothing a view does not need: no installed app, no middleware, no database.
Its one view (bench.bare_project.urls) returns exactly the bytes of the article page.
"""

import os

SECRET_KEY = os.environ["MEDLEX_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare_project.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
