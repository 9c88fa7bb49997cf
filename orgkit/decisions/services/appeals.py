"""Appeals of a decision to the body above (the body tree): filed → listed for one of its
meetings → heard → upheld, overturned or referred back. Nobody can bar a member from filing."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.decisions.events import DecisionEvent
from orgkit.decisions.lifecycle import transition
from orgkit.decisions.models import Appeal, Meeting, Motion
from orgkit.decisions.services._common import (
    clean_text,
    org_time_text,
    policy_for,
    require_active,
    require_body_member,
    require_organizer,
)
from orgkit.decisions.services.record import record_amend_if_published
from orgkit.organizations.models import Member

OUTCOMES = {Appeal.State.UPHELD, Appeal.State.OVERTURNED, Appeal.State.REFERRED_BACK}


def appeal_file(
    *, actor: Member, motion: Motion, grounds: str, at: datetime | None = None
) -> Appeal:
    """A member of the deciding body appeals its decision to the parent body. The appeal
    carries the full record; the parent body must hear it within its appeal deadline."""
    require_active(actor, motion)
    at = at or timezone.now()
    require_body_member(actor, motion.body, at, doing=_("appeal its decisions"))
    grounds = clean_text(grounds, field="grounds", empty=_("State the grounds of the appeal."))
    parent = motion.body.parent
    if parent is None:
        raise ServiceError(
            _("%(body)s has no higher body to appeal to.") % {"body": motion.body.name}
        )
    if motion.state not in (Motion.State.DECIDED, Motion.State.PUBLISHED):
        raise ServiceError(_("A decision is appealed once it has been made."))
    with transaction.atomic():
        latest = motion.versions.order_by("-number").values_list("digest", flat=True).first()
        appeal = Appeal.objects.create(
            organization_id=motion.organization_id,
            motion=motion,
            record_digest=latest or "",
            to_body=parent,
            appellant=actor,
            grounds=grounds,
            hear_by=at + timedelta(days=policy_for(parent).appeal_hearing_days),
            filed_at=at,
        )
        audit_record(
            organization=motion.organization,
            actor=actor.user,
            verb=DecisionEvent.APPEAL_FILED,
            target=motion,
            data={"appeal": appeal.pk, "to_body": parent.name},
            at=at,
        )
        record_amend_if_published(motion=motion, reason="appeal filed", at=at)
    return appeal


def appeal_list(
    *, actor: Member, appeal: Appeal, meeting: Meeting, at: datetime | None = None
) -> Appeal:
    """List an appeal for a meeting of the body it went to, before its hearing deadline."""
    require_organizer(actor)
    require_active(actor, appeal, meeting)
    at = at or timezone.now()
    if meeting.body_id != appeal.to_body_id or meeting.state != Meeting.State.SCHEDULED:
        raise ServiceError(
            _("List it for a scheduled meeting of %(body)s.") % {"body": appeal.to_body.name},
            field="meeting",
        )
    if meeting.starts_at > appeal.hear_by:
        raise ServiceError(
            _("The appeal must be heard by %(when)s; that meeting is later.")
            % {"when": org_time_text(appeal.hear_by, appeal.organization)},
            field="meeting",
        )
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        appeal.meeting = meeting
        transition(obj=appeal, to_state=Appeal.State.LISTED, actor=actor, at=at)
        appeal.save(update_fields=["meeting"])
        record_amend_if_published(motion=appeal.motion, reason="appeal listed", at=at)
    return appeal


def appeal_move(
    *,
    actor: Member,
    appeal: Appeal,
    to_state: str,
    finding: str = "",
    at: datetime | None = None,
) -> Appeal:
    """Record that the parent body heard the appeal, then its finding (organizers)."""
    require_organizer(actor)
    require_active(actor, appeal)
    at = at or timezone.now()
    if to_state not in Appeal.State.values:
        raise ServiceError(_("Choose what happened to the appeal."), field="to_state")
    if to_state in OUTCOMES:
        finding = clean_text(finding, field="finding", empty=_("Record the body's finding."))
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        transition(obj=appeal, to_state=to_state, actor=actor, at=at)
        if finding:
            appeal.finding = finding
            appeal.save(update_fields=["finding"])
        record_amend_if_published(motion=appeal.motion, reason=f"appeal {to_state}", at=at)
    return appeal
