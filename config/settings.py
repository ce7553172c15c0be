"""Settings for the archive, read from the environment.

Local use needs no variable: without ``DATABASE_URL`` an embedded PostgreSQL starts from
``.pgdata/``. Production is the same file with other variables (see README.md).
"""

import importlib.util
import logging
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from archive.ops.catalogs import compile_catalogs
from config.database import database_from_url, embedded_database
from config.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
# Connections from a psycopg pool in each process instead of one kept per worker
# (README.md, "Beyond one machine"): DATABASE_POOL=<most connections per process>.
DATABASE_POOL = env_int("DATABASE_POOL", 0)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # A deployment (DATABASE_URL set, DEBUG off) must bring its own key.
    if DATABASE_URL and not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "reversion",
    "config.apps.AxesConfig",  # django-axes, named in Arabic
    "archive",
]

# Development tools (benchmarks, the corpus generator, quality and hostile-input
# reports): a separate app, installed only with DEV_TOOLS=1. The test settings and
# the Makefile set it; the production image leaves the app out altogether.
DEV_TOOLS = env_bool("DEV_TOOLS", default=False)
if DEV_TOOLS:
    if importlib.util.find_spec("devtools") is None:
        raise ImproperlyConfigured(
            "DEV_TOOLS=1, but the devtools app is not here: it is left out of the "
            "production image."
        )
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a page served from the cache touches neither.
    "archive.web.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins from one address for one username lock them out for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL, pool=DATABASE_POOL)}
else:
    # PGDATA_DIR: another data directory for it (a relative path is from BASE_DIR).
    _data_dir = BASE_DIR / (os.environ.get("PGDATA_DIR", "").strip() or ".pgdata")
    DATABASES = {"default": embedded_database(_data_dir)}
# Read replicas (README.md, "Beyond one machine"): reads go to them, writes and
# editors' requests to the primary (config/routers.py).
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    DATABASES[f"replica{_number}"] = {
        **database_from_url(_url, pool=DATABASE_POOL),
        "TEST": {"MIRROR": "default"},
    }
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("axes.middleware.AxesMiddleware"),
        "config.routers.PrimaryForEditorsMiddleware",
    )

_VALIDATORS = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _VALIDATORS + "UserAttributeSimilarityValidator"},
    {"NAME": _VALIDATORS + "MinimumLengthValidator"},
    {"NAME": _VALIDATORS + "CommonPasswordValidator"},
    {"NAME": _VALIDATORS + "NumericPasswordValidator"},
]

# Arabic interface, the admin included. Counted phrases go through gettext with the
# catalogs in locale/ (Arabic's six plural forms; archive.ops.catalogs compiles them).
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Compiled here, before anything can load them (gettext keeps a loaded catalog for
# the life of the process), when a checkout has none yet or a .po is newer: without
# them the counted phrases would read as their English message ids. `make install`
# and the image compile them beforehand; a read-only tree that lacks them is logged.
try:
    compile_catalogs()
except OSError as exc:
    logging.getLogger(__name__).warning("translation catalogs not compiled: %s", exc)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Two caches: "default" for counts (facets, charts, index pages; archive.web.cache)
# and "pages" for whole pages served to readers (archive.web.pagecache). Both are kept
# per process (make run is one) unless CACHE_URL names a Redis server (redis://...) or
# CACHE_DIR a directory that every worker process shares (README.md, "Caches").
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
CACHE_DIR = os.environ.get("CACHE_DIR", "").strip()
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("CACHE_URL must be a redis:// URL")
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": f"archive-{alias}",
        }
        for alias in ("default", "pages")
    }
elif CACHE_DIR:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIR,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.path.join(CACHE_DIR, "pages"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2_000},
        },
    }
# Readers' pages, whole (archive.web.pagecache): on unless PAGE_CACHE=0 (off by default
# with DEBUG, so that a changed template shows at once). A page is
# dropped by the next write to the archive, or after PAGE_CACHE_TTL seconds unused;
# browsers and a CDN may keep a public page PAGE_CACHE_MAX_AGE seconds.
PAGE_CACHE = env_bool("PAGE_CACHE", default=not DEBUG)
PAGE_CACHE_TTL = env_int("PAGE_CACHE_TTL", 600)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 0 if DEBUG else 60)
PAGE_CACHE_MAX_BYTES = env_int("PAGE_CACHE_MAX_BYTES", 2_000_000)

# A CDN in front of the static files: STATIC_URL=https://cdn.example.org/static/
STATIC_URL = os.environ.get("STATIC_URL", "static/")
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves hashed, compressed copies made by collectstatic (STATIC_MANIFEST=1,
# as the Dockerfile does); elsewhere whitenoise serves straight from static/.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour, opted into now

# Where readers report an extraction error (the /about/extraction/ page): an address
# the editors read. Unset, the page asks readers to reach the editors another way.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "").strip()

# Results per page in lists and in the API.
PAGE_SIZE = env_int("PAGE_SIZE", 20)

# Behind HTTPS (production): secure cookies, HSTS, redirect plain HTTP.
HTTPS = env_bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS  # the archive is HTTPS-only wherever HTTPS=1
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
