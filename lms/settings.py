"""MuNet Aula settings: one module, driven by environment variables.

Every variable, its default and its meaning is listed in the README. The
embedded default (no variables but `DEBUG=true`) is SQLite, files on local
disk, e-mail on the console and Celery tasks run eagerly without a broker.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from lms.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DIR = BASE_DIR / ".local"

DEBUG = env_bool("DEBUG", default=False)


def _secret_key() -> str:
    configured = env_str("SECRET_KEY")
    if configured:
        return configured
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production settings refuse to start without it; "
            "set DEBUG=true for local development (a key is then generated in .local/)."
        )
    key_file = LOCAL_DIR / "secret_key"
    if not key_file.exists():
        LOCAL_DIR.mkdir(exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Private keys that sign certificates live here, never in the database
# (certification.keys; `manage.py certificate_key_generate` makes one).
CERTIFICATE_KEYS_DIR = Path(
    env_str("CERTIFICATE_KEYS_DIR", str(BASE_DIR / ".local" / "certificate-keys"))
)
# Look-ups per minute and client address on the public verification page.
VERIFY_RATE_PER_MINUTE = env_int("VERIFY_RATE_PER_MINUTE", 60)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "programs",
    "content",
    "courses",
    "assessments",
    "certification",
    "authoring",
    "reporting",
    "frontend",
    "lms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages shrink about tenfold on slow municipal connections; Django pads the
    # compressed body against BREACH, and CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "frontend.middleware.LanguageMiddleware",
    "lms.api.ApiLanguageMiddleware",
    "frontend.middleware.ProgrammeTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontend.context_processors.navigation",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the development server read while a heartbeat writes; the
    # timeout makes concurrent writers wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation pays off for long analytical queries, not for pages: on the
    # municipality table of 5,000 municipalities it spent 2.6 s compiling a 0.8 s
    # query. PG_JIT=on gives it back (e.g. for a reporting replica).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit={'on' if env_bool('PG_JIT', False) else 'off'}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------
_cache_url = env_str("CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- People and authentication ---------------------------------------------
AUTH_USER_MODEL = "programs.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 14 * 24 * 3600)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and time ----------------------------------------------------
LANGUAGE_CODE = "es"
# The four official languages of the OAS, each with a complete catalogue
# (tests/test_catalogues.py fails on an untranslated or fuzzy entry).
LANGUAGES = [
    ("es", _("Spanish")),
    ("en", _("English")),
    ("pt-br", _("Brazilian Portuguese")),
    ("fr", _("French")),
]
LOCALE_PATHS = [BASE_DIR / "frontend" / "locale"]
FORMAT_MODULE_PATH = ["lms.formats"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Front-end packages installed at set-up from frontend/package-lock.json (never
# committed): the H5P player is served as /static/h5p-standalone/.
H5P_PLAYER_DIR = BASE_DIR / "frontend" / "node_modules" / "h5p-standalone" / "dist"
STATICFILES_DIRS = [("h5p-standalone", H5P_PLAYER_DIR)] if H5P_PLAYER_DIR.is_dir() else []
# In development whitenoise serves straight from the apps' static folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# H5P packages (content.h5p): refused beyond these, before anything is stored.
H5P_MAX_ENTRIES = env_int("H5P_MAX_ENTRIES", 5000)
H5P_MAX_UNCOMPRESSED_BYTES = env_int("H5P_MAX_UNCOMPRESSED_BYTES", 500 * 1024 * 1024)
H5P_MAX_FILE_BYTES = env_int("H5P_MAX_FILE_BYTES", 200 * 1024 * 1024)
H5P_MAX_RATIO = env_int("H5P_MAX_RATIO", 100)
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

# --- E-mail ----------------------------------------------------------------
# EMAIL_BACKEND picks the mailer: smtp (production default), console
# (development default), file (into EMAIL_FILE_PATH) or memory.
_MAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}
_mail_backend = env_str("EMAIL_BACKEND", "console" if DEBUG else "smtp")
if _mail_backend not in _MAIL_BACKENDS:
    raise ImproperlyConfigured(f"EMAIL_BACKEND must be one of {', '.join(_MAIL_BACKENDS)}")
_mail_options = {
    "smtp": {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", default=False),
        "timeout": 20,
    },
    "file": {"file_path": env_str("EMAIL_FILE_PATH", str(LOCAL_DIR / "mail"))},
}.get(_mail_backend, {})
MAILERS = {"default": {"BACKEND": _MAIL_BACKENDS[_mail_backend], "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "MuNet Aula <aula@localhost>")

# --- Celery ----------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or None
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Run by `celery -A lms beat` in production.
CELERY_BEAT_SCHEDULE = {
    # Submits quiz attempts whose deadline passed while nobody opened them.
    "close-overdue-quiz-attempts": {"task": "assessments.close_overdue_attempts", "schedule": 60},
    # Monday 12:00 UTC (morning in the Americas): officials behind, then managers' summary.
    "reporting-official-reminders": {
        "task": "reporting.send_official_reminders",
        "schedule": crontab(minute=0, hour=12, day_of_week="mon"),
    },
    "reporting-municipalities-behind": {
        "task": "reporting.send_municipalities_behind_notices",
        "schedule": crontab(minute=30, hour=12, day_of_week="mon"),
    },
    # Hourly: municipalities that reached H2 and were not announced yet (once each).
    "reporting-h2-notices": {"task": "reporting.send_h2_notices", "schedule": crontab(minute=15)},
}

# --- Study time -------------------------------------------------------------
# How often an open activity page reports active study time (courses.rules).
HEARTBEAT_INTERVAL_SECONDS = env_int("HEARTBEAT_INTERVAL_SECONDS", 30)

# --- Reporting --------------------------------------------------------------
# At most how old the programme overview's study figures may be (reporting.selectors);
# certificates, H2 and enrolments show at once whatever this says. 0 = no cache.
REPORTING_OVERVIEW_CACHE_SECONDS = env_int("REPORTING_OVERVIEW_CACHE_SECONDS", 60)

# --- REST API --------------------------------------------------------------
# Plumbing in lms/api.py: tokens, scopes, per-token throttling, RFC 9457 problems.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a request without credentials gets 401 with WWW-Authenticate.
        "lms.api.ApiTokenAuthentication",
        "lms.api.BrowserSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "lms.api.TokenScopePermission",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["lms.api.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "lms.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "SEARCH_PARAM": "q",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["lms.api.JsonParser"],
    "EXCEPTION_HANDLER": "lms.api.exception_handler",
    # Throttles per address read X-Forwarded-For only behind our proxy, and then only
    # the address it appended (as the verification page does); else a client would
    # choose its own address, and its own budget, with each request.
    "NUM_PROXIES": 1 if env_bool("BEHIND_TLS_PROXY", default=False) else 0,
    "DEFAULT_SCHEMA_CLASS": "lms.api_schema.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        # Per personal token, whatever the endpoint.
        "api_token": env_str("API_TOKEN_THROTTLE_RATE", "600/min"),
        "heartbeat": env_str("HEARTBEAT_THROTTLE_RATE", "12/min"),
        # Scored content sends a statement per answer: a question set, a few a minute.
        "scored_result": env_str("SCORED_RESULT_THROTTLE_RATE", "60/min"),
        # Public, per address: as the verification page's look-ups.
        "certificate_verify": env_str("CERTIFICATE_VERIFY_THROTTLE_RATE", "60/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "MuNet Aula API",
    "DESCRIPTION": (
        "Programmes, municipalities and their teams, courses and runs, enrolments, "
        "progress and the hours ledger, grades, certificates and xAPI statements. "
        "Authenticate with the browser session or a personal token "
        "(`Authorization: Bearer mna_…`, created on the account page, read-only or "
        "read and write). Lists take `limit` and `offset`; errors are RFC 9457 "
        "problems (`application/problem+json`) in the language of `Accept-Language` "
        "(es, en, pt-br, fr), else the person's own."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lms.api_schema.drop_storage_bounds",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "programs.models.Language.choices",
        "RoleEnum": "programs.models.Role.choices",
        "TeamRoleEnum": "programs.serializers.TEAM_ROLE_CHOICES",
        "MunicipalityStatusEnum": "programs.serializers.MUNICIPALITY_STATUSES",
        "EnrolmentStatusEnum": "courses.serializers.ENROLMENT_STATUSES",
        "ActivityKindEnum": "courses.models.ActivityKind.choices",
        "LedgerEntryKindEnum": "courses.serializers.LEDGER_ENTRY_KINDS",
        "CertificateStatusEnum": "certification.serializers.CERTIFICATE_STATUSES",
        "RevocationReasonEnum": "certification.models.RevocationReason.choices",
        "VerificationStatusEnum": "certification.serializers.VERIFICATION_STATUSES",
    },
}

# --- Security --------------------------------------------------------------
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF, "https:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Logging ---------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Celery logs every task it runs; run eagerly (the embedded default) that is
    # a line per heartbeat's eligibility check. Workers log their own tasks.
    "loggers": {"celery.app.trace": {"level": env_str("TASK_LOG_LEVEL", "WARNING")}},
}
