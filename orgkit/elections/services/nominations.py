"""Nominations: members nominate themselves or others, with a statement and an optional slate;
a seconder when the election asks for one; candidates may withdraw."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.elections.events import ElectionEvent
from orgkit.elections.models import Candidate, Election, Slate
from orgkit.elections.services._common import org_time_text
from orgkit.organizations.models import Member

MAX_STATEMENT = 5000


def _require_active_member_of(actor: Member, election: Election) -> None:
    if actor.organization_id != election.organization_id or actor.status != Member.Status.ACTIVE:
        raise ServiceError(_("Not found in this organization."), code="not_found")


def _require_nominations_open(election: Election, at: datetime) -> None:
    if election.state != Election.State.NOMINATIONS:
        raise ServiceError(
            _("Nominations are not open: the election is %(state)s.")
            % {"state": election.get_state_display()}
        )
    if not election.nominations_open_at <= at < election.nominations_close_at:
        raise ServiceError(
            _("Nominations are open from %(opens)s to %(closes)s.")
            % {
                "opens": org_time_text(election.nominations_open_at, election.organization),
                "closes": org_time_text(election.nominations_close_at, election.organization),
            }
        )


def candidate_nominate(
    *,
    actor: Member,
    election: Election,
    member: Member,
    statement: str = "",
    slate_name: str = "",
    at: datetime | None = None,
) -> Candidate:
    """Nominate ``member`` (``actor`` themself, or another member). The candidate stands at
    once unless the election asks for a seconder. A slate is made on first mention."""
    at = at or timezone.now()
    _require_active_member_of(actor, election)
    if member.organization_id != election.organization_id or member.status != Member.Status.ACTIVE:
        raise ServiceError(_("Only active members can be nominated."), field="member")
    _require_nominations_open(election, at)
    statement = statement.strip()
    if len(statement) > MAX_STATEMENT:
        raise ServiceError(
            _("Keep the statement under %(most)s characters (every candidate gets the same room).")
            % {"most": MAX_STATEMENT},
            field="statement",
        )
    slate_name = " ".join(slate_name.split())[:120]
    if election.ballot_kind == Election.BallotKind.SLATE and not slate_name:
        raise ServiceError(
            _("This election is between slates: name the candidate's slate."), field="slate_name"
        )
    try:
        with transaction.atomic():
            slate = None
            if slate_name:
                slate, _created = Slate.objects.get_or_create(
                    election=election,
                    name=slate_name,
                    defaults={"organization_id": election.organization_id},
                )
            candidate = Candidate.objects.create(
                organization_id=election.organization_id,
                election=election,
                member=member,
                nominated_by=actor,
                slate=slate,
                statement=statement,
                # Nobody stands without saying yes: a nomination by someone else waits for the
                # nominee's consent (a nominee who says no withdraws).
                status=Candidate.Status.AWAITING_CONSENT
                if member.pk != actor.pk
                else _status_after_consent(election, seconded=False),
                created_at=at,
            )
            audit_record(
                organization=election.organization,
                actor=actor.user,
                verb=ElectionEvent.CANDIDATE_NOMINATED,
                target=candidate,
                data={"election": election.pk, "slate": slate_name or None},
                at=at,
            )
    except IntegrityError:
        raise ServiceError(
            _("%(name)s is already nominated in this election.") % {"name": member.display_name},
            field="member",
        ) from None
    return candidate


def _status_after_consent(election: Election, *, seconded: bool) -> str:
    if election.requires_seconder and not seconded:
        return Candidate.Status.AWAITING_SECONDER
    return Candidate.Status.STANDING


def candidate_consent(
    *, actor: Member, candidate: Candidate, at: datetime | None = None
) -> Candidate:
    """The nominee agrees to stand for a nomination someone else made. Only the nominee can."""
    at = at or timezone.now()
    election = candidate.election
    _require_active_member_of(actor, election)
    if actor.pk != candidate.member_id:
        raise ServiceError(_("Only the nominee can agree to stand."))
    _require_nominations_open(election, at)
    with transaction.atomic():
        updated = Candidate.objects.filter(
            pk=candidate.pk, status=Candidate.Status.AWAITING_CONSENT
        ).update(
            status=_status_after_consent(election, seconded=candidate.seconded_by_id is not None)
        )
        if not updated:
            raise ServiceError(_("This nomination is not waiting for your consent."))
        candidate.refresh_from_db()
        audit_record(
            organization=election.organization,
            actor=actor.user,
            verb=ElectionEvent.CANDIDATE_CONSENTED,
            target=candidate,
            at=at,
        )
    return candidate


def candidate_second(
    *, actor: Member, candidate: Candidate, at: datetime | None = None
) -> Candidate:
    """Second a nomination: someone other than the nominee and the nominator."""
    at = at or timezone.now()
    election = candidate.election
    _require_active_member_of(actor, election)
    _require_nominations_open(election, at)
    if actor.pk in (candidate.member_id, candidate.nominated_by_id):
        raise ServiceError(
            _("A seconder must be someone other than the nominee and the nominator.")
        )
    with transaction.atomic():
        waiting = Candidate.objects.filter(pk=candidate.pk, seconded_by__isnull=True)
        # Seconded before the nominee agreed: the seconder is kept, the consent still awaited.
        updated = waiting.filter(status=Candidate.Status.AWAITING_SECONDER).update(
            seconded_by=actor, status=Candidate.Status.STANDING
        ) or waiting.filter(status=Candidate.Status.AWAITING_CONSENT).update(seconded_by=actor)
        if not updated:
            raise ServiceError(_("This nomination does not need a seconder (any more)."))
        candidate.refresh_from_db()
        audit_record(
            organization=election.organization,
            actor=actor.user,
            verb=ElectionEvent.CANDIDATE_SECONDED,
            target=candidate,
            at=at,
        )
    return candidate


def candidate_withdraw(
    *, actor: Member, candidate: Candidate, at: datetime | None = None
) -> Candidate:
    """The candidate withdraws (or an organizer records it). Once voting has opened the name
    stays on the ballot and the count skips it; before that it leaves the list."""
    at = at or timezone.now()
    election = candidate.election
    _require_active_member_of(actor, election)
    if actor.pk != candidate.member_id and not actor.is_organizer:
        raise NotAllowed(_("Only the candidate (or an organizer) can withdraw a nomination."))
    if election.state not in (Election.State.NOMINATIONS, Election.State.VOTING):
        raise ServiceError(_("It is too late to withdraw: voting has closed."))
    with transaction.atomic():
        updated = (
            Candidate.objects.filter(pk=candidate.pk)
            .exclude(status=Candidate.Status.WITHDRAWN)
            .update(status=Candidate.Status.WITHDRAWN)
        )
        if not updated:
            raise ServiceError(_("This candidate has already withdrawn."))
        candidate.refresh_from_db()
        audit_record(
            organization=election.organization,
            actor=actor.user,
            verb=ElectionEvent.CANDIDATE_WITHDRAWN,
            target=candidate,
            at=at,
        )
    return candidate
