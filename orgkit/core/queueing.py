"""Queueing tasks so that a broker outage never costs a user their request or their data.

Celery's ``delay_on_commit`` publishes inside the commit hook of the request: with the broker
down it raises after the transaction committed, so the row is saved and the user sees a 500 —
and nothing is queued. Here the publish failure is logged instead, and the work is picked up
by a periodic sweep that looks for what is left undone (``deliver_pending_emails`` for the
outbox, ``count_closed_elections`` for counts). Every task queued this way must therefore
have such a sweep, and must be idempotent (the sweep and a late delivery may both run it).

Tasks are named by their dotted path, not imported: a ``tasks`` module imports its app's
services, so a service importing its tasks would close a cycle. Imports point one way —
tasks → services — in every app.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def enqueue_now(task_path: str, *args, **kwargs) -> bool:
    """Publish the task at ``task_path`` (e.g. ``"orgkit.core.tasks.deliver_email"``) now;
    return whether the broker took it (or, without a broker, whether it ran). A failure is
    logged, never raised: the task's sweep will do the work later."""
    task = import_string(task_path)
    try:
        # retry=False: a request must not hang retrying a broker that is down.
        task.apply_async(args=args, kwargs=kwargs, retry=False)
    except Exception:
        logger.exception(
            "Could not queue %s%r; its periodic sweep will pick the work up", task_path, args
        )
        return False
    return True


def enqueue_after_commit(task_path: str, *args, **kwargs) -> None:
    """Queue the task at ``task_path`` once the surrounding transaction commits (never if it
    rolls back)."""
    transaction.on_commit(lambda: enqueue_now(task_path, *args, **kwargs))
