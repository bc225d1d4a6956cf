"""Settings for medlex, read only from environment variables.

The embedded default (no variables set) is a development set-up: SQLite and
local files, so ``make run`` works on a bare machine. ``MEDLEX_ENV=production``
switches to production mode, which refuses to start with unsafe values
(see ``medlex.env.check_production``).
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from medlex import env

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = env.get("MEDLEX_ENV", "development") == "production"

DEBUG = env.flag("MEDLEX_DEBUG", default=not PRODUCTION)
SECRET_KEY = env.get("MEDLEX_SECRET_KEY", env.DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env.list_of("MEDLEX_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "core",
    "access",
    "icd10",
    "articles",
    "functions",
    "translation",
    "search.apps.SearchConfig",
    "api",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "core.middleware.request_id_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "medlex.urls"
WSGI_APPLICATION = "medlex.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "access.context_processors.access",
            ],
        },
    },
]

DATABASES = {"default": env.database(BASE_DIR / "var" / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {
    "default": env.cache(),  # Redis with REDIS_URL, else the database cache
    # Wagtail looks renditions up here; a per-process memory cache keeps that off the database.
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# German is the source language of the encyclopedia.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get("MEDLEX_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Outside production, serve static files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDLEX_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Wagtail's own small tasks run immediately; article translation goes to the
# database queue and is processed by `manage.py db_worker --backend translation`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "translation": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}

WAGTAIL_SITE_NAME = "medlex"
WAGTAILADMIN_BASE_URL = env.get("MEDLEX_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGIN_URL = "wagtailadmin_login"

# With Redis, sessions live in the cache every worker shares; otherwise in the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cache" if env.get("REDIS_URL") else "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
# Set to an internal nginx location (e.g. /_protected/) to let nginx send private files
# after the permission check; see deploy/nginx.conf.
MEDLEX_ACCEL_REDIRECT_PREFIX = env.get("MEDLEX_ACCEL_REDIRECT_PREFIX", "")
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SESSION_COOKIE_SECURE = env.flag("MEDLEX_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.flag("MEDLEX_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(env.get("MEDLEX_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    env.check_production(globals())

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if PRODUCTION or env.flag("MEDLEX_JSON_LOGS") else None,
        }
    },
    "root": {"handlers": ["console"], "level": env.get("MEDLEX_LOG_LEVEL", "INFO" if PRODUCTION else "WARNING")},
}
