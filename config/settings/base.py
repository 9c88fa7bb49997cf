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
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "orgkit.core",
    "orgkit.organizations",
    "orgkit.rotations",
    "orgkit.elections",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "orgkit.core.context_processors.tenancy",
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
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
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
    "remind-non-voters": {
        "task": "orgkit.elections.tasks.remind_non_voters",
        "schedule": timedelta(hours=1),
    },
}

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an unauthenticated call gets 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
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
    "DESCRIPTION": "Organizations, bodies, roles, invitations and the audit log. "
    "Every tenant route lives under /api/v1/orgs/<slug>/.",
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
    },
}

# --- orgkit ---------------------------------------------------------------------------------
# When true only staff accounts may create organizations (a hosted instance may want that).
ORGKIT_ORG_CREATION_STAFF_ONLY = env_bool("ORGKIT_ORG_CREATION_STAFF_ONLY")
ORGKIT_INVITATION_DAYS = int(os.environ.get("ORGKIT_INVITATION_DAYS", "14"))
ORGKIT_SIGNUP_OPEN = env_bool("ORGKIT_SIGNUP_OPEN", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
