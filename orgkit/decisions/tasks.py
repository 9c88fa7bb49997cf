"""Celery tasks of the decisions app. They take ids and are safe to run twice.

Periodic (in CELERY_BEAT_SCHEDULE): ``publish_due_records`` and ``close_due_votes`` every
minute. A missed run loses nothing: the next one finds everything overdue and publishes each
record once (the motion row is locked and its state checked).
"""

from celery import shared_task


@shared_task
def publish_due_records() -> int:
    """Periodic: publish every decision record whose minority-report window has ended."""
    from orgkit.decisions import services

    return services.motions_publish_due()


@shared_task
def close_due_votes() -> int:
    """Periodic: close online votes whose window has ended, and decide them."""
    from orgkit.decisions import services

    return services.motions_close_due()
