"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL is set (CI)."""

import os

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-key-not-for-production-use-0123456789abcdef"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No collected static files outside production: WhiteNoise serves from the finders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# The test DB is what a CI worker must point at: pytest-django names it test_<NAME>.
DATABASES["default"]["CONN_MAX_AGE"] = 0
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tests run tasks in-process; the one test that exercises a real worker switches this off for
# itself (tests/integration/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
