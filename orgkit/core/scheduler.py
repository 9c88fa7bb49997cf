"""Periodic jobs without a broker: the embedded default's stand-in for Celery beat.

In production beat reads ``CELERY_BEAT_SCHEDULE`` and workers run the jobs. With no broker
(the README's run command) the ``serve`` command starts one :class:`InProcessScheduler`
thread that reads the same schedule and runs each job in-process when it falls due — so
closing an election or publishing a record at its deadline happens there too.

It must run once per server, not once per process: Django's autoreloader starts a watcher
process and a serving child (``RUN_MAIN=true``), and only the child may start the thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

logger = logging.getLogger(__name__)


def should_start_scheduler(
    *, broker_url: str, use_reloader: bool, environ: Mapping[str, str]
) -> bool:
    """Whether this process should run the periodic jobs itself."""
    if broker_url:
        return False  # beat and workers do it
    if use_reloader:
        return environ.get("RUN_MAIN") == "true"  # the serving child, not the watcher
    return True


def interval_seconds(schedule_entry: Mapping) -> float:
    """Seconds between runs of one CELERY_BEAT_SCHEDULE entry (timedelta or number)."""
    every = schedule_entry["schedule"]
    if isinstance(every, timedelta):
        return every.total_seconds()
    if isinstance(every, int | float):
        return float(every)
    # A crontab entry: run it hourly in-process; exact wall-clock times need beat.
    return 3600.0


@dataclass
class InProcessScheduler:
    """Runs each scheduled task when due, on a monotonic clock, in this process.

    ``run_task`` executes a task by name; ``clock`` returns seconds. Both are injectable so a
    test can drive the scheduler without sleeping.
    """

    schedule: Mapping[str, Mapping]
    run_task: Callable[[str], object]
    clock: Callable[[], float]
    next_due: dict[str, float] = field(default_factory=dict)

    def run_due(self) -> list[str]:
        """Run every job that is due now; return the names of those run."""
        now = self.clock()
        due = []
        for name, entry in self.schedule.items():
            if self.next_due.get(name, now) > now:
                continue
            self.next_due[name] = now + interval_seconds(entry)
            due.append(name)
        # One failing job must not stop the others or the thread: run_jobs logs and goes on.
        run_jobs(self.schedule, due, self.run_task)
        return due

    def seconds_until_next(self) -> float:
        if not self.next_due:
            return 0.0
        return max(0.0, min(self.next_due.values()) - self.clock())


@dataclass(frozen=True)
class JobOutcome:
    """What one run of one scheduled job did: its result, or the error that stopped it."""

    name: str
    result: object = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def run_jobs(
    schedule: Mapping[str, Mapping],
    names: Iterable[str],
    run_task: Callable[[str], object],
) -> list[JobOutcome]:
    """Run the named jobs once each, in order. A job that raises is logged with its traceback
    and the next job still runs: a broken rotation must not keep elections from closing."""
    outcomes = []
    for name in names:
        try:
            result = run_task(schedule[name]["task"])
        except Exception as exc:  # isolate: one failing job must not stop the others
            logger.exception("Periodic job %s failed", name)
            outcomes.append(JobOutcome(name, error=exc))
        else:
            outcomes.append(JobOutcome(name, result=result))
    return outcomes


def run_task_by_name(task_name: str) -> object:
    """Run a task in this process. Tasks are named by their dotted path, so importing the path
    also registers the task (Celery's autodiscovery is lazy until a worker starts)."""
    from django.utils.module_loading import import_string

    return import_string(task_name).apply(throw=True).result


def start_scheduler_thread(schedule: Mapping[str, Mapping]) -> threading.Thread:
    """Start the daemon thread that runs the schedule for as long as the server runs."""
    import time

    scheduler = InProcessScheduler(
        schedule=schedule, run_task=run_task_by_name, clock=time.monotonic
    )
    stop = threading.Event()

    def loop() -> None:
        from django.db import close_old_connections

        while not stop.is_set():
            try:
                close_old_connections()
                ran = scheduler.run_due()
                if ran:
                    logger.info("In-process scheduler ran: %s", ", ".join(ran))
            except Exception:  # e.g. the database is away for a moment: keep the thread alive
                logger.exception("In-process scheduler: a round of periodic jobs failed")
            stop.wait(min(60.0, max(1.0, scheduler.seconds_until_next())))

    thread = threading.Thread(target=loop, name="orgkit-periodic-jobs", daemon=True)
    thread.start()
    return thread
