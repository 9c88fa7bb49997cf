"""The outbox: services queue emails here; a Celery task sends them after commit."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from orgkit.core.models import OutboundEmail
from orgkit.core.queueing import enqueue_after_commit


def email_enqueue(*, organization, to: str, subject: str, body: str, kind: str) -> OutboundEmail:
    """Store an email and send it from a worker once the surrounding transaction commits.

    If the transaction rolls back, neither the row nor the task survive: no email is sent for
    a change that never happened.
    """
    from orgkit.core.tasks import deliver_email

    email = OutboundEmail.objects.create(
        organization=organization, to=to, subject=subject, body=body, kind=kind
    )
    # Broker down? The row stays pending and deliver_pending_emails sends it later.
    enqueue_after_commit(deliver_email, str(email.pk))
    return email


def email_deliver(*, email_id: str) -> bool:
    """Send one pending email; return whether it was sent now.

    The row is locked while sending so that two workers (or a retry racing the first try) do
    not send it twice. SMTP errors mark the row failed and re-raise, so Celery can retry.
    """
    failure: OSError | None = None
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status == OutboundEmail.Status.SENT:
            return False
        email.attempts += 1
        try:
            send_mail(
                email.subject,
                email.body,
                settings.DEFAULT_FROM_EMAIL,
                [email.to],
                fail_silently=False,
            )
        except OSError as exc:  # smtplib errors are OSErrors too
            failure = exc
            email.status = OutboundEmail.Status.FAILED
            email.last_error = str(exc)[:2000]
            email.save(update_fields=["status", "attempts", "last_error"])
        else:
            email.status = OutboundEmail.Status.SENT
            email.sent_at = timezone.now()
            email.save(update_fields=["status", "attempts", "sent_at"])
    # Raised only after the failure was committed, so the attempt is recorded either way.
    if failure is not None:
        raise failure
    return True
