"""Celery tasks of the elections app. They take ids and are safe to run twice.

Periodic (in CELERY_BEAT_SCHEDULE): ``open_due_elections`` and ``close_due_elections`` every
minute, ``count_closed_elections`` every two minutes (the sweep that makes every closed
election get its one result, whatever was lost), ``remind_non_voters`` every hour.
"""

from celery import shared_task
from django.db import OperationalError

from orgkit.elections import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def count_election(election_id: int) -> bool:
    """Count a closed election and publish its result (idempotent: a re-run changes nothing)."""
    return services.election_count(election_id=election_id) is not None


@shared_task
def close_due_elections() -> int:
    """Periodic: close elections whose voting window has ended; each close queues its count."""
    return services.elections_close_due()


@shared_task
def open_due_elections() -> int:
    """Periodic: open voting in elections whose voting window has begun."""
    return services.elections_open_due()


@shared_task
def remind_non_voters() -> int:
    """Periodic: a reminder to members who have not voted, a day before voting closes."""
    return services.elections_remind_due()


@shared_task
def count_closed_elections() -> int:
    """Periodic: count elections left closed without a result (a killed worker, a broker that
    was down at the close). Idempotent, like the count itself."""
    return services.elections_count_closed()
