"""Settings shared by every environment. Everything that differs between machines comes from
the environment; see docs/deployment.md for the full list."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ORGKIT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "axes",
    "knox",
    "csp",
    "orgkit.core",
    "orgkit.organizations",
    "orgkit.casestudies",
    "orgkit.rotations",
    "orgkit.elections",
    "orgkit.health",
    "orgkit.skills",
    "orgkit.decisions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "orgkit.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the lockout flag django-axes sets during authentication and turns
    # it into the lockout page or JSON error (orgkit/core/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "orgkit" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "orgkit.organizations.context_processors.tenancy",
            ],
        },
    }
]

# --- database -------------------------------------------------------------------------------
# DATABASE_URL picks PostgreSQL in production and CI; without it orgkit runs on a SQLite file
# so a newcomer needs nothing but Python.
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'orgkit.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Transactions belong to services, not to requests (DESIGN.md rule 5).
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The languages orgkit speaks, each named in itself. Pages of an organization are in the
# member's language, else the organization's (orgkit/organizations/tenancy.py); pages outside
# an organization follow the browser's Accept-Language (LocaleMiddleware). Adding a language:
# docs/architecture.md, "Languages".
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "orgkit" / "locale"]
# Dates are printed by named formats, each language's own: orgkit/core/formats/.
FORMAT_MODULE_PATH = ["orgkit.core.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "orgkit" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- email ----------------------------------------------------------------------------------
# EMAIL_BACKEND picks the transport; "smtp" reads EMAIL_HOST & co. The file backend is how a
# Celery worker and the tests share what was sent (locmem would live in the worker's memory).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "sent-emails"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "orgkit <noreply@orgkit.localhost>")
ORGKIT_BASE_URL = os.environ.get("ORGKIT_BASE_URL", "http://127.0.0.1:8000")

# --- celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# No broker: run every task eagerly in-process; the periodic jobs then run in the `serve`
# command's scheduler thread instead of beat (see orgkit/core/scheduler.py).
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
# A task whose worker process dies (kill -9, out of memory) goes back on the queue instead of
# being acknowledged and lost; on Redis an unacknowledged message returns after the visibility
# timeout. Neither is relied on alone: every task that must run has a periodic sweep.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
}
# Fail fast when publishing to a broker that is down (the sweeps catch up afterwards).
CELERY_BROKER_CONNECTION_TIMEOUT = float(os.environ.get("CELERY_BROKER_CONNECTION_TIMEOUT", "2"))
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The one list of periodic jobs: beat reads it in production, the in-process scheduler in the
# embedded default. Later apps add their jobs here.
CELERY_BEAT_SCHEDULE = {
    "expire-invitations": {
        "task": "orgkit.organizations.tasks.expire_invitations",
        "schedule": timedelta(minutes=15),
    },
    "deliver-pending-emails": {
        "task": "orgkit.core.tasks.deliver_pending_emails",
        "schedule": timedelta(minutes=5),
    },
    "rotations-hand-over": {
        "task": "orgkit.rotations.tasks.hand_over_turns",
        "schedule": timedelta(minutes=10),
    },
    "rotations-reminders": {
        "task": "orgkit.rotations.tasks.send_turn_reminders",
        "schedule": timedelta(hours=1),
    },
    "rotations-replan": {
        "task": "orgkit.rotations.tasks.replan_rotations",
        "schedule": timedelta(hours=6),
    },
    "open-due-elections": {
        "task": "orgkit.elections.tasks.open_due_elections",
        "schedule": timedelta(minutes=1),
    },
    "close-due-elections": {
        "task": "orgkit.elections.tasks.close_due_elections",
        "schedule": timedelta(minutes=1),
    },
    "count-closed-elections": {
        "task": "orgkit.elections.tasks.count_closed_elections",
        "schedule": timedelta(minutes=2),
    },
    "remind-non-voters": {
        "task": "orgkit.elections.tasks.remind_non_voters",
        "schedule": timedelta(hours=1),
    },
    "skills-succession-alerts": {
        "task": "orgkit.skills.tasks.check_succession",
        "schedule": timedelta(days=7),
    },
    "decisions-close-votes": {
        "task": "orgkit.decisions.tasks.close_due_votes",
        "schedule": timedelta(minutes=1),
    },
    "decisions-publish-records": {
        "task": "orgkit.decisions.tasks.publish_due_records",
        "schedule": timedelta(minutes=1),
    },
}

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an unauthenticated call gets 401 with a WWW-Authenticate header.
        "orgkit.core.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "orgkit.core.pagination.CappedLimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "orgkit.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "orgkit API",
    "DESCRIPTION": "Organizations and their members, bodies and roles, rotations, elections, "
    "decisions and minority reports, skill sharing, democratic health and the audit log. "
    "Every organization's route lives under `/api/v1/orgs/{org_slug}/`; authenticate with "
    "`Authorization: Token …` (see `/api/v1/auth/token/`).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "SeatHowEnum": "orgkit.organizations.models.BodyMember.How",
        "AssignmentHowEnum": "orgkit.organizations.models.RoleAssignment.How",
        "MemberStatusEnum": "orgkit.organizations.models.Member.Status",
        "InvitationStatusEnum": "orgkit.organizations.models.Invitation.Status",
        "MotionStateEnum": "orgkit.decisions.models.Motion.State",
        "MeetingStateEnum": "orgkit.decisions.models.Meeting.State",
        "AppealStateEnum": "orgkit.decisions.models.Appeal.State",
        "RejoinderKindEnum": "orgkit.decisions.models.Rejoinder.Kind",
        "BodyKindEnum": "orgkit.organizations.models.Body.Kind",
        "SkillLevelEnum": "orgkit.skills.models.Level",
        "ElectionRuleEnum": "orgkit.elections.models.Election.Rule",
        "RankedRuleEnum": "orgkit.elections.forms_import.RANKED_RULES",
    },
}

# --- brute-force protection (django-axes; orgkit/core/lockout.py) --------------------------
# An account is locked after AXES_FAILURE_LIMIT failed sign-ins (from anywhere), an address after
# ORGKIT_LOGIN_ADDRESS_FAILURE_LIMIT (to any account); the lock lifts AXES_COOLOFF_TIME after the
# last counted failure. Applies to /accounts/login/, /api/v1/auth/token/ and /admin/login/.
AXES_ENABLED = env_bool("ORGKIT_LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = int(os.environ.get("ORGKIT_LOGIN_FAILURE_LIMIT", "5"))
ORGKIT_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("ORGKIT_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ORGKIT_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "orgkit.core.lockout.AccountAndAddressHandler"
AXES_USERNAME_CALLABLE = "orgkit.core.lockout.normalized_username"
AXES_CLIENT_IP_CALLABLE = "orgkit.core.lockout.client_ip_address"
AXES_LOCKOUT_CALLABLE = "orgkit.core.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# A fixed window: tries during a lockout do not extend it (a member who keeps trying is not
# locked out for longer), and they are not recorded.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The handler clears an account's failures when it signs in (not its address's).
AXES_RESET_ON_SUCCESS = False
# No table of every successful sign-in: orgkit has no use for a record of when members log in.
AXES_DISABLE_ACCESS_LOG = True
# Axes keeps the GET and POST data of failed attempts: mask what could be a secret (a "next"
# that points at /invite/<token>/, the CSRF token) or personal.
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "email",
    "ip_address",
    "password",
    "token",
    "next",
    "csrfmiddlewaretoken",
]
# Behind a proxy: the header that carries the client's address (e.g. "X-Forwarded-For" or
# "X-Real-IP") and, for a list, how many proxies of yours append to it. See docs/deployment.md.
ORGKIT_CLIENT_IP_HEADER = os.environ.get("ORGKIT_CLIENT_IP_HEADER", "")
ORGKIT_TRUSTED_PROXY_COUNT = int(os.environ.get("ORGKIT_TRUSTED_PROXY_COUNT", "1"))

# --- API tokens (django-rest-knox; orgkit/core/tokens.py) -----------------------------------
# Only a SHA-512 digest (and the first 15 of 64 characters, to look it up) is stored; a token
# expires after ORGKIT_API_TOKEN_DAYS and dies with a password change or reset.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=int(os.environ.get("ORGKIT_API_TOKEN_DAYS", "30"))),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

# --- security headers -----------------------------------------------------------------------
# Sent by every environment, not only production (docs/deployment.md#security-headers).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Features no orgkit page uses, switched off for the page and anything it embeds
# (orgkit.core.middleware.PermissionsPolicyMiddleware).
ORGKIT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Content-Security-Policy (django-csp 4): scripts and styles only from our own static files, no
# inline script or style, no plugins, no framing, forms post only to us. htmx is configured
# not to inject its indicator styles or evaluate code (templates/base.html). The Swagger UI at
# /api/docs/ is the one page with a policy of its own (config/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- orgkit ---------------------------------------------------------------------------------
# When true only staff accounts may create organizations (a hosted instance may want that).
ORGKIT_ORG_CREATION_STAFF_ONLY = env_bool("ORGKIT_ORG_CREATION_STAFF_ONLY")
ORGKIT_INVITATION_DAYS = int(os.environ.get("ORGKIT_INVITATION_DAYS", "14"))
ORGKIT_SIGNUP_OPEN = env_bool("ORGKIT_SIGNUP_OPEN", True)

# Every handler redacts secret URL segments (invitation, reset and feed tokens) from what it
# writes (orgkit/core/log_redaction.py). Django's own "django" and "django.server" loggers are
# redefined so that none of Django's default, unfiltered handlers stays attached.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "orgkit.core.log_redaction.RedactSecretsFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
