"""Minority reports, their co-signatures, the majority's response and the minority's reply.

Reports are filed while the minority's window is open — before the record is published, or
after an early publication (they then attach to the record as a new version). Nobody can hold
one back: publication happens at the deadline whatever the majority does.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.decisions.events import DecisionEvent
from orgkit.decisions.models import MinorityReport, Motion, Rejoinder, Signature
from orgkit.decisions.services._common import (
    NotEntitled,
    clean_text,
    org_time_text,
    require_active,
    sits_on,
)
from orgkit.decisions.services.motions import is_minority
from orgkit.decisions.services.record import record_amend_if_published
from orgkit.organizations.models import Member


def _require_window_open(motion: Motion, at: datetime) -> None:
    if motion.window_closes_at is None:
        raise ServiceError(
            _("Nobody was in the minority on this motion, so it has no minority-report window.")
        )
    if at > motion.window_closes_at:
        raise ServiceError(
            _("The minority-report window closed on %(when)s.")
            % {"when": org_time_text(motion.window_closes_at, motion.organization)},
            code="window_closed",
        )


def report_file(
    *, actor: Member, motion: Motion, title: str, text: str, at: datetime | None = None
) -> MinorityReport:
    """A member of the minority files a report (Markdown) while the window is open."""
    require_active(actor, motion)
    at = at or timezone.now()
    if not is_minority(actor, motion):
        raise NotEntitled(_("Minority reports are filed by members of the minority."))
    title = clean_text(title, field="title", empty=_("Give the report a title."), most=200)
    text = clean_text(text, field="text", empty=_("Write the report."))
    with transaction.atomic():
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        _require_window_open(motion, at)
        published = motion.state == Motion.State.PUBLISHED
        report = MinorityReport.objects.create(
            organization_id=motion.organization_id,
            motion=motion,
            title=title,
            text=text,
            author=actor,
            filed_at=at,
            published_at=at if published else None,
        )
        audit_record(
            organization=motion.organization,
            actor=actor.user,
            verb=DecisionEvent.REPORT_FILED,
            target=motion,
            data={"report": report.pk},
            at=at,
        )
        record_amend_if_published(motion=motion, reason="minority report attached", at=at)
    return report


def report_cosign(
    *, actor: Member, report: MinorityReport, at: datetime | None = None
) -> Signature:
    """Another member of the minority co-signs a report, once, while the window is open."""
    require_active(actor, report)
    at = at or timezone.now()
    motion = report.motion
    if actor.pk == report.author_id:
        raise ServiceError(_("You wrote this report; your name is on it already."))
    if not is_minority(actor, motion):
        raise NotEntitled(_("Minority reports are co-signed by members of the minority."))
    try:
        with transaction.atomic():
            motion = Motion.objects.select_for_update().get(pk=motion.pk)
            _require_window_open(motion, at)
            signature = Signature.objects.create(
                organization_id=report.organization_id, report=report, member=actor, signed_at=at
            )
            audit_record(
                organization=motion.organization,
                actor=actor.user,
                verb=DecisionEvent.REPORT_SIGNED,
                target=motion,
                data={"report": report.pk},
                at=at,
            )
            record_amend_if_published(motion=motion, reason="co-signature added", at=at)
    except IntegrityError:
        raise ServiceError(_("You have co-signed this report already.")) from None
    return signature


def rejoinder_write(
    *, actor: Member, report: MinorityReport, kind: str, text: str, at: datetime | None = None
) -> Rejoinder:
    """The majority's response to a report (a member of the body outside the minority, or an
    organizer), once; then the minority's reply (the report's author or a signatory), once.
    The reply always has the last word."""
    require_active(actor, report)
    at = at or timezone.now()
    motion = report.motion
    text = clean_text(text, field="text", empty=_("Write the text."))
    signers = set(report.signatures.values_list("member_id", flat=True)) | {report.author_id}
    if kind == Rejoinder.Kind.RESPONSE:
        majority = sits_on(actor, motion.body, at) and not is_minority(actor, motion)
        if not (majority or actor.is_organizer) or actor.pk in signers:
            raise NotEntitled(_("The majority's response is written by the majority."))
    elif kind == Rejoinder.Kind.REPLY:
        if actor.pk not in signers:
            raise NotEntitled(_("The reply is written by the report's author or a signatory."))
        if not report.rejoinders.filter(kind=Rejoinder.Kind.RESPONSE).exists():
            raise ServiceError(_("There is no response to reply to yet."))
    else:
        raise ServiceError(_("Choose a response or a reply."), field="kind")
    if motion.state not in (Motion.State.DECIDED, Motion.State.PUBLISHED):
        raise ServiceError(_("This motion has not been decided."))
    try:
        with transaction.atomic():
            rejoinder = Rejoinder.objects.create(
                organization_id=report.organization_id,
                report=report,
                kind=kind,
                text=text,
                author=actor,
                written_at=at,
            )
            audit_record(
                organization=motion.organization,
                actor=actor.user,
                verb=(
                    DecisionEvent.RESPONSE_WRITTEN
                    if kind == Rejoinder.Kind.RESPONSE
                    else DecisionEvent.REPLY_WRITTEN
                ),
                target=motion,
                data={"report": report.pk},
                at=at,
            )
            record_amend_if_published(motion=motion, reason=f"{kind} added", at=at)
    except IntegrityError:
        raise ServiceError(_("This has been written already; it is on the record.")) from None
    return rejoinder
