"""Failure isolation for periodic jobs: one bad item must not stop the rest.

A periodic job walks many items (every rotation of every organization, every due turn, every
pending email). Before this module one item whose data made planning raise stopped the loop:
every rotation after it, in every organization, stopped being replanned, and the command that
runs the jobs stopped before the elections' jobs. Now each item runs in its own transaction
and its own ``try``; a failure is logged with its traceback, the loop carries on, and at the
end the job raises :class:`PeriodicJobFailures` so that Celery, the scheduler and
``run_periodic_jobs`` all see (and report) that something needs an operator's eye.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import transaction

logger = logging.getLogger("orgkit.periodic")

T = TypeVar("T")


class PeriodicJobFailures(Exception):
    """Some items of a periodic job failed (each was logged); every other item was done."""

    def __init__(self, job: str, failed: list[str], done: int) -> None:
        self.job = job
        self.failed = failed
        self.done = done
        shown = ", ".join(failed[:10]) + (" …" if len(failed) > 10 else "")
        super().__init__(
            f"{job}: {len(failed)} item(s) failed and were skipped ({shown}); "
            f"{done} done. The log has each traceback."
        )


def run_isolated(
    items: Iterable[T],
    action: Callable[[T], object],
    *,
    job: str,
    label: Callable[[T], str] = repr,
) -> int:
    """Run ``action(item)`` for each item, each in its own transaction; return how many
    succeeded. Failures are logged as they happen and raised together at the end."""
    done = 0
    failed: list[str] = []
    for item in items:
        try:
            with transaction.atomic():
                action(item)
        except Exception:  # isolate: whatever broke this item must not stop the others
            name = label(item)
            logger.exception("%s: %s failed; carrying on with the rest", job, name)
            failed.append(name)
        else:
            done += 1
    if failed:
        raise PeriodicJobFailures(job, failed, done)
    return done
