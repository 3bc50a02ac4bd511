"""Settings for unionhome. Everything comes from environment variables (see README, "Production").

SQLite under var/ is the embedded default; DATABASE_URL switches to PostgreSQL.
With UNIONHOME_PRODUCTION=1 the platform refuses to start without its secrets.
"""
from __future__ import annotations

from pathlib import Path

import dj_database_url

from unionhome.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("UNIONHOME_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)

PRODUCTION = env_bool("UNIONHOME_PRODUCTION", False)
DEBUG = env_bool("UNIONHOME_DEBUG", not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = env_str("UNIONHOME_SECRET_KEY")
    FIELD_ENCRYPTION_KEYS = env_list("UNIONHOME_FIELD_KEYS", [])
    if not FIELD_ENCRYPTION_KEYS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("UNIONHOME_FIELD_KEYS is required in production")
    BLIND_INDEX_KEY = env_str("UNIONHOME_BLIND_INDEX_KEY")
else:
    # Development and test keys: never used when UNIONHOME_PRODUCTION=1.
    SECRET_KEY = env_str("UNIONHOME_SECRET_KEY", "dev-insecure-secret-key-change-me-0123456789abcdef")
    FIELD_ENCRYPTION_KEYS = env_list(
        "UNIONHOME_FIELD_KEYS", ["k1:ZGV2LWZpZWxkLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE="]
    )
    BLIND_INDEX_KEY = env_str("UNIONHOME_BLIND_INDEX_KEY", "dev-blind-index-key")

ALLOWED_HOSTS = env_list("UNIONHOME_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("UNIONHOME_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from local static files instead of a CDN
    "django_tasks",
    "django_tasks_db",  # background work in the database itself: no broker to run (manage.py db_worker)
    "unionhome.core",
    "unionhome.org",
    "unionhome.jobs",
    "unionhome.members",
    "unionhome.committees",
    "unionhome.accounts",
    "unionhome.notifications",
    "unionhome.funds",
    "unionhome.care",
    "unionhome.activities",
    "unionhome.competitions",
    "unionhome.elections",
    "unionhome.suggestions",
    "unionhome.disclosures",
    "unionhome.meetings",
    "unionhome.study",
    "unionhome.awards",
    "unionhome.plans",
    "unionhome.reports",
    "unionhome.assessment",
    "unionhome.records",
    "unionhome.dashboard",
    "unionhome.demo",
    "unionhome.backups",
]

# The Page* middleware are Django's (and whitenoise's, django-htmx's) skipped on an API request without a session
# cookie (``core.middleware.token_api_request``): a bearer-token request has no session, CSRF, messages or htmx.
MIDDLEWARE = [
    "unionhome.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "unionhome.core.middleware.PageWhiteNoiseMiddleware",
    "unionhome.core.middleware.PageSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "unionhome.core.middleware.PageCsrfViewMiddleware",
    "unionhome.core.middleware.PageAuthenticationMiddleware",
    "unionhome.core.middleware.PageMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "unionhome.core.middleware.PageHtmxMiddleware",
    "unionhome.accounts.middleware.UnionContextMiddleware",
    "unionhome.core.middleware.SecurityHeadersMiddleware",
    "unionhome.core.middleware.BadParameterMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so its redirect leaves through the others (security headers, request log) like any answer.
    "unionhome.org.middleware.FirstRunMiddleware",
]
# Django's deploy check looks for CsrfViewMiddleware by name; ours is that class (a subclass), run on every request
# that carries a session cookie (core/tests/test_production.py checks it stays so).
SILENCED_SYSTEM_CHECKS = ["security.W003"]

ROOT_URLCONF = "unionhome.urls"
WSGI_APPLICATION = "unionhome.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["unionhome.core.templatetags.core_forms"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "unionhome.accounts.context_processors.union_context",
                "unionhome.notifications.context_processors.inbox",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("UNIONHOME_SQLITE_PATH", str(VAR_DIR / "unionhome.sqlite3")),
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE avoids
                # "database is locked" upgrades inside transactions.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
# The burst paths' statements are prepared on each connection (core/statements.py); 0 behind a proxy that pools
# transactions and cannot keep a connection's prepared statements.
UNIONHOME_PG_PREPARED = env_bool("UNIONHOME_PG_PREPARED", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth, sessions, lockout ---------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "unionhome.accounts.backends.MemberLoginBackend",  # mobile or card number (issue 9 §2)
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # MLPS 2.0 (等保) complexity: at least 3 of 4 character classes.
    {"NAME": "unionhome.accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Idle logout after 30 minutes: the session's expiry is renewed by every request but a page's pictures
# (core.middleware.PageSessionMiddleware, which is why SESSION_SAVE_EVERY_REQUEST is off).
SESSION_COOKIE_AGE = env_int("UNIONHOME_IDLE_SECONDS", 30 * 60)
# Several app servers share one database, so everything that must be seen by all of them lives there: sessions,
# lockouts (axes' database handler) and the API tokens. Nothing in the platform uses Django's cache (a per-process
# memory cache would differ between servers); core/tests/test_shared_state.py keeps it that way.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
SESSION_SAVE_EVERY_REQUEST = False  # the idle clock: PageSessionMiddleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

AXES_FAILURE_LIMIT = env_int("UNIONHOME_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = env_int("UNIONHOME_LOCKOUT_MINUTES", 30) / 60  # hours
# Failures count per (account, source address): a stranger mistyping the chair's username locks out only
# their own address, and the owner's known device (accounts/lockout.py) is never locked out by others.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_WHITELIST_CALLABLE = "unionhome.accounts.lockout.known_device"
# Behind nginx (several app servers) every request comes from the proxy: set UNIONHOME_PROXY_COUNT to the number of
# reverse proxies in front, so the lockout and the audit see the device's address (core.middleware.client_ip).
UNIONHOME_PROXY_COUNT = env_int("UNIONHOME_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "unionhome.core.middleware.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Two factors (TOTP, with one-time recovery codes) for the roles that reach money, needy members' files or the
# platform itself; anyone else may enrol from 我的账号. The password step leaves a pending login in the session
# for at most UNIONHOME_2FA_PENDING_SECONDS; only the second step logs in (accounts/two_factor.py).
UNIONHOME_2FA_ROLES = env_list("UNIONHOME_2FA_ROLES", ["chair", "finance", "auditor", "hardship_officer", "admin"])
UNIONHOME_2FA_PENDING_SECONDS = env_int("UNIONHOME_2FA_PENDING_SECONDS", 5 * 60)
OTP_TOTP_ISSUER = env_str("UNIONHOME_2FA_ISSUER", "职工之家")

# --- I18n -----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# ISO first among the input formats of every language: a date input refuses 2026/11/30 and shows blank.
FORMAT_MODULE_PATH = ["unionhome.core.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("UNIONHOME_MEDIA_ROOT", str(VAR_DIR / "media")))

# Backups (manage.py backup / restore): sealed with this key (base64 of 32 bytes; keep a copy away from the
# backups). Production has no default: a backup without a key of its own is refused.
BACKUP_KEY = env_str("UNIONHOME_BACKUP_KEY", "" if PRODUCTION else "ZGV2LWJhY2t1cC1rZXktMDEyMzQ1Njc4OWFiY2RlZiE=")
BACKUP_DIR = Path(env_str("UNIONHOME_BACKUP_DIR", str(VAR_DIR / "backups")))
PG_BIN_DIR = env_str("UNIONHOME_PG_BIN", "")  # where pg_dump / pg_restore / psql are, when not on PATH
# Where uploaded and generated files are kept (README, "Several app servers"): "files" = the directory MEDIA_ROOT
# (one shared directory for several servers), "s3" = an S3-compatible bucket (core/storage_s3.py). Either way every
# file is written whole or not at all and served only through the app's permission-checked views.
UNIONHOME_STORAGE = env_str("UNIONHOME_STORAGE", "files")
if UNIONHOME_STORAGE == "files":
    DEFAULT_STORAGE = {"BACKEND": "unionhome.core.storage.SafeFileSystemStorage"}
elif UNIONHOME_STORAGE == "s3":
    DEFAULT_STORAGE = {"BACKEND": "unionhome.core.storage_s3.PrivateS3Storage", "OPTIONS": {
        "bucket_name": env_str("UNIONHOME_S3_BUCKET"),
        "endpoint_url": env_str("UNIONHOME_S3_ENDPOINT_URL", "") or None,  # empty: AWS itself
        "region_name": env_str("UNIONHOME_S3_REGION", "") or None,
        # Empty: boto3's own chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, an instance role).
        "access_key": env_str("UNIONHOME_S3_ACCESS_KEY_ID", "") or None,
        "secret_key": env_str("UNIONHOME_S3_SECRET_ACCESS_KEY", "") or None,
        "location": env_str("UNIONHOME_S3_PREFIX", ""),  # a folder inside the bucket, e.g. "unionhome"
        "addressing_style": env_str("UNIONHOME_S3_ADDRESSING_STYLE", "") or None,  # "path" for MinIO without DNS
        "default_acl": None,  # private: the bucket's default, never public-read
        "querystring_auth": True,  # (no URL is ever handed out: PrivateS3Storage.url refuses)
        "file_overwrite": False,  # a name taken gets another, as on the disk
        "max_memory_size": 5 * 1024 * 1024,  # a download larger than this is spooled to a temporary file
    }}
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"UNIONHOME_STORAGE must be files or s3, got {UNIONHOME_STORAGE!r}")
STORAGES = {
    # Uploads written whole or not at all (core/storage.py); several servers share the directory or the bucket.
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Uploads: xlsx files are zips, so the import also checks the unpacked size.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UNIONHOME_MAX_UPLOAD_BYTES = env_int("UNIONHOME_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
UNIONHOME_MAX_UNPACKED_BYTES = env_int("UNIONHOME_MAX_UNPACKED_BYTES", 400 * 1024 * 1024)
UNIONHOME_MAX_UNPACK_RATIO = env_int("UNIONHOME_MAX_UNPACK_RATIO", 100)
# A member search counts at most this many hits; beyond it the list says "10,000+" (P3 in docs/benchmarks.md).
UNIONHOME_SEARCH_COUNT_CAP = env_int("UNIONHOME_SEARCH_COUNT_CAP", 10_000)

# --- Security headers -----------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("UNIONHOME_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe the app servers over plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("UNIONHOME_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_client_tracebacks": {"()": "unionhome.core.log_filters.NoTracebackForClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # a refused request logs one line; server errors keep their traceback
        "django.request": {"level": "WARNING", "filters": ["no_client_tracebacks"]},
        # one JSON line per request (core.middleware.RequestLogMiddleware): on in production, or with
        # UNIONHOME_REQUEST_LOG=1
        "unionhome.requests": {"level": "INFO" if env_bool("UNIONHOME_REQUEST_LOG", PRODUCTION) else "WARNING"},
    },
}

# --- Notifications (unionhome/notifications/channels.py) -----------------------------
# Email goes out through Django's email backend once a mail server is configured; SMS and 企业微信 are
# sender classes listed here (none by default; ...channels.ConsoleSmsSender prints, for development).
EMAIL_BACKEND = env_str("UNIONHOME_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("UNIONHOME_EMAIL_HOST", "")
EMAIL_PORT = env_int("UNIONHOME_EMAIL_PORT", 465)
EMAIL_HOST_USER = env_str("UNIONHOME_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("UNIONHOME_EMAIL_PASSWORD", "")
EMAIL_USE_SSL = env_bool("UNIONHOME_EMAIL_SSL", True)
DEFAULT_FROM_EMAIL = env_str("UNIONHOME_EMAIL_FROM", EMAIL_HOST_USER or "noreply@localhost")
UNIONHOME_NOTIFY_EMAIL = env_bool("UNIONHOME_NOTIFY_EMAIL", bool(EMAIL_HOST))
UNIONHOME_NOTIFY_SENDERS = env_list("UNIONHOME_NOTIFY_SENDERS", [])
UNIONHOME_SITE_URL = env_str("UNIONHOME_SITE_URL", "http://127.0.0.1:8000")
# Background tasks (django-tasks): queued in the database, run by `manage.py db_worker` (./run starts one).
TASKS = {"default": {"BACKEND": env_str("UNIONHOME_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

UNIONHOME_DEMO_PASSWORD = env_str("UNIONHOME_DEMO_PASSWORD", "Demo-2026")

TEST_RUNNER = "django.test.runner.DiscoverRunner"
