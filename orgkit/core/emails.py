"""The outbox: services queue emails here; a Celery task sends them after commit.

Secrets at rest: no email body is stored in clear. ``email_enqueue`` seals the body
(``core.sealing``, AES-GCM under ``ORGKIT_SEALING_KEY``, bound to the row id and recipient)
before the row is written; the worker opens it only to send. An email that carries a one-time
secret (``secret=True``: invitation links, password-reset links) is scrubbed once sent — the
sealed body is deleted and ``body`` keeps only :data:`SCRUBBED_NOTE` — so not even the key
opens it afterwards. Other emails keep their sealed body (readable with the key, for support).

Language: every email is written from a template, ``templates/emails/<kind>.txt``, rendered
by :func:`email_enqueue_template` inside ``translation.override(language)`` — the recipient's
language, which the caller names (for a member,
``orgkit.organizations.tenancy.member_language(member)``). The template's first line is the
subject; the rest is the body. See docs/architecture.md, "Languages".
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from orgkit.core.models import OutboundEmail
from orgkit.core.queueing import enqueue_after_commit
from orgkit.core.sealing import SealError, seal, unseal

SCRUBBED_NOTE = "[one-time link removed after sending]"
# The kinds whose body carries a live secret; the data migration that scrubs emails sent
# before sealing existed uses this list.
SECRET_KINDS = frozenset({"organizations.invitation", "core.password_reset"})


def _context(email_id, to: str) -> bytes:
    return f"outbound-email:{email_id}:{to}".encode()


def email_enqueue(
    *, organization, to: str, subject: str, body: str, kind: str, secret: bool = False
) -> OutboundEmail:
    """Store an email and send it from a worker once the surrounding transaction commits.

    If the transaction rolls back, neither the row nor the task survive: no email is sent for
    a change that never happened. Pass ``secret=True`` when the body carries a one-time secret
    (a link with a token): it is then scrubbed from the outbox once sent.
    """
    email_id = uuid.uuid4()
    email = OutboundEmail.objects.create(
        id=email_id,
        organization=organization,
        to=to,
        subject=subject,
        body="",
        sealed_body=seal(body.encode(), context=_context(email_id, to)),
        carries_secret=secret or kind in SECRET_KINDS,
        kind=kind,
    )
    # Broker down? The row stays pending and deliver_pending_emails sends it later.
    enqueue_after_commit("orgkit.core.tasks.deliver_email", str(email.pk))
    return email


def email_template_name(kind: str) -> str:
    """The template an email of ``kind`` ("organizations.invitation") is written from."""
    return f"emails/{kind}.txt"


def email_render(*, kind: str, context: Mapping, language: str) -> tuple[str, str]:
    """Render ``emails/<kind>.txt`` in ``language``; return ``(subject, body)``.

    The template's first non-empty line is the subject (its spaces collapsed); the lines after
    it are the body. Dates in the context are formatted in ``language`` too (month names), so
    pass them already in the organization's time zone (``in_organization_time``) or as dates.
    """
    with translation.override(language):
        text = render_to_string(email_template_name(kind), dict(context))
    subject, _newline, body = text.strip().partition("\n")
    return " ".join(subject.split())[:300], body.strip("\n") + "\n"


def email_enqueue_template(
    *,
    organization,
    to: str,
    kind: str,
    context: Mapping,
    language: str,
    secret: bool = False,
) -> OutboundEmail:
    """The one way to send an email: render ``emails/<kind>.txt`` in the recipient's
    ``language`` (:func:`email_render`) and queue it (:func:`email_enqueue`)."""
    subject, body = email_render(kind=kind, context=context, language=language)
    return email_enqueue(
        organization=organization, to=to, subject=subject, body=body, kind=kind, secret=secret
    )


def email_body(email: OutboundEmail) -> str:
    """The text of an email: its sealed body opened, or the note left in its place."""
    if email.sealed_body is None:
        return email.body
    return unseal(bytes(email.sealed_body), context=_context(email.pk, email.to)).decode()


def email_deliver(*, email_id: str) -> bool:
    """Send one pending email; return whether it was sent now.

    The row is locked while sending so that two workers (or a retry racing the first try) do
    not send it twice. SMTP errors mark the row failed and re-raise, so Celery can retry. A
    body that does not open (tampered, moved to another row or recipient, another key) is
    marked failed and never sent.
    """
    failure: OSError | None = None
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status == OutboundEmail.Status.SENT:
            return False
        email.attempts += 1
        try:
            body = email_body(email)
        except SealError:
            email.status = OutboundEmail.Status.FAILED
            email.attempts = max(email.attempts, 10)  # the periodic sweep will not retry it
            email.last_error = "The sealed body does not open with this key for this row."
            email.save(update_fields=["status", "attempts", "last_error"])
            return False
        try:
            send_mail(
                email.subject,
                body,
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
            fields = ["status", "attempts", "sent_at"]
            if email.carries_secret:
                email.sealed_body, email.body = None, SCRUBBED_NOTE
                fields += ["sealed_body", "body"]
            email.save(update_fields=fields)
    # Raised only after the failure was committed, so the attempt is recorded either way.
    if failure is not None:
        raise failure
    return True
