"""Settings shared by every environment; each value comes from the environment via django-environ."""

import datetime
from pathlib import Path

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is optional; real deployments set the environment directly.
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "axes",
    "django_tasks_db",
    "common",
    "clusters",
    "plans",
    "activities",
    "staffing",
    "emulation",
]

MIDDLEWARE = [
    # First, so that every log line of the request (other middleware's included) carries its id.
    "common.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A database that is down answers with a Vietnamese 503 page and a log line.
    "common.middleware.DatabaseOutageMiddleware",
    # Last, so that it sees the authentication attempts of every view (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "plans.context_processors.notifications",
            ],
        },
    },
]
# Writes <select> lists in Python (same HTML): a template per <option> is slow for long lists.
FORM_RENDERER = "common.forms.QuickFormRenderer"

# ---------------------------------------------------------------------------
# Database: SQLite file by default, PostgreSQL in production via DATABASE_URL
# ---------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed during a write; IMMEDIATE makes concurrent writers queue on
    # the lock (up to the timeout) instead of failing with "database is locked".
    # Django's backend, but a transaction that cannot take the write lock in time is begun again
    # rather than failing (common/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "common.sqlite"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiling costs 60-100 ms on the plan list's queries and wins nothing on this workload
    # (bench/pages.py); it is switched off for the app's connections only.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
# Seconds a connection is kept for the next request (0: a new one each request); checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Cache: shared by every worker. The database cache needs no server (its table is made by
# `migrate`, see common.apps); Redis in production: CACHE_URL=redis://127.0.0.1:6379/1
# ---------------------------------------------------------------------------
CACHE_TABLE = "kehoach_cache"
CACHES = {"default": env.cache_url("CACHE_URL", default=f"dbcache://{CACHE_TABLE}")}

# ---------------------------------------------------------------------------
# Authentication
# ---------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses sign-in while a username/address pair is locked out, before checking the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username from one address after 5 failures in a row; the lock lifts after 15 minutes.
# Per pair, not per address alone: a whole office often shares one public address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLE_ADMIN = True
# A try during a lock does not restart the 15 minutes (else one try every 15 minutes locks for good).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client's address, behind TRUSTED_PROXY_COUNT reverse proxies (0 here; production sets it).
AXES_CLIENT_IP_CALLABLE = "common.client_address.client_address"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# A session lasts one working day and ends when the browser closes.
SESSION_COOKIE_AGE = 9 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# ---------------------------------------------------------------------------
# Internationalisation: the product speaks Vietnamese and lives in Vietnam's time zone
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Vietnamese for what Django, django-axes and the admin leave in English (locale/vi/LC_MESSAGES).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# ---------------------------------------------------------------------------
# Static files: served by the app itself (WhiteNoise), never from a CDN
# ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
# Several app servers share their files (issued PDFs, evidence) through S3-compatible object
# storage (MinIO, Garage, a cloud's); one server keeps them on its disk under MEDIA_ROOT.
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL", default=None),
            "region_name": env("MEDIA_S3_REGION", default=None),
            "access_key": env("MEDIA_S3_ACCESS_KEY", default=None),
            "secret_key": env("MEDIA_S3_SECRET_KEY", default=None),
            "location": env("MEDIA_S3_PREFIX", default=""),
            # The files are the legal record: never public, never overwritten under the same name.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Registrations' personal data (citizen ID, phone) is purged this many days after the event ends
# (`manage.py purge_personal_data`, run daily by cron): long enough to settle costs, no longer.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=90)

# ---------------------------------------------------------------------------
# Background work (django.tasks): rendering issued PDFs, emails, reminders, the daily purge.
# "database" (default): the queue is a table of the app's own database, no other server; run
#   `manage.py db_worker` beside the web server.
# "rq": Redis (TASKS_REDIS_URL) for several machines; run `manage.py rqworker --with-scheduler
#   --job-class django_tasks_rq.Job default`.
# "immediate": each task runs in the process that enqueues it, right after commit (no worker).
# ---------------------------------------------------------------------------
TASKS_BACKEND = env("TASKS_BACKEND", default="database")
TASKS_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ValueError(f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, not {TASKS_BACKEND!r}.")
TASKS = {"default": TASKS_BACKENDS[TASKS_BACKEND]}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        "default": {"URL": env("TASKS_REDIS_URL", default="redis://127.0.0.1:6379/0"), "DEFAULT_TIMEOUT": 600}
    }
# Members are reminded this many days before a registration or consultation deadline
# (`manage.py send_deadline_reminders`, daily).
DEADLINE_REMINDER_DAYS = env.int("DEADLINE_REMINDER_DAYS", default=3)

# ---------------------------------------------------------------------------
# Email: notifications of the workflow. SMTP when EMAIL_HOST is set, else printed to the console.
# ---------------------------------------------------------------------------


def smtp_mailer(host: str) -> dict:
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": host,
            "port": env.int("EMAIL_PORT", default=587),
            "username": env("EMAIL_HOST_USER", default=""),
            "password": env("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=True),
            # A hung mail server gives up after this many seconds instead of holding the worker.
            "timeout": env.int("EMAIL_TIMEOUT", default=10),
        },
    }


SMTP_HOST = env("EMAIL_HOST", default="")
MAILERS = {
    "default": smtp_mailer(SMTP_HOST)
    if SMTP_HOST
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ke-hoach-tdkt@localhost")
# The address of the app as users reach it, for the links in emails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# ---------------------------------------------------------------------------
# Security headers: every asset comes from the app itself, and no page runs inline script.
# ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# ---------------------------------------------------------------------------
# Logs: one line per event on standard output (journald or the container engine keeps them),
# each with the request's id; errors of requests also mailed to ADMINS.
# ---------------------------------------------------------------------------
ADMINS = env.list("ADMINS", default=[])
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "common.request_id.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        },
        "mail_admins": {
            "class": "common.log_mail.SafeAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.request": {"handlers": ["stdout", "mail_admins"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["stdout", "mail_admins"], "level": "WARNING", "propagate": False},
        "plans": {"handlers": ["stdout", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
        # Chatty at INFO: one line per rendering step or font table.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},  # its start-up banner, on every manage.py command
    },
}

# An error tracker when SENTRY_DSN is set (Sentry or a compatible server such as GlitchTip).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,  # citizen IDs and names stay in the province
    )
