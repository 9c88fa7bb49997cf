"""Run the periodic jobs once, in this process — for cron, or to catch up by hand.

Every job runs even when an earlier one fails; failures are logged with their tracebacks, and
the command exits with status 1 at the end if any job failed, so cron and monitoring notice.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from orgkit.core.scheduler import run_jobs, run_task_by_name


class Command(BaseCommand):
    help = "Run every job in CELERY_BEAT_SCHEDULE once (or only those named with --job)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--job", action="append", default=[], help="a schedule entry name; repeatable"
        )
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
        outcomes = run_jobs(schedule, job or schedule, run_task_by_name)
        for outcome in outcomes:
            if outcome.ok:
                self.stdout.write(f"{outcome.name}: {outcome.result}")
            else:
                self.stderr.write(f"{outcome.name}: FAILED ({outcome.error})")
        failed = [outcome.name for outcome in outcomes if not outcome.ok]
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(outcomes)} job(s) failed: {', '.join(failed)} "
                "(the others ran; see the log for tracebacks)"
            )
