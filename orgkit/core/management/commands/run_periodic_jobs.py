"""Run the periodic jobs once, in this process — for cron, or to catch up by hand."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from orgkit.core.scheduler import run_task_by_name


class Command(BaseCommand):
    help = "Run every job in CELERY_BEAT_SCHEDULE once (or only those named with --job)."

    def add_arguments(self, parser):
        parser.add_argument("--job", action="append", default=[], help="a schedule entry name; repeatable")
        parser.add_argument("--list", action="store_true", help="list the jobs and exit")

    def handle(self, *args, job, list, **options):
        schedule = settings.CELERY_BEAT_SCHEDULE
        if list:
            for name, entry in schedule.items():
                self.stdout.write(f"{name}: {entry['task']} every {entry['schedule']}")
            return
        unknown = set(job) - set(schedule)
        if unknown:
            raise CommandError(f"unknown job(s): {', '.join(sorted(unknown))}; see --list")
        for name in job or schedule:
            result = run_task_by_name(schedule[name]["task"])
            self.stdout.write(f"{name}: {result}")
