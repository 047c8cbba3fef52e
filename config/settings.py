"""NicheRank settings. Every value comes from the environment. The defaults are safe for production
(DEBUG off, a secret key required, HTTPS-only cookies); the embedded demo (`make run`, the tests) sets
DJANGO_DEBUG=1, which gives SQLite, tasks run in-process and anonymous read. Production settings:
docs/operations.md."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str
from targets.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "embedded-demo-only-not-secret" if DEBUG else "")
if not SECRET_KEY:
    raise ValueError("DJANGO_SECRET_KEY must be set unless DJANGO_DEBUG=1 (the embedded demo)")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "simple_history",
    "targets",
]

MIDDLEWARE = [
    "targets.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "targets.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "targets.middleware.InputGuardMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A kept connection the server closed (restart, failover) is replaced before the request uses it.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "ranking"
LOGOUT_REDIRECT_URL = "ranking"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Chart.js comes from the npm registry at set-up (`npm ci`, see the Makefile); pages work without it.
CHARTJS_DIR = BASE_DIR / "node_modules" / "chart.js" / "dist"
STATICFILES_DIRS = [BASE_DIR / "static"] + ([("vendor/chartjs", CHARTJS_DIR)] if CHARTJS_DIR.is_dir() else [])
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STATIC_ROOT = BASE_DIR / "staticfiles"

# --- NicheRank ---------------------------------------------------------------------------------
# Anonymous users may read (rankings, targets) in the embedded demo; production turns it off.
NICHERANK_ANONYMOUS_READ = env_bool("NICHERANK_ANONYMOUS_READ", DEBUG)
NICHERANK_CATALOGUE_PATH = Path(env_str("NICHERANK_CATALOGUE", str(BASE_DIR / "data" / "msc_aml_targets.csv")))
NICHERANK_AGENTS_PATH = Path(env_str("NICHERANK_AGENTS", str(BASE_DIR / "data" / "catalogue_agents.csv")))
NICHERANK_INTERACTIONS_PATH = Path(env_str("NICHERANK_INTERACTIONS", str(BASE_DIR / "data" / "interactions.csv")))
NICHERANK_EVIDENCE_PATH = Path(env_str("NICHERANK_EVIDENCE", str(BASE_DIR / "data" / "evidence.csv")))
NICHERANK_SAFETY_PATH = Path(env_str("NICHERANK_SAFETY", str(BASE_DIR / "data" / "safety.csv")))
NICHERANK_ESSENTIALS_DIR = Path(env_str("NICHERANK_ESSENTIALS", str(BASE_DIR / "data" / "open-data" / "hart2017")))
NICHERANK_PUBLICATIONS_PATH = Path(
    env_str("NICHERANK_PUBLICATIONS", str(BASE_DIR / "data" / "open-data" / "ncbi" / "gene_publications.tsv.gz"))
)
NICHERANK_DEFAULT_PROFILE = env_str("NICHERANK_DEFAULT_PROFILE", "balanced")
NICHERANK_STABILITY_SAMPLES = env_int("NICHERANK_STABILITY_SAMPLES", 1000)
# Values from assembled (illustrative, not fetched) source records are shown but do not move rankings.
NICHERANK_RANK_ASSEMBLED_DATA = env_bool("NICHERANK_RANK_ASSEMBLED_DATA", False)
# Without a broker a refresh started from the web or the API would run inside the request (minutes when the
# sources are unreachable); it is refused unless this is on. `manage.py refresh` always works.
NICHERANK_REFRESH_IN_PROCESS = env_bool("NICHERANK_REFRESH_IN_PROCESS", False)

# Batch requests carry many ids (a 100,000-id batch is about 2 MB of JSON); larger bodies get a JSON 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("NICHERANK_MAX_REQUEST_MB", 64) * 2**20

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "targets.api.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "targets.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["targets.api.permissions.ReadOrCurate"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "targets.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "targets.api.pagination.ApiPagination",
    "PAGE_SIZE": env_int("NICHERANK_PAGE_SIZE", 50),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "targets.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["targets.api.throttling.UserThrottle", "targets.api.throttling.AnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_str("NICHERANK_THROTTLE_USER", "100000/hour"),
        "anon": env_str("NICHERANK_THROTTLE_ANON", "20000/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NicheRank API",
    "DESCRIPTION": "Ranked therapeutic targets of the MSC-AML niche, with evidence, drugs, trials and provenance.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI's scripts and styles are served from the drf-spectacular-sidecar package (no CDN): /api/docs/
    # works offline and its Content-Security-Policy allows only this site.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"StageEnum": "targets.choices.Stage", "CompartmentEnum": "targets.choices.Compartment"},
}

# Throttle counters and other shared state: Redis in production (every gunicorn worker sees the same
# counts), process memory in the embedded demo.
NICHERANK_CACHE_URL = env_str("NICHERANK_CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": NICHERANK_CACHE_URL}
        if NICHERANK_CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Celery ------------------------------------------------------------------------------------
# Without a broker URL the tasks run in-process (eager), so nobody needs Redis to try the service.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "nicherank")
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 900)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 840)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Workers log through Django's LOGGING (JSON lines with the request id of the request that queued the task).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Refresh tasks acknowledge late (they are safe to repeat): take one message at a time, re-deliver the ones
# a lost worker held, and keep chord results long enough for the slowest source.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 7200)}
CELERY_RESULT_EXPIRES = env_int("CELERY_RESULT_EXPIRES", 86400)
# Publishing from a web request must not hang when Redis is down: short socket timeouts, bounded retries
# (the outbox keeps what could not be published, targets/outbox.py).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS.update({"socket_connect_timeout": 2, "socket_timeout": 5, "max_retries": 1})
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_REDIS_BACKEND_HEALTH_CHECK_INTERVAL = 10
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"timeout": 2.0}}
CELERY_BEAT_SCHEDULE = {
    # outbox, worker heartbeat for /readyz, lost refresh runs
    "nicherank-maintenance": {
        "task": "targets.maintenance",
        "schedule": float(env_int("NICHERANK_MAINTENANCE_SECONDS", 60)),
    },
    "nicherank-prune-runs": {"task": "targets.prune_runs", "schedule": 24 * 3600.0},
}

# Background refresh (targets/refresh): where the sources are, how patient to be, how many targets per task.
NICHERANK_SOURCE_URLS = {
    "opentargets": env_str("NICHERANK_OPENTARGETS_URL", ""),
    "chembl": env_str("NICHERANK_CHEMBL_URL", ""),
    "clinicaltrials": env_str("NICHERANK_CLINICALTRIALS_URL", ""),
    "dgidb": env_str("NICHERANK_DGIDB_URL", ""),
}  # empty: the connector's public default
NICHERANK_REFRESH_BATCH_SIZE = env_int("NICHERANK_REFRESH_BATCH_SIZE", 25)
NICHERANK_REFRESH_CONNECT_TIMEOUT = float(env_str("NICHERANK_REFRESH_CONNECT_TIMEOUT", "5"))
NICHERANK_REFRESH_READ_TIMEOUT = float(env_str("NICHERANK_REFRESH_READ_TIMEOUT", "60"))
NICHERANK_REFRESH_MAX_TRIES = env_int("NICHERANK_REFRESH_MAX_TRIES", 5)
NICHERANK_REFRESH_BACKOFF = float(env_str("NICHERANK_REFRESH_BACKOFF", "1"))
# Seconds between requests to one source; empty keeps each connector's polite default.
NICHERANK_REFRESH_MIN_INTERVAL = (
    float(env_str("NICHERANK_REFRESH_MIN_INTERVAL")) if env_str("NICHERANK_REFRESH_MIN_INTERVAL") else None
)
# A batch whose source is still down after the connector's tries is retried by Celery this many times,
# waiting NICHERANK_REFRESH_TASK_BACKOFF seconds, doubled each time (capped at 15 minutes), before it fails.
NICHERANK_REFRESH_TASK_RETRIES = env_int("NICHERANK_REFRESH_TASK_RETRIES", 2)
NICHERANK_REFRESH_TASK_BACKOFF = env_int("NICHERANK_REFRESH_TASK_BACKOFF", 60)
# A run still queued or running after this many seconds was lost with its worker; it is closed as failed.
NICHERANK_REFRESH_ABANDON_AFTER = env_int("NICHERANK_REFRESH_ABANDON_AFTER", 6 * 3600)
NICHERANK_SNAPSHOT_PATH = Path(
    env_str("NICHERANK_SNAPSHOT", str(BASE_DIR / "data" / "snapshot" / "source_records.json"))
)

# One JSON object a line (time, level, logger, message, request id) in production; a readable line otherwise.
LOGGING = logging_config(
    json_logs=env_bool("NICHERANK_JSON_LOGS", not DEBUG), level=env_str("NICHERANK_LOG_LEVEL", "INFO")
)

# --- Production hardening (docs/operations.md) -------------------------------------------------
# API tokens expire after this many hours (0: never); a password change invalidates them at once.
NICHERANK_TOKEN_TTL_HOURS = env_int("NICHERANK_TOKEN_TTL_HOURS", 24 * 30)
# Failed sign-ins (token endpoint and login page) per username and per address before a 429, and for how long.
NICHERANK_LOGIN_MAX_FAILURES = env_int("NICHERANK_LOGIN_MAX_FAILURES", 10)
NICHERANK_LOGIN_LOCKOUT_SECONDS = env_int("NICHERANK_LOGIN_LOCKOUT_SECONDS", 900)
# Largest batch / what-if request (identifiers) for users who are not admins: beyond it a 413.
NICHERANK_MAX_IDS = env_int("NICHERANK_MAX_IDS", 20000)
# A queued refresh never picked up, or a running one silent for this long, is reaped (beat, every minute).
NICHERANK_REFRESH_STUCK_AFTER = env_int("NICHERANK_REFRESH_STUCK_AFTER", 600)
# Ranking runs: keep the named (not triggered by an edit) ones, the newest N per profile, and those younger
# than D days; older edit-triggered runs are compacted (their rows deleted, the run kept as a record).
NICHERANK_KEEP_RUNS = env_int("NICHERANK_KEEP_RUNS", 50)
NICHERANK_KEEP_RUN_DAYS = env_int("NICHERANK_KEEP_RUN_DAYS", 14)
# Content-Security-Policy for every response; pages only load scripts and styles from this site.
NICHERANK_CSP = env_str(
    "NICHERANK_CSP",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
)
NICHERANK_CSP_DOCS = env_str(
    "NICHERANK_CSP_DOCS",
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
)

if not DEBUG:
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto (compose's default is plain HTTP on
    # 127.0.0.1: DJANGO_SECURE_SSL_REDIRECT=0 and DJANGO_SECURE_COOKIES=0 there).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # container health checks speak plain HTTP
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    X_FRAME_OPTIONS = "DENY"
