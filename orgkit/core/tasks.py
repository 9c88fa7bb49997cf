"""Celery tasks of the core app. Tasks take ids and are idempotent."""

from __future__ import annotations

from celery import shared_task

from orgkit.core.emails import email_deliver
from orgkit.core.models import OutboundEmail


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def deliver_email(email_id: str) -> bool:
    return email_deliver(email_id=email_id)


@shared_task
def deliver_pending_emails() -> int:
    """Periodic sweep: send anything left pending or failed (a worker died, SMTP was down)."""
    sent = 0
    unsent = OutboundEmail.objects.exclude(status=OutboundEmail.Status.SENT).filter(attempts__lt=10)
    for email_id in unsent.values_list("pk", flat=True)[:500]:
        try:
            sent += email_deliver(email_id=str(email_id))
        except OSError:
            continue
    return sent
