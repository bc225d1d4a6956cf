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

# Pieces of page delivery switched off (comma-separated names; every piece is on by
# default). For measuring what each piece earns; see bench/ablation.py.
DELIVERY_PIECES = frozenset(
    {
        "shells",  # whole-page shells per (host, language, path, tier)
        "early-answer",  # a known page path answered from a warm shell before URL routing
        "local-copies",  # each worker's copies of recently served shells
        "public-copies",  # each worker's copies of whole public pages, answered before the middleware
        "article-cache",  # the rendered article per (page, revision, language, tier)
        "route-cache",  # route memo per path, "no view restrictions" memo, site per host
        "tier-cache",  # the reader's tier in the shared cache
        "user-cache",  # the user row in the shared cache (cached authentication backend)
        "redis-lean-client",  # one shared redis-py client and a lean MGET reader
        "lean-db-cache",  # the leaner database-cache read
        "prerender",  # a published article rendered for every tier after the commit
    }
)
DELIVERY_OFF = env.names_of("MEDLEX_DELIVERY_OFF", DELIVERY_PIECES)

INSTALLED_APPS = [
    "core",
    "access",
    "accounts",
    "tokens",
    "icd10",
    "legal",
    "references",
    "people",
    "specialties",
    "articles",
    "functions",
    "translation",
    "review",
    "versions",
    "search.apps.SearchConfig",
    "pointofcare",
    "browse",
    "editorial",
    "home",
    "citing",
    "following",
    "notes",
    "bookmarks",
    "api",
    "delivery",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.sitemaps",
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
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "core.middleware.request_id_middleware",
    # A public page this worker holds a current copy of is answered here (delivery.public_copies).
    "delivery.public_copies.public_copies_middleware",
    # Clear-Site-Data on the answer to a logout (bookmarks.middleware): outside the
    # others, so the header is set on whatever answer the logout gets.
    "bookmarks.middleware.clear_site_data_middleware",
    # Permissions-Policy, no-store for logged-in readers and API answers (core/security.py);
    # before (outside) the others, so it sees every answer, errors included.
    "core.security.headers_middleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (core/security.py).
    "core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything that reads the database (sessions, users, pages): decides whether
    # this request's reads may go to the replica (core/replicas.py).
    "core.replicas.replica_middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A warm page shell is answered here, having passed all of the above; what
    # follows does nothing for an article page (see delivery.routing).
    "delivery.routing.warm_shell_middleware",
    "django.middleware.common.CommonMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication and messages: no admin page opens without a second factor.
    "accounts.second_factor.admin_middleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
if not env.get("DATABASE_REPLICA_URL"):
    MIDDLEWARE.remove("core.replicas.replica_middleware")
if "early-answer" in DELIVERY_OFF:
    MIDDLEWARE.remove("delivery.routing.warm_shell_middleware")
if "public-copies" in DELIVERY_OFF:
    MIDDLEWARE.remove("delivery.public_copies.public_copies_middleware")

# The site's pages run only the site's own scripts and styles (no inline script,
# style or event handler, no nonce: pages are shared shells, see core/security.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        # The service worker for offline reading (/sw.js) and the web app manifest are our own files.
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
    }
}
# The Wagtail admin's policy (for /admin/ only, core/security.py): Wagtail's page
# editor starts its panels and StreamFields with inline scripts that carry the
# page's data (so no fixed hashes), sets inline styles, and previews images from
# data: and blob: addresses. Still nothing from other sites, no eval, no plugins,
# no framing. The admin is open to editors only.
MEDLEX_ADMIN_CSP = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}
# The admin loads nothing from other sites: no avatars from gravatar.com (which would
# learn editors' e-mail hashes), no release check from wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

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
# A PostgreSQL streaming replica for the reads of GET requests (core/replicas.py); writes,
# and the reads of whoever wrote within MEDLEX_REPLICA_PIN_SECONDS, go to the primary.
# Reads fall back to the primary while the replica is more than MEDLEX_REPLICA_MAX_LAG
# seconds behind or does not answer, asked at most every MEDLEX_REPLICA_CHECK_SECONDS.
DATABASE_REPLICA = env.replica_database()
if DATABASE_REPLICA:
    DATABASES["replica"] = DATABASE_REPLICA
    DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]
MEDLEX_REPLICA_PIN_SECONDS = int(env.get("MEDLEX_REPLICA_PIN_SECONDS", "10"))
MEDLEX_REPLICA_MAX_LAG = float(env.get("MEDLEX_REPLICA_MAX_LAG", "5"))
MEDLEX_REPLICA_CHECK_SECONDS = float(env.get("MEDLEX_REPLICA_CHECK_SECONDS", "3"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DEFAULT_CACHE = env.cache()  # Redis with REDIS_URL, else the database cache
if DEFAULT_CACHE["BACKEND"] == "delivery.redis_cache.RedisCache":
    if "redis-lean-client" in DELIVERY_OFF:
        DEFAULT_CACHE["BACKEND"] = "django.core.cache.backends.redis.RedisCache"
elif "lean-db-cache" in DELIVERY_OFF:
    DEFAULT_CACHE["BACKEND"] = "django.core.cache.backends.db.DatabaseCache"
CACHES = {
    "default": DEFAULT_CACHE,
    # Wagtail looks renditions up here; a per-process memory cache keeps that off the database.
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not the site's name, nor the user's own name, address or profession (accounts/passwords.py).
    {"NAME": "accounts.passwords.PersonalDataValidator"},
]

# German is the source language of the encyclopedia.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# The second one: allauth's German texts addressed with "Sie" (accounts/locale_overrides).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "accounts" / "locale_overrides"]
TIME_ZONE = "Europe/Berlin"
# Day before month on the English site too (medlex/formats/en/formats.py).
FORMAT_MODULE_PATH = ["medlex.formats"]
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
# database queue and is processed by `manage.py db_worker --backend translation`;
# e-mails about followed articles by `manage.py db_worker --backend mail`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "translation": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# "At once" alerts about followed articles wait this long after a publish, so one batch
# of publishes reaches each reader as one mail (following.tasks).
MEDLEX_FOLLOWING_GATHER_SECONDS = int(env.get("MEDLEX_FOLLOWING_GATHER_SECONDS", "60"))
# How many machine translations one reader may request in 24 hours (articles missing
# in their language; see translation/readers.py). Editors' jobs in the admin count too.
MEDLEX_READER_TRANSLATIONS_PER_DAY = int(env.get("MEDLEX_READER_TRANSLATIONS_PER_DAY", "5"))
# /healthz (core.health) calls the task queue degraded when a task has waited longer
# than this many seconds for the worker, and the disk when less than this is free where
# medlex writes (database, uploads, proof documents).
MEDLEX_HEALTH_QUEUE_MAX_AGE = int(env.get("MEDLEX_HEALTH_QUEUE_MAX_AGE", "900"))
MEDLEX_HEALTH_MIN_FREE_MB = int(env.get("MEDLEX_HEALTH_MIN_FREE_MB", "1024"))

WAGTAIL_SITE_NAME = "medlex"
# An approved medical review publishes as the approver, who needs no publish permission (review/publishing.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "review.publishing.publish_approved"
# One way in: the admin's login and password reset are allauth's (medlex/urls.py sends
# Wagtail's own URLs there), so every login passes allauth's stages: e-mail
# confirmation, rate limits, the second factor.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Names the release in the keys of cached pages (delivery.release); unset, a fingerprint
# of the checkout does. Set it to the same value on every app server of one release.
MEDLEX_RELEASE = env.get("MEDLEX_RELEASE", "")
# Purges of cached public pages (delivery.purging): nginx's purge server
# (deploy/nginx.conf), e.g. http://127.0.0.1:8081; several nginx, comma-separated.
WAGTAILFRONTENDCACHE = {
    f"nginx-{number}": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": location}
    for number, location in enumerate(env.list_of("MEDLEX_PURGE_URL", []), 1)
}
WAGTAILADMIN_BASE_URL = env.get("MEDLEX_BASE_URL", "http://127.0.0.1:8000")
# Where to report a vulnerability, published as /.well-known/security.txt (e.g.
# "mailto:security@example.org"); without it that address answers 404.
MEDLEX_SECURITY_CONTACT = env.get("MEDLEX_SECURITY_CONTACT", "")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Editors' uploads: Wagtail reads an image's dimensions from its header and refuses it
# before anything is decoded. Pillow itself refuses to open any image of more than
# twice the largest pixel limit of this file (core.apps).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(env.get("MEDLEX_IMAGE_MAX_PIXELS", "50000000"))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env.get("MEDLEX_IMAGE_MAX_BYTES", str(10 * 1024 * 1024)))
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(env.get("MEDLEX_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# allauth's backend with a cheaper lookup of the logged-in user (delivery.backends); it
# also answers permission questions as Django's does. Django's own backend is not listed:
# only the admin's old login used it, and a session names the backend that logged it
# in, so the sessions that login made (a password alone) end with this setting.
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend"
    if "user-cache" in DELIVERY_OFF
    else "delivery.backends.AuthenticationBackend",
]
# Who decides a reader's tier is access.policy; this reader keeps its answers in the
# shared cache (delivery.tiers). Empty: decided from the database on every request.
MEDLEX_TIER_READER = "" if "tier-cache" in DELIVERY_OFF else "delivery.tiers.cached_tier"
# Article PDFs: the body is laid out once per (revision, language, tier) and kept (citing.pdf).
MEDLEX_PDF_BODY_CACHE = "" if "article-cache" in DELIVERY_OFF else "delivery.pdfs.cached_body"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:status"

# Registration and login (allauth): by e-mail only, confirmation mandatory.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Rate limits, counted in the shared "default" cache (the database cache, or Redis), so
# every worker process sees the same counts. "amount/period/per": per client IP, per
# logged-in user, or per "key" (the e-mail address a form is about; for failed logins
# the address *and* the client's IP address, see accounts.adapter). A refused sign-up,
# login or password reset answers 429 with core/templates/429.html; a withheld
# confirmation e-mail is explained on the page (accounts.adapter). Actions not named
# here keep allauth's defaults. See docs/operations.md.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Failed logins count per client address and per (account, client address): someone
    # guessing elsewhere cannot lock the owner out, and one address is slowed down
    # (5 in 5 minutes, then 20 an hour per account). docs/security.md
    "login_failed": "10/m/ip,5/5m/key,20/h/key",
    "signup": "10/m/ip,50/h/ip",
    "reset_password": "20/m/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    # Proof uploads (accounts.views.upload_proof), counted whether or not the files pass.
    "upload_proof": "10/h/user,30/h/ip",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.ProfessionalSignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[medlex] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "medlex"
# Staff may not remove their last second factor (accounts.adapter.MFAAdapter).
MFA_ADAPTER = "accounts.adapter.MFAAdapter"

# E-mail: SMTP when MEDLEX_EMAIL_HOST is set (production), otherwise the console.
EMAIL_HOST = env.get("MEDLEX_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env.get("MEDLEX_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env.get("MEDLEX_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env.get("MEDLEX_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env.flag("MEDLEX_EMAIL_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = env.flag("MEDLEX_EMAIL_SSL", default=EMAIL_PORT == 465)
else:
    EMAIL_BACKEND = env.get("MEDLEX_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
DEFAULT_FROM_EMAIL = env.get("MEDLEX_EMAIL_FROM", "medlex <noreply@localhost>")

# Proof-of-profession documents: never under MEDIA_ROOT, never served publicly.
MEDLEX_PRIVATE_ROOT = Path(env.get("MEDLEX_PRIVATE_ROOT", str(BASE_DIR / "var" / "private")))
# The embedded mode's own folders are made here; folders an operator names are not, so
# a storage that is not mounted shows as missing in /healthz (core.health) instead of
# being replaced by an empty folder.
for default_root, variable in ((MEDIA_ROOT, "MEDLEX_MEDIA_ROOT"), (MEDLEX_PRIVATE_ROOT, "MEDLEX_PRIVATE_ROOT")):
    if not env.get(variable):
        default_root.mkdir(parents=True, exist_ok=True)
MEDLEX_PROOF_MAX_BYTES = int(env.get("MEDLEX_PROOF_MAX_BYTES", str(10 * 1024 * 1024)))
# What one submission may cost (accounts.documents): files, pixels per image and in
# all (checked from the headers before any image is decoded), and for all its PDFs
# together the pages per PDF, the objects read and the CPU seconds of the check.
MEDLEX_PROOF_MAX_FILES = int(env.get("MEDLEX_PROOF_MAX_FILES", "10"))
MEDLEX_PROOF_MAX_IMAGE_PIXELS = int(env.get("MEDLEX_PROOF_MAX_IMAGE_PIXELS", "50000000"))
MEDLEX_PROOF_MAX_TOTAL_PIXELS = int(env.get("MEDLEX_PROOF_MAX_TOTAL_PIXELS", "100000000"))
MEDLEX_PROOF_PDF_MAX_PAGES = int(env.get("MEDLEX_PROOF_PDF_MAX_PAGES", "20"))
MEDLEX_PROOF_PDF_MAX_OBJECTS = int(env.get("MEDLEX_PROOF_PDF_MAX_OBJECTS", "100000"))
MEDLEX_PROOF_PDF_CPU_SECONDS = int(env.get("MEDLEX_PROOF_PDF_CPU_SECONDS", "3"))
MEDLEX_PROOF_RETENTION_DAYS = int(env.get("MEDLEX_PROOF_RETENTION_DAYS", "30"))
MEDLEX_REVIEW_WORKING_DAYS = int(env.get("MEDLEX_REVIEW_WORKING_DAYS", "2"))

# Point of care (pointofcare app, docs/integration/): further ICD-10-GM versions' OIDs the
# infobutton accepts, and the EHRs that may call the CDS Hooks service (issuer and key each).
MEDLEX_ICD10GM_OIDS = env.list_of("MEDLEX_ICD10GM_OIDS", [])
MEDLEX_CDS_HOOKS_CLIENTS = env.cds_hooks_clients("MEDLEX_CDS_HOOKS_CLIENTS")

# Sessions live in the database, read through the shared cache (Redis or the database
# cache), which skips the ORM on every logged-in request. Kept in the database, they
# survive Redis going down or being emptied: readers stay logged in (docs/operations.md).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
# Our scripts take the CSRF token from the form they send (functions.js), never from the
# cookie, so no script needs to read it.
CSRF_COOKIE_HTTPONLY = True
# Behind nginx every request comes from 127.0.0.1; without this, allauth's per-IP rate
# limits would count all visitors as one client. nginx appends the client address to
# X-Forwarded-For (deploy/nginx.conf), so in that set-up this is 1.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env.get("MEDLEX_TRUSTED_PROXY_COUNT", "0"))
# Set to an internal nginx location (e.g. /_protected/) to let nginx send private files
# after the permission check; see deploy/nginx.conf.
MEDLEX_ACCEL_REDIRECT_PREFIX = env.get("MEDLEX_ACCEL_REDIRECT_PREFIX", "")
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SESSION_COOKIE_SECURE = env.flag("MEDLEX_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # No SECURE_PROXY_SSL_HEADER: Django would believe X-Forwarded-Proto from any
    # client that reaches gunicorn directly. gunicorn sets the scheme from that header
    # only for connections from FORWARDED_ALLOW_IPS (its default: 127.0.0.1 and ::1,
    # the nginx in front), see docs/operations.md and medlex.env.check_production.
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
    # The MCP SDK logs a failed tool call's message at INFO; the MCP server's messages
    # name fields, never inputs, but nothing a caller sent belongs in the log.
    "loggers": {"mcp": {"level": "WARNING"}},
}

# Personal API tokens (tokens app): requests per token in a fixed window of seconds,
# counted in the shared "default" cache so every worker sees the same count. A program
# that reads an article and its functions makes a handful of requests; 120 a minute
# leaves room for that and stops a runaway loop within a minute.
MEDLEX_TOKEN_RATE_LIMIT = (int(env.get("MEDLEX_TOKEN_RATE_LIMIT", "120")), 60)
