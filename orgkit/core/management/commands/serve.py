"""``runserver`` plus the periodic jobs, for the embedded default (no broker, no beat)."""

import os

from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand

from orgkit.core.scheduler import should_start_scheduler, start_scheduler_thread


class Command(RunserverCommand):
    help = "Serve orgkit for development and run its periodic jobs in-process when no broker is set."

    def inner_run(self, *args, **options):
        if should_start_scheduler(
            broker_url=settings.CELERY_BROKER_URL,
            use_reloader=options.get("use_reloader", True),
            environ=os.environ,
        ):
            start_scheduler_thread(settings.CELERY_BEAT_SCHEDULE)
            self.stdout.write("Periodic jobs run in this process (no CELERY_BROKER_URL set).")
        super().inner_run(*args, **options)
