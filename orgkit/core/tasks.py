"""Celery tasks of the core app. Tasks take ids and are idempotent."""

from __future__ import annotations

from celery import shared_task

from orgkit.core.emails import email_deliver
from orgkit.core.models import OutboundEmail
from orgkit.core.periodic import run_isolated


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def deliver_email(email_id: str) -> bool:
    return email_deliver(email_id=email_id)


@shared_task
def deliver_pending_emails() -> int:
    """Periodic sweep: send anything left pending or failed (a worker died, SMTP was down).

    Each email on its own: an SMTP error is recorded on the row (tried again next sweep); any
    other failure is logged and skipped, and the rest are still sent."""
    sent = 0
    unsent = OutboundEmail.objects.exclude(status=OutboundEmail.Status.SENT).filter(attempts__lt=10)

    def deliver(email_id) -> None:
        nonlocal sent
        try:
            sent += email_deliver(email_id=str(email_id))
        except OSError:
            pass  # marked failed on its row by email_deliver; the next sweep tries again

    run_isolated(
        list(unsent.values_list("pk", flat=True)[:500]),
        deliver,
        job="deliver-pending-emails",
        label=lambda email_id: f"email {email_id}",
    )
    return sent
