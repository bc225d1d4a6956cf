"""A logged-in reader's page in plain Django: the third baseline of bench/article_page.py.

The bare project (bench.bare_project) plus only what any page for a logged-in
reader needs from Django itself: the session (kept as medlex keeps it, in the
database behind the cache, on the same database and cache server), the user it
names (loaded and checked against the session's password hash) and a CSRF token
for the page's forms. No other app, middleware, template or query. Its view
returns the bytes of the verified reader's article page, so its CPU per request
is about the least a verified page can cost with Django's own sessions,
authentication and CSRF protection.
"""

import os

from medlex import env

SECRET_KEY = os.environ["MEDLEX_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.reader_project.urls"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
DATABASES = {"default": env.database(os.environ["MEDLEX_SQLITE_PATH"])}
# The cache server or table that medlex uses, through Django's own backend.
MEDLEX_CACHE = env.cache()
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if os.environ.get("REDIS_URL")
        else "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": MEDLEX_CACHE["LOCATION"],
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
USE_TZ = True
