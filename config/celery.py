"""The Celery application.

Without ``CELERY_BROKER_URL`` the settings make every task run eagerly in-process (the embedded
default); with a broker, workers and beat run them. Tasks are always enqueued after commit.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("orgkit")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
