"""Bodies' decision policies, meetings with enforced notice, and agenda items."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.bounds import require_plausible_date
from orgkit.core.errors import ServiceError
from orgkit.decisions import rules
from orgkit.decisions.events import DecisionEvent
from orgkit.decisions.lifecycle import transition
from orgkit.decisions.models import AgendaItem, DecisionPolicy, Meeting, MeetingMove
from orgkit.decisions.services._common import (
    clean_text,
    org_time_text,
    policy_for,
    require_active,
    require_body_member,
    require_organizer,
)
from orgkit.organizations.models import Body, Member


def policy_set(
    *,
    actor: Member,
    body: Body,
    notice_days: int,
    minority_window_days: int,
    appeal_hearing_days: int = 60,
    at: datetime | None = None,
) -> DecisionPolicy:
    """Set a body's notice period, minority-report window and appeal deadline (organizers)."""
    require_organizer(actor)
    require_active(actor, body)
    for name, value, low, high in [
        ("notice_days", notice_days, 0, 90),
        ("minority_window_days", minority_window_days, 1, 60),
        ("appeal_hearing_days", appeal_hearing_days, 1, 365),
    ]:
        if not isinstance(value, int) or not low <= value <= high:
            raise ServiceError(
                _("Choose between %(low)s and %(high)s days.") % {"low": low, "high": high},
                field=name,
            )
    with transaction.atomic():
        policy, _created = DecisionPolicy.objects.update_or_create(
            body=body,
            defaults={
                "organization_id": body.organization_id,
                "notice_days": notice_days,
                "minority_window_days": minority_window_days,
                "appeal_hearing_days": appeal_hearing_days,
            },
        )
        audit_record(
            organization=body.organization,
            actor=actor.user,
            verb=DecisionEvent.POLICY_SET,
            target=body,
            data={"notice_days": notice_days, "window_days": minority_window_days},
            at=at,
        )
    return policy


def _notice_error(body: Body, earliest: datetime) -> ServiceError:
    return ServiceError(
        _(
            "%(body)s gives %(days)s days' notice: the earliest this meeting can be is "
            "%(earliest)s, unless an emergency decision with its reasons is recorded."
        )
        % {
            "body": body.name,
            "days": policy_for(body).notice_days,
            "earliest": org_time_text(earliest, body.organization),
        },
        field="starts_at",
        code="notice",
    )


def meeting_schedule(
    *,
    actor: Member,
    body: Body,
    title: str,
    starts_at: datetime,
    location: str = "",
    emergency_reasons: str = "",
    at: datetime | None = None,
) -> Meeting:
    """Call a meeting of ``body``. Inside the body's notice period only with an emergency
    decision whose reasons are recorded and shown on the meeting page (organizers)."""
    require_organizer(actor)
    require_active(actor, body)
    at = at or timezone.now()
    title = clean_text(title, field="title", empty=_("Give the meeting a title."), most=200)
    require_plausible_date(starts_at, field="starts_at")
    if starts_at <= at:
        raise ServiceError(_("A meeting is called for a time still to come."), field="starts_at")
    notice_days = policy_for(body).notice_days
    reasons = (emergency_reasons or "").strip()[:5000]
    short = rules.within_notice(now=at, starts_at=starts_at, notice_days=notice_days)
    if short and not reasons:
        raise _notice_error(body, rules.earliest_start(now=at, notice_days=notice_days))
    with transaction.atomic():
        meeting = Meeting.objects.create(
            organization_id=body.organization_id,
            body=body,
            title=title,
            starts_at=starts_at,
            location=location.strip()[:200],
            emergency_reasons=reasons if short else "",
            scheduled_by=actor,
            created_at=at,
        )
        audit_record(
            organization=body.organization,
            actor=actor.user,
            verb=DecisionEvent.MEETING_EMERGENCY if short else DecisionEvent.MEETING_SCHEDULED,
            target=meeting,
            data={"starts_at": starts_at.isoformat(), "reasons": reasons if short else ""},
            at=at,
        )
    return meeting


def meeting_move(
    *,
    actor: Member,
    meeting: Meeting,
    starts_at: datetime,
    emergency_reasons: str = "",
    at: datetime | None = None,
) -> Meeting:
    """Move a scheduled meeting. Later: always (the notice only grows). Earlier: never without
    an emergency decision recorded with its reasons, and never into the past (organizers)."""
    require_organizer(actor)
    require_active(actor, meeting)
    at = at or timezone.now()
    require_plausible_date(starts_at, field="starts_at")
    if starts_at <= at:
        raise ServiceError(_("A meeting is moved to a time still to come."), field="starts_at")
    reasons = (emergency_reasons or "").strip()[:5000]
    with transaction.atomic():
        # Read the meeting's date under the lock: "earlier" is judged against the real one.
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.state != Meeting.State.SCHEDULED:
            raise ServiceError(_("Only a scheduled meeting can be moved."))
        earlier = rules.is_move_earlier(current=meeting.starts_at, proposed=starts_at)
        if earlier and not reasons:
            raise ServiceError(
                _(
                    "A meeting cannot be moved earlier without an emergency decision: record "
                    "its reasons, and they will show on the meeting page."
                ),
                field="emergency_reasons",
                code="notice",
            )
        MeetingMove.objects.create(
            organization_id=meeting.organization_id,
            meeting=meeting,
            from_starts_at=meeting.starts_at,
            to_starts_at=starts_at,
            emergency_reasons=reasons if earlier else "",
            moved_by=actor,
            moved_at=at,
        )
        meeting.starts_at = starts_at
        if earlier:
            meeting.emergency_reasons = reasons
        meeting.save(update_fields=["starts_at", "emergency_reasons"])
        audit_record(
            organization=meeting.organization,
            actor=actor.user,
            verb=DecisionEvent.MEETING_EMERGENCY if earlier else DecisionEvent.MEETING_MOVED,
            target=meeting,
            data={"starts_at": starts_at.isoformat(), "reasons": reasons if earlier else ""},
            at=at,
        )
    return meeting


def meeting_set_state(
    *, actor: Member, meeting: Meeting, to_state: str, at: datetime | None = None
) -> Meeting:
    """Mark a meeting held or cancelled (organizers)."""
    require_organizer(actor)
    require_active(actor, meeting)
    if to_state not in (Meeting.State.HELD, Meeting.State.CANCELLED):
        raise ServiceError(_("Choose held or cancelled."), field="to_state")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        transition(obj=meeting, to_state=to_state, actor=actor, at=at)
    return meeting


def agenda_item_propose(
    *,
    actor: Member,
    meeting: Meeting,
    title: str,
    description: str = "",
    at: datetime | None = None,
) -> AgendaItem:
    """Any member of the meeting's body may put an item on its agenda before it starts."""
    require_active(actor, meeting)
    at = at or timezone.now()
    require_body_member(actor, meeting.body, at, doing=_("propose agenda items"))
    title = clean_text(title, field="title", empty=_("Name the agenda item."), most=200)
    if meeting.state != Meeting.State.SCHEDULED or meeting.starts_at <= at:
        raise ServiceError(_("Agenda items are proposed before the meeting starts."))
    with transaction.atomic():
        item = AgendaItem.objects.create(
            organization_id=meeting.organization_id,
            meeting=meeting,
            title=title,
            description=(description or "").strip()[:10_000],
            proposed_by=actor,
            created_at=at,
        )
        audit_record(
            organization=meeting.organization,
            actor=actor.user,
            verb=DecisionEvent.AGENDA_PROPOSED,
            target=meeting,
            data={"item": title},
            at=at,
        )
    return item
