"""Settings shared by every environment, driven by environment variables (django-environ). No .env file
is read: docker compose passes its ``.env`` to the containers, and local runs need none.

``local``, ``test`` and ``production`` only adjust what differs. No secret has a default here.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# What `make run` keeps between runs: the SQLite database, the filesystem broker's folders, mail files, uploads.
VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var"))).absolute()

SECRET_KEY = env("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# How many proxies in front of the site append to X-Forwarded-For (1 behind the compose file's or make
# cluster's HAProxy). The client address allauth's sign-in limits and the token limit count is read from
# there; left at 0 behind a proxy, every visitor would share the proxy's address and its limits.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Explicit in production; empty in development, where links use the address `make run` recorded in the
# Sites framework (platform_core.links.site_url is the one place email links come from).
SITE_URL = env("SITE_URL", default="").rstrip("/")
SITE_NAME = "Cocreate"
DEMO_DATA_ALLOWED = True  # seed_demo; production turns it off
SITE_ID = 1  # allauth names the site in its emails from django.contrib.sites

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "django.contrib.postgres",  # full-text search types (platform_core.search); inert on SQLite
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "platform_core",
    "platform_core.accounts",
    "platform_core.organisations",
    "platform_core.notifications",
    "platform_core.audit",
    "platform_core.legal",
    "platform_core.search",
    "arenas",
    "arenas.deliberation",
    "arenas.prototypes",
    "arenas.sessions",
    "arenas.outcomes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "platform_core.accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "platform_core.legal.middleware.ConsentMiddleware",
    "platform_core.ratelimit_pages.RateLimitedMiddleware",
]

ROOT_URLCONF = "cocreate.urls"
WSGI_APPLICATION = "cocreate.wsgi.application"
ASGI_APPLICATION = "cocreate.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "platform_core.context_processors.site",
                "platform_core.notifications.context_processors.notifications",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: runserver's threads and the worker's processes write at the same time. WAL lets
    # readers read while one connection writes; IMMEDIATE takes the write lock when a transaction begins, so
    # a second writer waits for it (up to `timeout` seconds) instead of failing at once with "database is
    # locked" when its read-then-write transaction cannot be upgraded. It also makes a transaction that reads
    # a row and then claims it exclusive, as select_for_update (a no-op on SQLite) does on PostgreSQL.
    # Connections are not kept (CONN_MAX_AGE 0): runserver opens a thread per request.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Fails open: with Redis down it is an empty cache that logs a warning (platform_core/cache.py), so
    # signing in and posting do not depend on it.
    CACHES = {
        "default": {
            "BACKEND": "platform_core.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Signed-out visitors' arena, thread and directory pages are kept this many seconds (arenas/page_cache.py),
# each arena's made afresh after every change to it. Only with Redis: a cache of one process's memory would
# not see the changes made in another (0 turns it off).
ARENA_PAGE_CACHE_SECONDS = env.int("ARENA_PAGE_CACHE_SECONDS", default=300 if REDIS_URL else 0)
# Rate limits (platform_core/ratelimits.py): counted in REDIS_URL's Redis when set, else in memory. Override
# an action's rate here, e.g. {"posts": "30/minute;300/hour"}; the defaults are in ratelimits.RATES.
RATE_LIMITS: dict[str, str] = {}
# The counters' keys start with this: sites sharing one Redis (or runs of a test) count apart.
RATE_LIMIT_KEY_PREFIX = env("RATE_LIMIT_KEY_PREFIX", default="ratelimit")

# --- Accounts -----------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "platform_core.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "platform_core.accounts.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address in the browser that signed up signs the person in and takes them back where they
# started (an invitation, a join link: AccountAdapter.get_signup_redirect_url).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Cocreate] "
ACCOUNT_EMAIL_NOTIFICATIONS = True  # security notices go through our outbox (AccountAdapter)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# --- Internationalisation ---------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("da", _("Danish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"  # built into the image: not moved by VAR_DIR
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# "Download my data" archives: private, not under MEDIA_ROOT (handed out only by a signed link).
DATA_EXPORT_ROOT = env.path("DATA_EXPORT_ROOT", default=VAR_DIR / "exports")
DATA_EXPORT_DAYS = 7
# Accounts nobody signed in to for this long are warned by email, then deleted this many days later
# unless they sign in (conveners, facilitators, organisation and site staff never automatically).
ACCOUNT_INACTIVE_MONTHS = env.int("ACCOUNT_INACTIVE_MONTHS", default=24)
ACCOUNT_INACTIVE_GRACE_DAYS = 30
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Email ------------------------------------------------------------------------------------------------
# EMAIL_URL: "filemail://" writes each message as a file under EMAIL_FILE_PATH (var/mail/ by default);
# "smtp://user:password@host:port" (or "smtp+tls://…") sends through a mail server.
_email = env.email_url("EMAIL_URL", default="filemail://")
if _email["EMAIL_BACKEND"].endswith("filebased.EmailBackend"):
    _mailer_options = {"file_path": str(env.path("EMAIL_FILE_PATH", default=VAR_DIR / "mail"))}
else:
    _mailer_options = {
        "host": _email["EMAIL_HOST"] or "localhost",
        "port": _email["EMAIL_PORT"] or 25,
        "username": _email["EMAIL_HOST_USER"] or "",
        "password": _email["EMAIL_HOST_PASSWORD"] or "",
        "use_tls": _email.get("EMAIL_USE_TLS", False),
        "use_ssl": _email.get("EMAIL_USE_SSL", False),
        "timeout": 20,
    }
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _mailer_options}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Cocreate <no-reply@cocreate.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -----------------------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

# --- Celery -------------------------------------------------------------------------------------------------
# Without Redis, kombu's filesystem transport: an embedded broker that needs no server (``make run``).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("redis"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
elif CELERY_BROKER_URL.startswith("filesystem"):
    # kombu's filesystem transport with messages written whole before they appear in the folder
    # (platform_core/filesystem_broker.py), looked for every 0.1 s instead of every second.
    CELERY_BROKER_TRANSPORT = "platform_core.filesystem_broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
# A worker outlives a broker outage: it retries connecting for as long as it takes, at start and after a
# lost connection, instead of exiting (compose restarts it if it exits all the same). Celery 5.7 and kombu
# 5.7 reconnect after a Redis restart with a message unacknowledged (tests/test_redis_outage.py); the
# `restore_unacked` crash reported against older kombu (kombu#582, #970) does not occur with them.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="cocreate")
# A short retry when publishing: if the broker is down, the outbox sweeper re-queues what matters.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_TIMEZONE = "UTC"
# A large audience is told after the action's commit, this many people per batch (one transaction each).
NOTIFICATIONS_FANOUT_BATCH = env.int("NOTIFICATIONS_FANOUT_BATCH", default=1000)
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "platform_core.tasks.heartbeat", "schedule": 60.0},
    "sweep-email-deliveries": {"task": "notifications.sweep_deliveries", "schedule": 60.0},
    "sweep-notification-fanouts": {"task": "notifications.sweep_fanouts", "schedule": 60.0},
    "queue-due-digests": {"task": "notifications.queue_due_digests", "schedule": crontab(minute=0)},
    "tell-handle-changes": {"task": "accounts.tell_handle_changes", "schedule": 300.0},
    "expire-data-exports": {"task": "accounts.expire_data_exports", "schedule": crontab(minute=30)},
    "send-session-reminders": {"task": "sessions.send_reminders", "schedule": 300.0},
    "remind-decision-reviews": {"task": "outcomes.remind_reviews", "schedule": crontab(minute=10)},
    "apply-new-legal-versions": {"task": "legal.apply_new_versions", "schedule": 600.0},
    "sweep-inactive-accounts": {
        "task": "accounts.sweep_inactive_accounts",
        "schedule": crontab(hour=3, minute=15),
    },
}

# --- REST API -----------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an unauthenticated call gets 401 with `WWW-Authenticate: Token`.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "platform_core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "platform_core.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "platform_core.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cocreate API",
    "DESCRIPTION": "The REST API of Cocreate, a platform for public-sector co-creation arenas.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "platform_core.api.schema.add_error_responses",
    ],
    # Choice sets named after what they are (generic names like "StatusEnum" collide as the API grows).
    "ENUM_NAME_OVERRIDES": {
        "ThreadKindEnum": "arenas.deliberation.models.Thread.Kind",
        "PostStanceEnum": "arenas.deliberation.models.Post.Stance",
        "FlagReasonEnum": "arenas.deliberation.models.Flag.Reason",
        "FlagStatusEnum": "arenas.deliberation.models.Flag.Status",
        "PrototypeStageEnum": "arenas.prototypes.stages.Stage",
        "IterationStatusEnum": "arenas.prototypes.models.Iteration.Status",
        "IterationDecisionEnum": "arenas.prototypes.models.Iteration.Decision",
        "WouldUseEnum": "arenas.prototypes.models.Feedback.WouldUse",
        "IndicatorDirectionEnum": "arenas.prototypes.models.Indicator.Direction",
    },
}

# --- Logging ------------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
