"""Winnow settings: one module, every value read from the environment.

With nothing set, Winnow runs in its embedded mode: SQLite, Celery tasks inline, email on the
console. Setting DEBUG=0 switches to production mode, which refuses to start without a
SECRET_KEY and turns on secure cookies, HSTS and the HTTPS redirect. The README lists every
variable with its default.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
TESTING = "pytest" in sys.modules

_DEV_SECRET_KEY = "winnow-development-only-secret-key-not-for-production-use-0123456789"  # noqa: S105 (embedded mode only)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production mode (DEBUG=0) needs a long random SECRET_KEY "
            "in the environment, for example the output of: "
            'python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# The public address of the site, used in links inside emails (invitations, referee forms).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Winnow"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_ratelimit",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Single sign-on (OpenID Connect, SAML 2.0) per organisation: vetting/sso_adapter.py.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "vetting",
    "consultants",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's pages in their account's language (vetting/i18n.py).
    "vetting.i18n.UserLanguageMiddleware",
    # Cache-Control: private, no-store on every response to a signed-in user.
    "vetting.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vetting.urls"
WSGI_APPLICATION = "vetting.wsgi.application"

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
                "vetting.context_processors.navigation",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'winnow.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers (runserver threads, the inline tasks) share one file: wait for the lock
    # instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # An unreachable database is an error in seconds (a 503 page), not a hung request.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DB_CONNECT_TIMEOUT", default=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://winnow")}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # The embedded mode's cache holds sessions and kept pages too: room for more than the
    # default 300 entries, so that a busy page does not push a session out.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 10_000)
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    # A cache outage degrades to computing: a read misses, a write is dropped, each logged,
    # and the short timeouts keep a request fast while Redis is away.
    CACHES["default"]["OPTIONS"] = {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 1,
        "SOCKET_TIMEOUT": 1,
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Rate limits count in the cache: without it they let requests through (logins keep their
# lockouts, which django-axes keeps in the database). See docs/operations.md.
RATELIMIT_FAIL_OPEN = True
if DEBUG and CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # The embedded mode is one process, so a per-process cache is enough for rate limits.
    # Production (DEBUG=0) keeps the check: several gunicorn workers need CACHE_URL=redis://.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Sessions are kept in the database and read through the cache (a signed-in page reads its
# session from Redis, not from a query); with the cache down they are read from the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "vetting.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out login never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60 * 24)
# The link that proves a consultant's address at sign-up (they choose the password there).
SIGNUP_LINK_TIMEOUT = env.int("SIGNUP_LINK_TIMEOUT", default=60 * 60 * 24)

# Brute-force protection: five failures for one username from one address lock that pair
# out for fifteen minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form posts the email in a field named "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "vetting.auth.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0) or None
AXES_VERBOSE = False

# Single sign-on through django-allauth: each organisation's identity provider is read from
# the database by vetting.sso_adapter (nothing to set here per provider). allauth's own
# password and sign-up pages are not routed; its accounts are emails without usernames.
ACCOUNT_ADAPTER = "vetting.sso_adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "vetting.sso_adapter.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # an address is matched by sso_member_sign_in
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("SSO_REQUESTS_TIMEOUT", default=10)
SSO_START_RATE = env.str("SSO_START_RATE", default="30/m")

# Rate limits (django-ratelimit) on forms anyone can post to.
SIGNUP_RATE = env.str("SIGNUP_RATE", default="10/h")
PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="5/h")
# Private links (invitations, referee forms): guessing tokens gets nowhere, and slowly.
TOKEN_LINK_RATE = env.str("TOKEN_LINK_RATE", default="30/m")

# --- Email ----------------------------------------------------------------------------------
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Winnow <winnow@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work ------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Embedded mode: no broker configured, so tasks run inline in the request that queued them.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Hard time limits in seconds (each soft limit is 4/5 of its hard one): an email task sends
# one message; every other task (a batch of score cards, an export, a round of reminders, the
# outbox relay) gets the longer limit.
EMAIL_TASK_TIME_LIMIT = env.int("CELERY_EMAIL_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT * 4 // 5
# A message a worker took and never acknowledged (the worker died) goes back to the queue
# once it is older than the visibility timeout: twice the longest limit, so a task still
# running is never handed to a second worker. Workers look for such messages every tenth of
# it (at most every 10 s; kombu's default is every 100 s), so a lost task runs again within
# about 2.2 times the longest limit. docs/operations.md has the arithmetic.
BROKER_VISIBILITY_TIMEOUT = 2 * max(EMAIL_TASK_TIME_LIMIT, CELERY_TASK_TIME_LIMIT)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": max(1, min(10, BROKER_VISIBILITY_TIMEOUT // 10)),
    "unacked_restore_throttle": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = env.str("TIME_ZONE", default="UTC")
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "deadline-reminders": {
        "task": "vetting.tasks.send_deadline_reminders",
        "schedule": 60 * 60,
    },
    "referee-reminders": {
        "task": "vetting.tasks.send_referee_reminders",
        "schedule": 60 * 60,
    },
    "clarification-reminders": {
        "task": "vetting.tasks.send_clarification_reminders",
        "schedule": 60 * 60,
    },
    "call-digest": {
        "task": "vetting.tasks.send_call_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    "purge-exports": {
        "task": "vetting.tasks.purge_exports",
        "schedule": crontab(hour=3, minute=30),
    },
    # The approved-vendor register: reminders before review dates, then re-vetting rounds.
    "vendor-reminders": {
        "task": "vetting.tasks.send_vendor_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "open-due-revettings": {
        "task": "vetting.tasks.open_due_revettings",
        "schedule": crontab(hour=6, minute=45),
    },
    # Delivery reviews of hired consultants that fell due (issue 19, part 3).
    "delivery-reminders": {
        "task": "vetting.tasks.send_delivery_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    # The outbox (vetting/outbox.py): publish what the requests could not, and find work
    # that should have happened and has not. A run that waited too long is dropped: the
    # next one does the same work.
    "outbox-relay": {
        "task": "vetting.tasks.outbox_relay",
        "schedule": 30,
        "options": {"expires": 25},
    },
    "outbox-sweep": {
        "task": "vetting.tasks.outbox_sweep",
        "schedule": 5 * 60,
        "options": {"expires": 4 * 60},
    },
    # Webhook deliveries whose (re)try is due (vetting/webhooks/delivery.py).
    "webhooks-dispatch": {
        "task": "vetting.tasks.webhooks_dispatch",
        "schedule": 60,
        "options": {"expires": 50},
    },
}
# How long a publish from a request waits for the broker (one try, then the relay's turn).
OUTBOX_PUBLISH_TIMEOUT = env.float("OUTBOX_PUBLISH_TIMEOUT", default=1.0)
# The sweeper hands out again a task sent this long ago that never ran to the end...
OUTBOX_SWEEP_GRACE = timedelta(seconds=env.int("OUTBOX_SWEEP_GRACE", default=15 * 60))
# ...until it has been tried this many times (then `manage.py outbox status` lists it).
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=10)
# Done rows are deleted after this many days.
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=7)

# --- Webhooks (vetting/webhooks) ---------------------------------------------------------------
# Private, loopback and link-local addresses are refused as endpoints (the server's own
# network) unless this is on: development and tests, whose receivers run on 127.0.0.1.
WEBHOOKS_ALLOW_PRIVATE = env.bool("WEBHOOKS_ALLOW_PRIVATE", default=DEBUG or TESTING)
# Production sends events over TLS only.
WEBHOOKS_REQUIRE_HTTPS = env.bool("WEBHOOKS_REQUIRE_HTTPS", default=not DEBUG)
WEBHOOKS_CONNECT_TIMEOUT = env.float("WEBHOOKS_CONNECT_TIMEOUT", default=3.0)
WEBHOOKS_READ_TIMEOUT = env.float("WEBHOOKS_READ_TIMEOUT", default=10.0)
# An attempt whose worker died is tried again after this (longer than the timeouts).
WEBHOOKS_LEASE_SECONDS = env.int("WEBHOOKS_LEASE_SECONDS", default=60)
# Failed attempts in a row after which an endpoint is disabled (its admins are emailed).
WEBHOOKS_DISABLE_AFTER = env.int("WEBHOOKS_DISABLE_AFTER", default=10)

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The token scheme first: DRF answers a missing or revoked credential with its
        # challenge, 401 with `WWW-Authenticate: Token` (session first would make it a 403).
        "vetting.api.auth.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # DRF's parsers, with JSON nesting bounded (a deep body is a 400, not a RecursionError).
    "DEFAULT_PARSER_CLASSES": [
        "vetting.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "vetting.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "vetting.api.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "vetting.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"referee": "30/min"},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Winnow API",
    "DESCRIPTION": "Vetting social media consultants: engagements, self-assessments, reviews, "
    "reference checks, score cards and decisions. The same rules as the pages: an object you "
    "may not see is a 404, an action you may not take a 403, invalid input a 400 with field "
    "errors, a rule of the process that forbids it now (such as a locked submission) a 409.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Operations grouped by resource (engagements, submissions...) in the docs.
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Several models have a `status` or an `outcome`: one named enum each.
    "ENUM_NAME_OVERRIDES": {
        "EngagementStatusEnum": "vetting.models.EngagementStatus",
        "SubmissionStatusEnum": "vetting.models.SubmissionStatus",
        "ReviewStatusEnum": "vetting.models.ReviewStatus",
        "CheckStatusEnum": "vetting.models.CheckStatus",
        "CallOutcomeEnum": "vetting.models.CallOutcome",
        "DecisionOutcomeEnum": "vetting.models.Outcome",
        "RelationshipEnum": "consultants.models.Relationship",
        "WebhookDeliveryStateEnum": "vetting.models.DeliveryState",
        "ApprovalStateEnum": "vetting.models.ApprovalState",
        "ProfileLinkStatusEnum": "vetting.models.LinkStatus",
    },
}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=365)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": 20,
}

# --- Reference checks -----------------------------------------------------------------------
REFERENCE_LINK_DAYS = env.int("REFERENCE_LINK_DAYS", default=14)
REFERENCE_REMINDER_DAYS = (3, 7)  # after the request; the second one hands over to a call
CALL_DUE_DAYS = env.int("CALL_DUE_DAYS", default=3)
# Claim-level reference benchmarks: a confirmation rate is shown from this many judged claims
# of a kind on (below it, only the count: docs/scoring.md).
CLAIM_BENCHMARK_MIN_SAMPLE = env.int("CLAIM_BENCHMARK_MIN_SAMPLE", default=20)

# --- Internationalisation -------------------------------------------------------------------
# English is the source language (British spelling and formats); German and Spanish have
# complete catalogues in locale/ (`make messages` extracts, `make compilemessages` builds;
# tests/test_translations.py fails on any message left untranslated or fuzzy). A request's
# language: a signed-in user's own (their account), else the language cookie (the switcher),
# else the browser's Accept-Language, else English.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("de", "Deutsch"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates by name (`|date:"DATE_FORMAT"`), each language its own: vetting/formats/<lang>.
FORMAT_MODULE_PATH = ["vetting.formats"]
LANGUAGE_COOKIE_NAME = "winnow_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Uploaded and generated files -----------------------------------------------------------
# Background exports are written here. Nothing serves MEDIA_URL: every file goes out through
# a view that checks the user may see it. With several hosts, this must be a shared volume.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "media/"
# Ranking exports up to this many rows download at once; larger ones are built by a task.
EXPORT_INLINE_MAX_ROWS = env.int("EXPORT_INLINE_MAX_ROWS", default=1000)
# Background exports (record and file) are deleted this many days after they were asked for.
EXPORT_KEEP_DAYS = env.int("EXPORT_KEEP_DAYS", default=7)

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
# Where collectstatic writes and WhiteNoise serves from in production.
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Evidence files consultants attach to their answers (vetting/evidence.py): at most
# EVIDENCE_MAX_BYTES each, kept in the private `evidence` storage below and only ever served
# by a view that asks the access layer. Embedded mode: a folder outside MEDIA_ROOT and
# STATIC_ROOT that nothing serves. With EVIDENCE_S3_BUCKET: an S3-compatible bucket (AWS,
# MinIO, Ceph...) through django-storages, private objects, reached with the given keys.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
EVIDENCE_ROOT = Path(env.str("EVIDENCE_ROOT", default=str(BASE_DIR / "private_media")))
EVIDENCE_S3_BUCKET = env.str("EVIDENCE_S3_BUCKET", default="")
if EVIDENCE_S3_BUCKET:
    EVIDENCE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": EVIDENCE_S3_BUCKET,
            "endpoint_url": env.str("EVIDENCE_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("EVIDENCE_S3_REGION", default="") or None,
            "access_key": env.str("EVIDENCE_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("EVIDENCE_S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("EVIDENCE_S3_PREFIX", default=""),
            # Buckets with ACLs disabled (object ownership "bucket owner enforced") refuse
            # the header: EVIDENCE_S3_ACL= (empty) sends none, the bucket's policy decides.
            "default_acl": env.str("EVIDENCE_S3_ACL", default="private") or None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    EVIDENCE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": EVIDENCE_ROOT,
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "evidence": EVIDENCE_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Development and tests serve files straight from static/ without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security -------------------------------------------------------------------------------
# Only our own origin: every script, style and font is served from static/vendor/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz answers load balancers over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
