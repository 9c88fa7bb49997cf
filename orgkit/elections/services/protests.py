"""Checks on an election by its members: observers named by candidates, and protests lodged
within the protest period after the results and answered by an organizer, all on the record."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from orgkit.core.audit import audit_record
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.elections.events import ElectionEvent
from orgkit.elections.models import Candidate, Election, ElectionResult, Observer, Protest
from orgkit.elections.services.elections import require_organizer_or_system
from orgkit.organizations.models import Member
from orgkit.organizations.tenancy import in_organization_time

MAX_TEXT = 10_000


def protest_deadline(*, election: Election) -> datetime | None:
    """When the protest period ends: ``protest_days`` after the first result was stored."""
    result = ElectionResult.objects.filter(election=election, recount_of__isnull=True).first()
    if result is None:
        return None
    return result.created_at + timedelta(days=election.protest_days)


def protest_lodge(*, actor: Member, election: Election, text: str, at: datetime | None = None) -> Protest:
    """Lodge a protest. Any active member may, until the protest period ends."""
    at = at or timezone.now()
    if actor.organization_id != election.organization_id or actor.status != Member.Status.ACTIVE:
        raise ServiceError("Not found in this organization.", code="not_found")
    text = text.strip()
    if not text:
        raise ServiceError("Say what the protest is about.", field="text")
    if len(text) > MAX_TEXT:
        raise ServiceError(f"Keep the protest under {MAX_TEXT} characters.", field="text")
    deadline = protest_deadline(election=election)
    if election.state != Election.State.PUBLISHED or deadline is None:
        raise ServiceError("Protests are lodged once the results are published.")
    if at > deadline:
        raise ServiceError(
            f"The protest period ended on {in_organization_time(deadline, election.organization):%d %b %Y %H:%M}."
        )
    with transaction.atomic():
        protest = Protest.objects.create(
            organization_id=election.organization_id, election=election, lodged_by=actor,
            text=text, lodged_at=at,
        )
        audit_record(
            organization=election.organization, actor=actor.user,
            verb=ElectionEvent.PROTEST_LODGED, target=election, data={"protest": protest.pk}, at=at,
        )
    return protest


def protest_answer(*, actor: Member, protest: Protest, answer: str, at: datetime | None = None) -> Protest:
    """An organizer records the answer to a protest, once."""
    require_organizer_or_system(actor)
    at = at or timezone.now()
    answer = answer.strip()
    if not answer:
        raise ServiceError("Write the answer.", field="answer")
    with transaction.atomic():
        updated = Protest.objects.filter(pk=protest.pk, answered_at__isnull=True).update(
            answer=answer, answered_by=actor, answered_at=at
        )
        if not updated:
            raise ServiceError("This protest has been answered already.")
        protest.refresh_from_db()
        audit_record(
            organization=protest.election.organization, actor=actor.user,
            verb=ElectionEvent.PROTEST_ANSWERED, target=protest.election,
            data={"protest": protest.pk}, at=at,
        )
    return protest


def observer_name(
    *, actor: Member, candidate: Candidate, member: Member, at: datetime | None = None
) -> Observer:
    """A candidate names an observer (another member) to follow the count and the log."""
    at = at or timezone.now()
    election = candidate.election
    if actor.pk != candidate.member_id:
        raise NotAllowed("Only the candidate names their observers.")
    if member.organization_id != election.organization_id or member.status != Member.Status.ACTIVE:
        raise ServiceError("Observers are active members.", field="member")
    if election.state in (Election.State.COUNTED, Election.State.PUBLISHED):
        raise ServiceError("The count is over: observers are named before it.")
    if candidate.status == Candidate.Status.WITHDRAWN:
        raise ServiceError("A withdrawn candidate names no observers.")
    try:
        with transaction.atomic():
            observer = Observer.objects.create(
                organization_id=election.organization_id, election=election,
                candidate=candidate, member=member, created_at=at,
            )
            audit_record(
                organization=election.organization, actor=actor.user,
                verb=ElectionEvent.OBSERVER_NAMED, target=candidate,
                data={"observer": member.display_name}, at=at,
            )
    except IntegrityError:
        raise ServiceError(f"{member.display_name} observes this election already.", field="member") from None
    return observer
