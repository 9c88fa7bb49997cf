"""Local development: the README's run command. SQLite and eager tasks unless configured."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

# Django's debug pages list every URL and setting: a demo shown to a group must not show
# them for a mistyped address. ORGKIT_DEBUG=1 turns them on for development.
DEBUG = os.environ.get("ORGKIT_DEBUG", "") == "1"
# A development key only: prod.py refuses to start without a real SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-key-not-for-production-use-0123456789abcdef"
VAR_DIR.mkdir(parents=True, exist_ok=True)
# No collected static files outside production: WhiteNoise serves from the finders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
