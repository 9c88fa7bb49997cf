"""Setting up an election and moving it through its lifecycle (see lifecycle.TRANSITIONS)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.core.queueing import enqueue_after_commit
from orgkit.elections.events import ElectionEvent
from orgkit.elections.lifecycle import IllegalTransition, transition
from orgkit.elections.models import Candidate, Election, VoterRollEntry
from orgkit.elections.services import mail
from orgkit.elections.services._common import org_time_text
from orgkit.elections.services.ballot_box import ballot_key_create
from orgkit.elections.services.settings_rules import check_ballot_order, check_settings
from orgkit.organizations.models import Body, Member
from orgkit.organizations.selectors import body_current_members


def require_organizer_or_system(actor: Member | None) -> None:
    """``None`` is the system itself (a periodic task); anyone else must be an organizer."""
    if actor is not None and not (actor.status == Member.Status.ACTIVE and actor.is_organizer):
        raise NotAllowed(_("Only organizers can do this."))


def locked(election: Election) -> Election:
    """The election row, re-read and locked for the rest of the transaction, so that two
    moves (say, a close by hand and the periodic close) cannot both happen."""
    return Election.objects.select_for_update().select_related("organization").get(pk=election.pk)


EDITABLE_IN_DRAFT = (
    "title",
    "description",
    "seats",
    "ballot_kind",
    "rule",
    "secrecy",
    "weighting",
    "requires_seconder",
    "in_meeting",
    "ballot_order",
    "notice_days",
    "nominations_open_at",
    "nominations_close_at",
    "voting_opens_at",
    "voting_closes_at",
)


def election_update(*, actor: Member, election: Election, **changes) -> Election:
    """Change a draft election's settings. Once nominations open the settings are fixed, and
    once the notice has gone out voting cannot be moved earlier (the notice period is never
    shortened)."""
    require_organizer_or_system(actor)
    if election.organization_id != actor.organization_id:
        raise ServiceError(_("Not found in this organization."), code="not_found")
    unknown = set(changes) - set(EDITABLE_IN_DRAFT)
    if unknown:
        raise ServiceError(
            _("These cannot be changed: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        election = locked(election)
        if election.state != Election.State.DRAFT:
            raise ServiceError(_("Only a draft election can be changed; nominations have opened."))
        merged = {name: changes.get(name, getattr(election, name)) for name in EDITABLE_IN_DRAFT}
        check_settings(
            **{
                k: v
                for k, v in merged.items()
                if k not in ("description", "requires_seconder", "in_meeting", "ballot_order")
            },
            now=timezone.now(),
            organization=election.organization,
            notice_sent_at=election.notice_sent_at,
        )
        check_ballot_order(merged["ballot_order"])
        if election.notice_sent_at and merged["voting_opens_at"] < election.voting_opens_at:
            raise ServiceError(
                _("The election notice has gone out: voting can be moved later, never earlier."),
                field="voting_opens_at",
            )
        changed = {k: str(v) for k, v in merged.items() if getattr(election, k) != v}
        for name, value in merged.items():
            setattr(election, name, value.strip() if name == "title" else value)
        election.save(update_fields=list(EDITABLE_IN_DRAFT))
        audit_record(
            organization=election.organization,
            actor=actor.user,
            verb=ElectionEvent.UPDATED,
            target=election,
            data={"changed": changed},
        )
    return election


def election_create(
    *,
    actor: Member,
    body: Body,
    title: str,
    seats: int,
    nominations_open_at: datetime,
    nominations_close_at: datetime,
    voting_opens_at: datetime,
    voting_closes_at: datetime,
    ballot_kind: str = Election.BallotKind.RANKED,
    rule: str = Election.Rule.SCOTTISH,
    secrecy: str = Election.Secrecy.SECRET,
    weighting: str = Election.Weighting.EQUAL,
    requires_seconder: bool = False,
    in_meeting: bool = False,
    ballot_order: str = Election.BallotOrder.SHUFFLED,
    description: str = "",
    notice_days: int = 15,
    at: datetime | None = None,
) -> Election:
    """Set up an election (in draft) for ``seats`` seats, voted on by the members of ``body``."""
    require_organizer_or_system(actor)
    if body.organization_id != actor.organization_id:
        raise ServiceError(_("Not found in this organization."), field="body", code="not_found")
    check_settings(
        title=title,
        seats=seats,
        ballot_kind=ballot_kind,
        rule=rule,
        secrecy=secrecy,
        weighting=weighting,
        notice_days=notice_days,
        nominations_open_at=nominations_open_at,
        nominations_close_at=nominations_close_at,
        voting_opens_at=voting_opens_at,
        voting_closes_at=voting_closes_at,
        now=at or timezone.now(),
        organization=actor.organization,
    )
    check_ballot_order(ballot_order)
    with transaction.atomic():
        election = Election.objects.create(
            organization=actor.organization,
            body=body,
            title=title.strip(),
            description=description,
            seats=seats,
            ballot_kind=ballot_kind,
            rule=rule,
            secrecy=secrecy,
            weighting=weighting,
            requires_seconder=requires_seconder,
            in_meeting=in_meeting,
            ballot_order=ballot_order,
            notice_days=notice_days,
            nominations_open_at=nominations_open_at,
            nominations_close_at=nominations_close_at,
            voting_opens_at=voting_opens_at,
            voting_closes_at=voting_closes_at,
            created_by=actor,
            created_at=at or timezone.now(),
        )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb=ElectionEvent.CREATED,
            target=election,
            data={"body": body.slug, "seats": seats, "rule": rule, "secrecy": secrecy},
            at=at,
        )
    return election


def election_cancel(
    *, actor: Member, election: Election, reason: str, at: datetime | None = None
) -> Election:
    """Call off an election that has not closed (a draft, or one stuck in nominations or
    voting), with the reason on the record. Nothing is deleted: ballots already cast stay
    sealed and uncounted, and the log shows who cancelled it and why."""
    if actor is None:
        raise NotAllowed(_("Only organizers can do this."))
    require_organizer_or_system(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(
            _("Say why the election is cancelled: members will read it."), field="reason"
        )
    if len(reason) > 300:
        raise ServiceError(_("Keep the reason under 300 characters."), field="reason")
    with transaction.atomic():
        election = locked(election)
        if election.organization_id != actor.organization_id:
            raise ServiceError(_("Not found in this organization."), code="not_found")
        transition(
            election=election,
            to_state=Election.State.CANCELLED,
            actor=actor,
            at=at,
            note=reason,
            data={"reason": reason},
        )
    return election


def election_open_nominations(
    *, actor: Member | None, election: Election, at: datetime | None = None
) -> Election:
    """draft → nominations."""
    require_organizer_or_system(actor)
    with transaction.atomic():
        election = locked(election)
        transition(election=election, to_state=Election.State.NOMINATIONS, actor=actor, at=at)
    return election


def roll_weights(*, election: Election, voters: list[Member], on) -> dict[int, int]:
    """Each voter's weight: 1, or (branch-size weighting) the active members of the voter's
    branch on the roll date, so a delegate carries their branch. No branch → weight 1."""
    if election.weighting != Election.Weighting.BRANCH_SIZE:
        return {}
    sizes = dict(
        Member.objects.active()
        .filter(organization_id=election.organization_id, branch__isnull=False, joined_on__lte=on)
        .values_list("branch_id")
        .annotate(n=Count("pk"))
        .values_list("branch_id", "n")
    )
    return {m.pk: max(sizes.get(m.branch_id, 1), 1) for m in voters}


def election_open_voting(
    *, actor: Member | None, election: Election, at: datetime | None = None, notify: bool = True
) -> Election:
    """nominations → voting: fix the candidates on the ballot, snapshot the roll from the
    body's members today, fix the seed for any lot, and tell every voter (``notify=False``
    only for seeds that record a past election: nobody should be told to vote in it now)."""
    require_organizer_or_system(actor)
    at = at or timezone.now()
    with transaction.atomic():
        election = locked(election)
        _check_voting_can_open(election, at)
        standing = Candidate.objects.filter(election=election, status=Candidate.Status.STANDING)
        if not standing.exists():
            raise ServiceError(_("No one is standing: voting cannot open without candidates."))
        voters = body_current_members(
            organization=election.organization, body=election.body, on=timezone.localdate(at)
        )
        if not voters:
            raise ServiceError(_("%(body)s has no members to vote.") % {"body": election.body.name})
        standing.update(on_ballot=True)
        _fix_the_roll(election, voters, at)
        transition(
            election=election,
            to_state=Election.State.VOTING,
            actor=actor,
            at=at,
            data={"voters": len(voters), "seed": election.seed},
        )
        if notify:
            _tell_voters_voting_is_open(election, standing, voters)
    return election


def _check_voting_can_open(election: Election, at: datetime) -> None:
    """The state, the announced window and the notice period all allow voting to open now."""
    if election.state != Election.State.NOMINATIONS:
        raise IllegalTransition(election, Election.State.VOTING)
    if at < election.voting_opens_at:
        raise ServiceError(
            _("Voting opens on %(opens)s, as the members were told; it cannot open earlier.")
            % {"opens": org_time_text(election.voting_opens_at, election.organization)}
        )
    if at >= election.voting_closes_at:
        raise ServiceError(_("The voting window has already passed."))
    if election.notice_days and (
        election.notice_sent_at is None
        or election.voting_opens_at - election.notice_sent_at < timedelta(days=election.notice_days)
    ):
        raise ServiceError(
            _(
                "The election notice had to reach every eligible member %(days)s days before "
                "voting opens, and it did not: voting cannot open."
            )
            % {"days": election.notice_days}
        )


def _fix_the_roll(election: Election, voters: list[Member], at: datetime) -> None:
    """Write the roll (with each voter's weight), the seed for any lot and the ballot key."""
    weights = roll_weights(election=election, voters=voters, on=timezone.localdate(at))
    VoterRollEntry.objects.bulk_create(
        VoterRollEntry(
            organization_id=election.organization_id,
            election=election,
            member=m,
            weight=weights.get(m.pk, 1),
        )
        for m in voters
    )
    election.seed = secrets.token_hex(16)
    election.roll_date = timezone.localdate(at)
    ballot_key_create(election=election)
    election.save(update_fields=["seed", "roll_date", "ballot_key"])


def _tell_voters_voting_is_open(election: Election, standing, voters: list[Member]) -> None:
    """Every candidate's statement goes to every voter in the same email, in nomination
    order: equal terms, and no candidate needs the organizers' mailing list."""
    candidates = [
        {
            "name": c.member.display_name,
            "slate": c.slate.name if c.slate else "",
            "statement": c.statement,
        }
        for c in standing.select_related("member__user", "slate").order_by("pk")
    ]
    mail.email_members(
        election=election,
        members=voters,
        email=mail.VOTING_OPEN,
        context={"candidates": candidates, "vote_link": mail.election_url(election, "vote")},
    )


def election_send_notice(
    *, actor: Member, election: Election, at: datetime | None = None
) -> Election:
    """Send the notice of nominations and of the election to every eligible member (the
    electorate's members today), once, at least ``notice_days`` before voting opens. After it
    is sent the dates stand: members planned around them."""
    require_organizer_or_system(actor)
    at = at or timezone.now()
    with transaction.atomic():
        election = locked(election)
        if election.state not in (Election.State.DRAFT, Election.State.NOMINATIONS):
            raise ServiceError(_("The notice goes out before voting opens."))
        if election.notice_sent_at is not None:
            raise ServiceError(_("The notice was sent already; it goes out once."))
        if election.voting_opens_at - at < timedelta(days=election.notice_days):
            raise ServiceError(
                _("Too late: the notice must go out %(days)s days before voting opens.")
                % {"days": election.notice_days}
            )
        members = body_current_members(
            organization=election.organization, body=election.body, on=timezone.localdate(at)
        )
        mail.email_members(
            election=election,
            members=members,
            email=mail.NOTICE,
            context={"election_link": mail.election_url(election, "detail")},
        )
        election.notice_sent_at = at
        election.save(update_fields=["notice_sent_at"])
        audit_record(
            organization=election.organization,
            actor=actor.user if actor else None,
            verb=ElectionEvent.NOTICE_SENT,
            target=election,
            data={"recipients": len(members)},
            at=at,
        )
    return election


def election_remind_non_voters(*, election: Election, at: datetime | None = None) -> int:
    """Remind members on the roll who have not voted yet, once. The email says nothing
    about anyone's ballot. Returns how many were reminded."""
    at = at or timezone.now()
    with transaction.atomic():
        election = locked(election)
        if election.state != Election.State.VOTING or election.reminder_sent_at is not None:
            return 0
        waiting = VoterRollEntry.objects.filter(election=election, voted=False).select_related(
            "member__user"
        )
        count = mail.email_members(
            election=election,
            members=[entry.member for entry in waiting],
            email=mail.REMINDER,
            context={"vote_link": mail.election_url(election, "vote")},
        )
        election.reminder_sent_at = at
        election.save(update_fields=["reminder_sent_at"])
    return count


def election_close(
    *, actor: Member | None, election: Election, at: datetime | None = None, reason: str = ""
) -> Election:
    """voting → closed, at the end of the window (or earlier once everyone on the roll has
    voted); the count is queued for a worker after commit. A vote held in a meeting may be
    closed earlier by the chair (an organizer), with the reason on the record — e.g. "all 23
    members present have voted"."""
    require_organizer_or_system(actor)
    at = at or timezone.now()
    reason = (reason or "").strip()[:300]
    with transaction.atomic():
        election = locked(election)
        if election.state != Election.State.VOTING:
            raise IllegalTransition(election, Election.State.CLOSED)
        everyone_voted = not VoterRollEntry.objects.filter(election=election, voted=False).exists()
        early = at < election.voting_closes_at and not everyone_voted
        if early:
            _check_early_close(election, actor=actor, reason=reason)
        transition(
            election=election,
            to_state=Election.State.CLOSED,
            actor=actor,
            at=at,
            note=reason if early else "",
            data={"early": True, "reason": reason} if early else None,
        )
        mail.email_members(
            election=election,
            members=[o.member for o in election.observers.select_related("member__user")],
            email=mail.OBSERVER,
            context={"log_link": mail.election_url(election, "log")},
        )
        # Broker down? The close stands and count_closed_elections counts it later.
        enqueue_after_commit("orgkit.elections.tasks.count_election", election.pk)
    return election


def _check_early_close(election: Election, *, actor: Member | None, reason: str) -> None:
    """Only a vote held in a meeting closes before its window ends, by the chair, saying why."""
    if not election.in_meeting or actor is None:
        raise ServiceError(
            _(
                "Voting stays open until %(closes)s (or until everyone on the roll has voted): "
                "an election by post or online runs its whole window, so nobody loses the chance "
                "to vote."
            )
            % {"closes": org_time_text(election.voting_closes_at, election.organization)}
        )
    if not reason:
        raise ServiceError(
            _("Say why voting closes now, e.g. “all members present have voted”."),
            field="reason",
        )
