"""Checks on an election by its members: observers named by candidates, and protests lodged
within the protest period after the results and answered by an organizer, all on the record."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.elections.events import ElectionEvent
from orgkit.elections.models import Candidate, Election, ElectionResult, Observer, Protest
from orgkit.elections.services._common import org_time_text
from orgkit.elections.services.elections import require_organizer_or_system
from orgkit.organizations.models import Member

MAX_TEXT = 10_000


def protest_deadline(*, election: Election) -> datetime | None:
    """When the protest period ends: ``protest_days`` after the first result was stored."""
    result = ElectionResult.objects.filter(election=election, recount_of__isnull=True).first()
    if result is None:
        return None
    return result.created_at + timedelta(days=election.protest_days)


def protest_lodge(
    *, actor: Member, election: Election, text: str, at: datetime | None = None
) -> Protest:
    """Lodge a protest. Any active member may, until the protest period ends."""
    at = at or timezone.now()
    if actor.organization_id != election.organization_id or actor.status != Member.Status.ACTIVE:
        raise ServiceError(_("Not found in this organization."), code="not_found")
    text = text.strip()
    if not text:
        raise ServiceError(_("Say what the protest is about."), field="text")
    if len(text) > MAX_TEXT:
        raise ServiceError(
            _("Keep the protest under %(most)s characters.") % {"most": MAX_TEXT}, field="text"
        )
    deadline = protest_deadline(election=election)
    if election.state != Election.State.PUBLISHED or deadline is None:
        raise ServiceError(_("Protests are lodged once the results are published."))
    if at > deadline:
        raise ServiceError(
            _("The protest period ended on %(deadline)s.")
            % {"deadline": org_time_text(deadline, election.organization)}
        )
    with transaction.atomic():
        protest = Protest.objects.create(
            organization_id=election.organization_id,
            election=election,
            lodged_by=actor,
            text=text,
            lodged_at=at,
        )
        audit_record(
            organization=election.organization,
            actor=actor.user,
            verb=ElectionEvent.PROTEST_LODGED,
            target=election,
            data={"protest": protest.pk},
            at=at,
        )
    return protest


def protest_answer(
    *, actor: Member, protest: Protest, answer: str, at: datetime | None = None
) -> Protest:
    """An organizer records the answer to a protest, once."""
    require_organizer_or_system(actor)
    at = at or timezone.now()
    answer = answer.strip()
    if not answer:
        raise ServiceError(_("Write the answer."), field="answer")
    with transaction.atomic():
        updated = Protest.objects.filter(pk=protest.pk, answered_at__isnull=True).update(
            answer=answer, answered_by=actor, answered_at=at
        )
        if not updated:
            raise ServiceError(_("This protest has been answered already."))
        protest.refresh_from_db()
        audit_record(
            organization=protest.election.organization,
            actor=actor.user,
            verb=ElectionEvent.PROTEST_ANSWERED,
            target=protest.election,
            data={"protest": protest.pk},
            at=at,
        )
    return protest


def observer_name(
    *, actor: Member, candidate: Candidate, member: Member, at: datetime | None = None
) -> Observer:
    """A candidate names an observer (another member) to follow the count and the log."""
    at = at or timezone.now()
    election = candidate.election
    if actor.pk != candidate.member_id:
        raise NotAllowed(_("Only the candidate names their observers."))
    if member.organization_id != election.organization_id or member.status != Member.Status.ACTIVE:
        raise ServiceError(_("Observers are active members."), field="member")
    if election.state in (Election.State.COUNTED, Election.State.PUBLISHED):
        raise ServiceError(_("The count is over: observers are named before it."))
    if candidate.status == Candidate.Status.WITHDRAWN:
        raise ServiceError(_("A withdrawn candidate names no observers."))
    try:
        with transaction.atomic():
            observer = Observer.objects.create(
                organization_id=election.organization_id,
                election=election,
                candidate=candidate,
                member=member,
                created_at=at,
            )
            audit_record(
                organization=election.organization,
                actor=actor.user,
                verb=ElectionEvent.OBSERVER_NAMED,
                target=candidate,
                data={"observer": member.display_name},
                at=at,
            )
    except IntegrityError:
        raise ServiceError(
            _("%(name)s observes this election already.") % {"name": member.display_name},
            field="member",
        ) from None
    return observer
