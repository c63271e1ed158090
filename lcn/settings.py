"""Settings for the LCN directory, configured from the environment.

Secure by default: DEBUG is off unless DEBUG=1 (scripts/serve sets it for development, where the
database is an SQLite file in the project folder). Production sets SECRET_KEY (at least 50
characters), ALLOWED_HOSTS, DATABASE_URL and, for more than one app server, REDIS_URL; the README
lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap as xstatic_bootstrap
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Off unless asked for: a production server that forgets the variable must not show tracebacks.
DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY")
if not DEBUG:
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY must be at least 50 random characters when DEBUG is off "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
elif not SECRET_KEY:
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 - only ever used with DEBUG on

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, whose forms it extends with the fields of both languages.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "simple_history",
    "phonenumber_field",
    "core.library_apps.LoginThrottlingConfig",  # django-axes, under a translated name
    "csp",
    "django_tasks",
    "core.library_apps.TaskQueueConfig",  # django-tasks-db, under a translated name
    "core",
    "people",
    "imports",
    "clusters",
    "programmes",
    "reports",
    "portal",
    "directory",
]
# Synthetic demo data for benchmarks and load tests only (generate_demo); never in production.
if env_bool("LCN_DEMO"):
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "directory.languages.RememberedLanguageMiddleware",
    "core.throttling.LoginLockoutMiddleware",
    "core.middleware.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "lcn.middleware.RejectNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the lockout flag the authentication backend sets.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lcn.urls"
WSGI_APPLICATION = "lcn.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise (e.g. postgres://user@host/db).
# Connections are kept for CONN_MAX_AGE seconds (opening one per request costs a quarter of the
# throughput) and checked before reuse, so a restarted PostgreSQL costs one error at most.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", default=True),
    )
}
if env("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: a locked-out account or address is refused before any password is hashed.
    "axes.backends.AxesStandaloneBackend",
    "portal.backends.EmailUsernameBackend",
]
# The site's page, in the visitor's language, instead of Django's English one (blocked inline style).
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:index"
LOGOUT_REDIRECT_URL = "clusters:home"

# Latvian at the plain addresses, English under /en/ (lcn/urls.py, directory/languages.py).
LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers per language (lcn/formats/<lang>/formats.py): "01.03.2013." and "1 March 2013".
FORMAT_MODULE_PATH = ["lcn.formats"]
# Off on purpose: on, Django would group every integer it shows, years too ("2 023" in the admin and
# in tables). Amounts are grouped where they are shown instead (intcomma, floatformat:"0g", the eur
# filter and django.utils.formats.number_format(force_grouping=True)).
USE_THOUSAND_SEPARATOR = False
# Texts people write (descriptions, sector and programme names, ...) have a Latvian and an English
# column (<app>/translation.py); an empty one shows the other language's text, marked with its lang.
MODELTRANSLATION_DEFAULT_LANGUAGE = "lv"
MODELTRANSLATION_LANGUAGES = ("lv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("lv", "en")}
TIME_ZONE = env("TIME_ZONE", "Europe/Riga")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Bootstrap comes from the xstatic-bootstrap package, served by whitenoise: no CDN at run time.
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor/bootstrap", xstatic_bootstrap.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "LCN <no-reply@localhost>")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# The site's address in links sent by e-mail (invitations, reporting rounds). scripts/serve sets it
# from its ADDRESS. Empty (production without it): pages use the address the request came to, and
# manage.py invite_manager needs --base-url. In development without it, runserver's usual address;
# SITE_URL_GUESSED says so, and invite_manager, run in a shell other than the server's, refuses it.
SITE_URL = env("SITE_URL")
SITE_URL_GUESSED = DEBUG and not SITE_URL
if SITE_URL_GUESSED:
    SITE_URL = "http://localhost:8000/"

# Behind a TLS-terminating proxy in production: HTTPS only, secure cookies, HSTS.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # The proxy's health probe may ask over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: scripts and styles only from the site's own static files, never inline.
# Inline SVG charts need no exception; Bootstrap's form controls draw small icons from data: URIs.
# CSP_REPORT_ONLY=1 sends the policy as Content-Security-Policy-Report-Only, to try a change first.
_CSP = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if env("CSP_REPORT_URI"):
    _CSP["DIRECTIVES"]["report-uri"] = [env("CSP_REPORT_URI")]
if env_bool("CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP

# Permissions-Policy: the site uses none of the browser's powerful features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
}

# Login throttling (django-axes) on every login form: after AXES_FAILURE_LIMIT wrong passwords an
# account, and separately an address, is refused for AXES_COOLOFF_MINUTES, unknown accounts alike.
# The counters live where every app server sees them: in Redis when REDIS_URL is set (a throttled
# try then costs two cache reads and no database write: 10 flooding clients took 60 ms of database
# work per try with the database handler), else in the database.
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if env("REDIS_URL")
    else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "core.throttling.login_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.throttling.throttled_response"
AXES_CLIENT_IP_CALLABLE = "core.throttling.client_address"
# How many proxies in front of the app append to X-Forwarded-For (nginx: 1). 0: no proxy, the
# connection's address is the client's. Never more than there are: the header is forgeable.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Password reset e-mails per address and per account in an hour.
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 5)

# Shared state for more than one app server: Redis when REDIS_URL is set, else this process's memory.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, reusing its client objects (see core.cache).
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "lcn"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions read from the cache, written through to the database, so a Redis restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Public pages for anonymous visitors are cached this many seconds (0 turns the cache off); any
# change to the directory's data invalidates them at once (see core.page_cache).
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 600)

# Background work (e-mail) goes through Django's task framework, stored in the database and run by
# `manage.py db_worker`. TASKS_BACKEND=immediate runs tasks in the request instead.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env("TASKS_BACKEND") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

PHONENUMBER_DEFAULT_REGION = "LV"
PHONENUMBER_DB_FORMAT = "E164"

# Spreadsheet uploads larger than this are refused before they are parsed.
IMPORT_MAX_FILE_SIZE = int(env("IMPORT_MAX_FILE_SIZE", str(10 * 1024 * 1024)))
# Off: it turns every cell into text ("None", "2017" as text). The resources make exports formula-safe
# themselves (clusters.resources.formula_safe), cell by cell, keeping numbers numbers.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

# Figures whose turnover, export or members change by more than this factor (up or down) from the
# cluster's previous approved year, or differ this much from the members listed, ask for confirmation.
FIGURES_CHANGE_FACTOR = float(env("FIGURES_CHANGE_FACTOR", "2"))
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Personal data: people with no current role and no change for this many months are anonymised by
# `manage.py apply_retention`; consent records name the version of the consent text people agreed to.
PERSONAL_DATA_RETENTION_MONTHS = int(env("PERSONAL_DATA_RETENTION_MONTHS", "24"))
CONSENT_TEXT_VERSION = env("CONSENT_TEXT_VERSION", "2026-11")

SIMPLE_HISTORY_REVERT_DISABLED = False

# Reporting rounds: send_round_reminders reminds clusters that have not submitted on these days
# relative to the round's deadline (negative: before it), e.g. "-7,1,7".
REPORTING_REMINDER_DAYS = sorted(int(day) for day in env_list("REPORTING_REMINDER_DAYS", "-7,1,7"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}


# --- Spreadsheet imports (the imports app) ------------------------------------------------------------
# A file with more rows than this (counted before any row is read: an .xlsx's declared dimension and row
# numbers, a text file's lines, blank ones included) is refused.
IMPORT_MAX_ROWS = int(env("IMPORT_MAX_ROWS", "500000"))
# Uploads are refused while they stream in once they pass IMPORT_MAX_FILE_SIZE (see imports.uploads);
# the proxy in front should refuse bodies a little larger (nginx: client_max_body_size 11m).
FILE_UPLOAD_HANDLERS = [
    "imports.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads go to a temporary file, never whole into memory
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the request body without its files
# Uploads larger than this are previewed by the task worker, not in the request: a preview of 100 000
# rows takes over 30 s (gunicorn's timeout) on a busy machine. 256 KB is some 7 000 csv rows, or some
# 20 000 rows of a (compressed) xlsx.
IMPORT_BACKGROUND_PREVIEW_SIZE = int(env("IMPORT_BACKGROUND_PREVIEW_SIZE", "262144"))
# A confirmed import that records no progress for this long is marked failed by purge_import_uploads
# (its worker was stopped; nothing was written). Writing 500 000 rows takes well under this.
IMPORT_JOB_STALL_SECONDS = int(env("IMPORT_JOB_STALL_SECONDS", "3600"))
# Finished import jobs (their errors may quote cells of the file, such as a contact's e-mail) are
# deleted this many days after they ended, by `manage.py purge_import_uploads`.
IMPORT_JOB_LIFETIME_DAYS = int(env("IMPORT_JOB_LIFETIME_DAYS", "30"))
# How long an uploaded file waits between the import's preview and its confirmation.
IMPORT_UPLOAD_LIFETIME = int(env("IMPORT_UPLOAD_LIFETIME", "3600"))
# Uploaded spreadsheets wait here between preview and confirm. Every app server must see the same
# place: a shared folder (IMPORT_UPLOAD_ROOT) or any Django storage backend configured here.
STORAGES = {
    **STORAGES,
    "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("IMPORT_UPLOAD_ROOT", str(BASE_DIR / "var" / "import-uploads"))},
    },
}

# --- Exports built in the background (imports.exports) ------------------------------------------------
# Excel files too large to build while a request waits are written here by the task worker, each for the
# member of staff who asked, and deleted EXPORT_LIFETIME seconds later by `manage.py purge_exports`.
# Like the imports storage, a folder every app server and the worker share, never served as media.
EXPORT_LIFETIME = int(env("EXPORT_LIFETIME", "86400"))
STORAGES = {
    **STORAGES,
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("EXPORT_ROOT", str(BASE_DIR / "var" / "exports"))},
    },
}
