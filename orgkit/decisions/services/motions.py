"""Motions, their votes (in the room or online) and their outcome; the minority's window."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.bounds import require_plausible_date
from orgkit.core.errors import ServiceError
from orgkit.core.periodic import run_isolated
from orgkit.decisions import rules
from orgkit.decisions.events import DecisionEvent
from orgkit.decisions.lifecycle import transition
from orgkit.decisions.models import Meeting, Motion, Vote, WindowExtension
from orgkit.decisions.services import offices
from orgkit.decisions.services._common import (
    NotEntitled,
    clean_text,
    org_time_text,
    policy_for,
    require_active,
    require_body_member,
    require_organizer,
    sits_on,
)
from orgkit.decisions.services.publishing import motion_publish
from orgkit.organizations.models import Body, Member, Role

CHOICES = set(Vote.Choice.values)


def motion_propose(
    *,
    actor: Member,
    body: Body,
    title: str,
    text: str,
    seconder: Member | None = None,
    meeting: Meeting | None = None,
    action: str = "",
    subject: Member | None = None,
    subject_role: Role | None = None,
    at: datetime | None = None,
) -> Motion:
    """Any member of ``body`` may propose a motion to it (optionally with its seconder). A
    removal or expulsion motion names its subject, who is told at once."""
    require_active(actor, body, seconder, meeting, subject, subject_role)
    at = at or timezone.now()
    require_body_member(actor, body, at, doing=_("propose motions"))
    title = clean_text(title, field="title", empty=_("Give the motion a title."), most=200)
    text = clean_text(text, field="text", empty=_("Write the motion's text."))
    if meeting is not None and meeting.body_id != body.pk:
        raise ServiceError(_("That meeting is of another body."), field="meeting")
    if seconder is not None:
        _check_seconder(seconder, actor, body, at)
    offices.check_action(body=body, action=action, subject=subject, role=subject_role, at=at)
    if action and meeting is None:
        raise ServiceError(
            _("A removal or expulsion is put to a meeting: choose the meeting."), field="meeting"
        )
    with transaction.atomic():
        motion = Motion.objects.create(
            organization_id=body.organization_id,
            body=body,
            meeting=meeting,
            title=title,
            text=text,
            proposer=actor,
            seconder=seconder,
            action=action,
            subject=subject if action else None,
            subject_role=subject_role if action == Motion.Action.REMOVE else None,
            created_at=at,
        )
        audit_record(
            organization=body.organization,
            actor=actor.user,
            verb=DecisionEvent.MOTION_PROPOSED,
            target=motion,
            at=at,
        )
        offices.notify_subject(motion)
    return motion


def _check_seconder(seconder: Member, proposer: Member, body: Body, at: datetime) -> None:
    if seconder.pk == proposer.pk:
        raise ServiceError(_("A motion is seconded by someone other than its proposer."))
    if not sits_on(seconder, body, at):
        raise ServiceError(
            _("The seconder must be a member of %(body)s.") % {"body": body.name},
            field="seconder",
        )


def motion_second(*, actor: Member, motion: Motion, at: datetime | None = None) -> Motion:
    """A member of the body seconds a proposed motion."""
    require_active(actor, motion)
    at = at or timezone.now()
    _check_seconder(actor, motion.proposer, motion.body, at)
    with transaction.atomic():
        updated = Motion.objects.filter(
            pk=motion.pk, seconder__isnull=True, state=Motion.State.PROPOSED
        ).update(seconder=actor)
        if not updated:
            raise ServiceError(_("This motion is seconded already."))
        audit_record(
            organization=motion.organization,
            actor=actor.user,
            verb=DecisionEvent.MOTION_SECONDED,
            target=motion,
            at=at,
        )
    motion.refresh_from_db()
    return motion


def _require_seconded(motion: Motion) -> None:
    if motion.seconder_id is None:
        raise ServiceError(_("A motion is put to the vote once it has a seconder."))


def motion_record_room_vote(
    *,
    actor: Member,
    motion: Motion,
    votes_for: int = 0,
    votes_against: int = 0,
    abstentions: int = 0,
    roll: list[tuple[Member, str]] | None = None,
    at: datetime | None = None,
) -> Motion:
    """The secretary (an organizer) records a vote held in the room: the counts, or a roll
    call (each member's vote, and the counts follow from it)."""
    require_organizer(actor)
    require_active(actor, motion)
    at = at or timezone.now()
    _require_seconded(motion)
    if roll:
        seen = set()
        for member, choice in roll:
            if choice not in CHOICES:
                raise ServiceError(_("A vote is for, against or abstain."), field="roll")
            if member.pk in seen:
                raise ServiceError(
                    _("%(name)s is on the roll twice.") % {"name": member.display_name},
                    field="roll",
                )
            if not sits_on(member, motion.body, at):
                raise ServiceError(
                    _("%(name)s is not a member of %(body)s.")
                    % {"name": member.display_name, "body": motion.body.name},
                    field="roll",
                )
            seen.add(member.pk)
        tally = rules.tally(choice for _member, choice in roll)
    else:
        counts = (votes_for, votes_against, abstentions)
        if any(not isinstance(n, int) or n < 0 or n > 1_000_000 for n in counts):
            raise ServiceError(_("Counts are whole numbers, 0 or more."), field="votes_for")
        if sum(counts) == 0:
            raise ServiceError(_("Record at least one vote."), field="votes_for")
        tally = rules.Tally(*counts)
    offices.require_due_process(motion, at)
    with transaction.atomic():
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if motion.state != Motion.State.PROPOSED:
            raise ServiceError(_("This motion has been put to the vote already."))
        motion.vote_mode = Motion.VoteMode.ROOM
        motion.roll_call = bool(roll)
        motion.save(update_fields=["vote_mode", "roll_call"])
        for member, choice in roll or []:
            Vote.objects.create(
                organization_id=motion.organization_id,
                motion=motion,
                member=member,
                choice=choice,
                cast_at=at,
            )
        _decide(motion=motion, tally=tally, actor=actor, at=at)
    motion.refresh_from_db()
    return motion


def motion_open_voting(
    *, actor: Member, motion: Motion, closes_at: datetime, at: datetime | None = None
) -> Motion:
    """Put a seconded motion to the body's members online until ``closes_at`` (organizers)."""
    require_organizer(actor)
    require_active(actor, motion)
    at = at or timezone.now()
    require_plausible_date(closes_at, field="closes_at")
    _require_seconded(motion)
    if motion.action:
        raise ServiceError(
            _("A removal or expulsion is voted in the room, at a meeting called with notice.")
        )
    if closes_at <= at + timedelta(minutes=5):
        raise ServiceError(_("Leave members time to vote: close later."), field="closes_at")
    with transaction.atomic():
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        motion.vote_mode = Motion.VoteMode.ONLINE
        motion.roll_call = True
        motion.voting_closes_at = closes_at
        transition(obj=motion, to_state=Motion.State.VOTING, actor=actor, at=at)
        motion.save(update_fields=["vote_mode", "roll_call", "voting_closes_at"])
    return motion


def vote_cast(
    *, voter: Member, motion: Motion, choice: str, reason: str = "", at: datetime | None = None
) -> Vote:
    """A member of the body votes online, once, with an optional reason shown beside it."""
    require_active(voter, motion)
    at = at or timezone.now()
    if choice not in CHOICES:
        raise ServiceError(_("Vote for, against or abstain."), field="choice")
    if motion.state != Motion.State.VOTING or at >= motion.voting_closes_at:
        raise ServiceError(_("This motion is not open for voting."))
    require_body_member(voter, motion.body, at, doing=_("vote on its motions"))
    try:
        with transaction.atomic():
            # Locked and checked again: a vote must not slip in after the close has counted.
            motion = Motion.objects.select_for_update().get(pk=motion.pk)
            if motion.state != Motion.State.VOTING or at >= motion.voting_closes_at:
                raise ServiceError(_("This motion is not open for voting."))
            vote = Vote.objects.create(
                organization_id=motion.organization_id,
                motion=motion,
                member=voter,
                choice=choice,
                reason=(reason or "").strip()[:1000],
                cast_at=at,
            )
            audit_record(
                organization=motion.organization,
                actor=voter.user,
                verb=DecisionEvent.VOTE_CAST,
                target=motion,
                at=at,
            )
    except IntegrityError:
        raise ServiceError(_("You have voted on this motion already.")) from None
    return vote


def motion_close_voting(*, motion_id: int, at: datetime | None = None) -> Motion | None:
    """Close an online vote whose window has ended and decide it; None if there was nothing
    to close (already closed, or still open). Safe to run twice."""
    at = at or timezone.now()
    with transaction.atomic():
        motion = Motion.objects.select_for_update().filter(pk=motion_id).first()
        if motion is None or motion.state != Motion.State.VOTING or at < motion.voting_closes_at:
            return None
        tally = rules.tally(motion.votes.values_list("choice", flat=True))
        _decide(motion=motion, tally=tally, actor=None, at=at)
    motion.refresh_from_db()
    return motion


def motions_close_due(*, at: datetime | None = None) -> int:
    """Periodic: close every online vote whose window has ended."""
    at = at or timezone.now()
    due = Motion.objects.filter(state=Motion.State.VOTING, voting_closes_at__lte=at)
    return run_isolated(
        list(due.values_list("pk", flat=True)),
        lambda pk: motion_close_voting(motion_id=pk, at=at),
        job="decisions: close votes",
        label=lambda pk: f"motion {pk}",
    )


def _decide(*, motion: Motion, tally: rules.Tally, actor: Member | None, at: datetime) -> None:
    """Store the outcome. If the minority side has any votes its window opens; otherwise the
    record is published at once."""
    motion.votes_for, motion.votes_against = tally.votes_for, tally.votes_against
    motion.abstentions = tally.abstentions
    motion.outcome = Motion.Outcome.CARRIED if tally.carried else Motion.Outcome.LOST
    motion.decided_at = at
    minority = rules.minority_choice(tally.carried)
    dissent = (tally.votes_against if minority == "against" else tally.votes_for) > 0
    if dissent:
        motion.window_closes_at = rules.window_closes(
            decided_at=at, window_days=policy_for(motion.body).minority_window_days
        )
    motion.save(
        update_fields=[
            "votes_for",
            "votes_against",
            "abstentions",
            "outcome",
            "decided_at",
            "window_closes_at",
        ]
    )
    transition(
        obj=motion,
        to_state=Motion.State.DECIDED,
        actor=actor,
        at=at,
        data={
            "outcome": motion.outcome,
            "votes_for": tally.votes_for,
            "votes_against": tally.votes_against,
        },
    )
    if motion.action and tally.carried:
        offices.carry_out(motion, actor, at)
    if not dissent:
        motion_publish(motion_id=motion.pk, actor=actor, at=at)


def is_minority(member: Member, motion: Motion) -> bool:
    """Whether ``member`` is in the minority on ``motion``: voted on the losing side (a roll
    call or an online vote), or — when the room vote had no roll — sits on the body (a member
    who dissented says so by writing or signing a report)."""
    if not motion.outcome or member.organization_id != motion.organization_id:
        return False
    side = rules.minority_choice(motion.outcome == Motion.Outcome.CARRIED)
    if motion.roll_call:
        return motion.votes.filter(member=member, choice=side).exists()
    return sits_on(member, motion.body, motion.decided_at)


def window_extend(
    *, actor: Member, motion: Motion, days: int, reason: str = "", at: datetime | None = None
) -> Motion:
    """The minority — and only the minority — may lengthen its window (up to 30 days in all)."""
    require_active(actor, motion)
    at = at or timezone.now()
    if not is_minority(actor, motion):
        raise NotEntitled(_("Only the minority can extend its window."))
    with transaction.atomic():
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if motion.state != Motion.State.DECIDED or motion.window_closes_at is None:
            raise ServiceError(_("The record is published: there is no window to extend."))
        if at >= motion.window_closes_at:
            raise ServiceError(
                _("The window closed on %(when)s.")
                % {"when": org_time_text(motion.window_closes_at, motion.organization)}
            )
        already = sum(motion.extensions.values_list("days", flat=True))
        if not isinstance(days, int) or not rules.extension_allowed(already=already, more=days):
            raise ServiceError(
                _("The minority may add between 1 and %(left)s more days.")
                % {"left": max(rules.MAX_EXTENSION_DAYS - already, 0)},
                field="days",
            )
        WindowExtension.objects.create(
            organization_id=motion.organization_id,
            motion=motion,
            days=days,
            reason=(reason or "").strip()[:1000],
            extended_by=actor,
            extended_at=at,
        )
        motion.window_closes_at += timedelta(days=days)
        motion.save(update_fields=["window_closes_at"])
        audit_record(
            organization=motion.organization,
            actor=actor.user,
            verb=DecisionEvent.WINDOW_EXTENDED,
            target=motion,
            data={"days": days},
            at=at,
        )
    return motion
