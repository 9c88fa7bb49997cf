"""Acting on turns: accept, skip (keeping your place), cover, and swaps.

A swap's status moves only through ``orgkit/rotations/lifecycle.py`` (its transition table);
the services here check who may act, lock the rows, exchange the turns and replan.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.organizations.models import Member
from orgkit.organizations.services.checks import require_same_org
from orgkit.rotations import engine
from orgkit.rotations.events import RotationEvent
from orgkit.rotations.explanations import violation_text
from orgkit.rotations.lifecycle import require_swap_move, swap_move
from orgkit.rotations.mailing import email_member, rotation_link
from orgkit.rotations.models import (
    Rotation,
    Skip,
    Swap,
    Turn,
)
from orgkit.rotations.planning import gather_facts, org_today, rotation_replan, rules_for
from orgkit.rotations.services._common import acting_for, on_behalf


def _too_late(action: str) -> str:
    return {
        "accept": _("This turn has already started; it is too late to accept it."),
        "skip": _("This turn has already started; it is too late to skip it."),
        "cover": _("This turn has already started; it is too late to cover it."),
        "swap": _("This turn has already started; it is too late to swap it."),
        "undo": _("This turn has already started; it is too late to undo the swap."),
    }[action]


def _require_upcoming(turn: Turn, action: str, *, at: datetime) -> None:
    if turn.starts_at <= at:
        raise ServiceError(_too_late(action))


def turn_accept(*, actor: Member, turn: Turn, at: datetime | None = None) -> Turn:
    """The holder accepts their turn: it is confirmed and will not move automatically."""
    at = at or timezone.now()
    require_same_org(actor, turn)
    if turn.holder_id != actor.pk:
        raise NotAllowed(_("Only the member who holds a turn can accept it."))
    _require_upcoming(turn, "accept", at=at)
    with transaction.atomic():
        turn.confirmed, turn.accepted_at = True, at
        turn.save(update_fields=["confirmed", "accepted_at"])
        audit_record(
            organization=turn.organization,
            actor=actor.user,
            verb=RotationEvent.TURN_ACCEPTED,
            target=turn,
            at=at,
        )
    return turn


def turn_skip(*, actor: Member, turn: Turn, note: str = "", at: datetime | None = None) -> Skip:
    """The holder skips an upcoming turn and keeps their place: someone else is planned for it,
    and the skipper comes up first at the next turn they can take."""
    at = at or timezone.now()
    require_same_org(actor, turn)
    if turn.holder_id is None:
        raise ServiceError(_("Nobody holds this turn."))
    acting_for(actor, turn.holder, _("Only organizers can skip a turn on someone else's behalf."))
    _require_upcoming(turn, "skip", at=at)
    holder = turn.holder
    with transaction.atomic():
        turn = Turn.objects.select_for_update().get(pk=turn.pk)
        skip = Skip.objects.create(
            organization=turn.organization,
            rotation_id=turn.rotation_id,
            member=holder,
            turn_start=turn.start,
            turn_end=turn.end,
            note=note[:200],
            created_at=at,
        )
        turn.holder, turn.confirmed, turn.accepted_at = None, False, None
        # A skipped cover or swap is no override any more: the plan fills the turn afresh.
        turn.covered_for, turn.status = None, Turn.Status.PLANNED
        turn.save(update_fields=["holder", "confirmed", "accepted_at", "covered_for", "status"])
        audit_record(
            organization=turn.organization,
            actor=actor.user,
            verb=RotationEvent.TURN_SKIPPED,
            target=turn,
            data={
                "name": holder.display_name,
                "start": turn.start.isoformat(),
                **on_behalf(actor, holder),
            },
            at=at,
        )
    rotation_replan(rotation=turn.rotation, at=at)
    return skip


def turn_cover(*, actor: Member, turn: Turn, at: datetime | None = None) -> Turn:
    """A member covers this one upcoming turn of someone's: a one-off override. The coverer is
    credited with the turn; the member covered for keeps their place and every other turn of
    theirs (a term of several turns goes on without them for just this one)."""
    at = at or timezone.now()
    require_same_org(actor, turn)
    _require_upcoming(turn, "cover", at=at)
    if turn.holder_id == actor.pk:
        raise ServiceError(_("This is already your turn."))
    with transaction.atomic():
        turn = (
            Turn.objects.select_for_update(of=("self",))
            .select_related("holder__user")
            .get(pk=turn.pk)
        )
        original = turn.holder
        _serve_in_place(turn, actor.pk, Turn.Status.COVERED, at=at)
        audit_record(
            organization=turn.organization,
            actor=actor.user,
            # A cover (someone's turn, they keep their place) and taking an open turn are
            # different facts, and the log says which.
            verb=RotationEvent.TURN_COVERED if original else RotationEvent.TURN_TAKEN,
            target=turn,
            data={"name": actor.display_name, "for": original.display_name if original else None},
            at=at,
        )
    rotation_replan(rotation=turn.rotation, at=at)
    return turn


# --- swaps ----------------------------------------------------------------------------------


def swap_request(
    *, actor: Member, offered_turn: Turn, wanted_turn: Turn, at: datetime | None = None
) -> Swap:
    """Offer your turn in exchange for someone else's (or an organizer, for the holder)."""
    at = at or timezone.now()
    require_same_org(actor, offered_turn, wanted_turn)
    if offered_turn.rotation_id != wanted_turn.rotation_id:
        raise ServiceError(_("Both turns must belong to the same rotation."))
    if offered_turn.holder_id is None or wanted_turn.holder_id is None:
        raise ServiceError(_("Both turns need a holder to swap."))
    if offered_turn.holder_id == wanted_turn.holder_id:
        raise ServiceError(_("Both turns have the same holder."))
    acting_for(
        actor,
        offered_turn.holder,
        _("Only organizers can request a swap on someone else's behalf."),
    )
    _require_upcoming(offered_turn, "swap", at=at)
    _require_upcoming(wanted_turn, "swap", at=at)
    asker, counterpart = offered_turn.holder, wanted_turn.holder
    with transaction.atomic():
        swap = Swap.objects.create(
            organization=actor.organization,
            rotation_id=offered_turn.rotation_id,
            offered_turn=offered_turn,
            wanted_turn=wanted_turn,
            requested_by=asker,
            counterpart=counterpart,
            created_at=at,
        )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb=RotationEvent.SWAP_REQUESTED,
            target=swap,
            data={
                "from": asker.display_name,
                "to": counterpart.display_name,
                **on_behalf(actor, asker),
            },
            at=at,
        )
        rotation = offered_turn.rotation
        email_member(
            member=counterpart,
            template="swap_requested",
            kind="rotations.swap_requested",
            context={
                "asker": asker,
                "offered_turn": offered_turn,
                "wanted_turn": wanted_turn,
                "role": rotation.role,
                "link": rotation_link(rotation),
            },
        )
    return swap


def _locked_swap(swap: Swap) -> Swap:
    """The swap row, re-read and locked for the rest of the transaction (with its turns' start
    dates, which its audit label shows), so that two answers at once settle exactly once."""
    return (
        Swap.objects.select_for_update(of=("self",))
        .select_related("offered_turn", "wanted_turn", "organization", "rotation")
        .get(pk=swap.pk)
    )


def _locked_turns(swap: Swap) -> tuple[Turn, Turn]:
    offered, wanted = (
        Turn.objects.select_for_update().get(pk=pk)
        for pk in (swap.offered_turn_id, swap.wanted_turn_id)
    )
    return offered, wanted


def swap_accept(*, actor: Member, swap: Swap, at: datetime | None = None) -> Swap:
    """The other member accepts: the holders exchange turns and both turns are confirmed.

    Locks the swap and both turns, so two acceptances at once (or an acceptance racing a
    cancellation) settle exactly once.
    """
    at = at or timezone.now()
    require_same_org(actor, swap)
    acting_for(
        actor, swap.counterpart, _("Only organizers can accept a swap on someone else's behalf.")
    )
    with transaction.atomic():
        swap = _locked_swap(swap)
        require_swap_move(swap, Swap.Status.ACCEPTED)  # before looking at the turns
        offered, wanted = _locked_turns(swap)
        if offered.holder_id != swap.requested_by_id or wanted.holder_id != swap.counterpart_id:
            raise ServiceError(_("The turns changed hands since the swap was asked for."))
        _require_upcoming(offered, "swap", at=at)
        _require_upcoming(wanted, "swap", at=at)
        _check_swap_keeps_rules(swap.rotation, offered, wanted, at=at)
        _exchange(offered, wanted, at=at)
        swap_move(
            swap=swap,
            to_status=Swap.Status.ACCEPTED,
            actor=actor,
            at=at,
            data=on_behalf(actor, swap.counterpart),
        )
    rotation_replan(rotation=swap.rotation, at=at)
    return swap


def _serve_in_place(turn: Turn, member_id: int, how: str, *, at: datetime) -> None:
    """``member_id`` serves this one turn (confirmed): a one-off override standing in for the
    member the rotation has here (engine/overrides.py), or no override when the turn goes back
    to that member or was open."""
    rostered = turn.rostered_id
    turn.holder_id, turn.confirmed, turn.accepted_at = member_id, True, at
    if rostered is None or rostered == member_id:
        turn.covered_for, turn.status = None, Turn.Status.PLANNED
    else:
        turn.covered_for_id, turn.status = rostered, how
    turn.save(update_fields=["holder", "covered_for", "confirmed", "accepted_at", "status"])


def _exchange(first: Turn, second: Turn, *, at: datetime, how: str = Turn.Status.SWAPPED) -> None:
    """The two holders exchange these two turns, and only these."""
    first_holder, second_holder = first.holder_id, second.holder_id
    _serve_in_place(first, second_holder, how, at=at)
    _serve_in_place(second, first_holder, how, at=at)


def _check_swap_keeps_rules(
    rotation: Rotation, offered: Turn, wanted: Turn, *, at: datetime
) -> None:
    """Refuse a swap that would put someone on a turn they cannot serve (leave, not yet
    joined, not eligible). A swap is a one-off override, so the rotation's runs and limits are
    the same after it as before."""
    facts = gather_facts(rotation, today=org_today(rotation, at))
    timeline = engine.swap(facts.inputs.existing, offered.start, wanted.start)
    rules = rules_for(rotation)
    indices = {rules.cadence.index_of(day) for day in (offered.start, wanted.start)}
    problems = [
        v
        for v in engine.rule_violations(
            timeline,
            facts.inputs.rules,
            history=facts.inputs.history,
            pool=facts.inputs.pool,
            leave=facts.inputs.leave,
        )
        if indices & set(v.indices)
    ]
    if problems:
        reasons = "; ".join(
            violation_text(p, rules=rules, name=facts.names.get(p.member, _("A member")))
            for p in problems[:3]
        )
        raise ServiceError(
            _("This swap would break the rotation's rules: %(reasons)s.") % {"reasons": reasons}
        )


def swap_decline(*, actor: Member, swap: Swap, at: datetime | None = None) -> Swap:
    """The other member (or an organizer for them) turns the swap down."""
    require_same_org(actor, swap)
    acting_for(
        actor, swap.counterpart, _("Only organizers can decline a swap on someone else's behalf.")
    )
    return _close_swap(actor=actor, swap=swap, status=Swap.Status.DECLINED, at=at)


def swap_cancel(*, actor: Member, swap: Swap, at: datetime | None = None) -> Swap:
    """The asker (or an organizer for them) withdraws the request."""
    require_same_org(actor, swap)
    acting_for(
        actor,
        swap.requested_by,
        _("Only organizers can withdraw a swap on someone else's behalf."),
    )
    return _close_swap(actor=actor, swap=swap, status=Swap.Status.CANCELLED, at=at)


def _close_swap(*, actor: Member, swap: Swap, status: str, at: datetime | None) -> Swap:
    at = at or timezone.now()
    with transaction.atomic():
        swap = _locked_swap(swap)
        swap_move(swap=swap, to_status=status, actor=actor, at=at)
    return swap


def swap_undo(*, actor: Member, swap: Swap, at: datetime | None = None) -> Swap:
    """Either member (or an organizer) undoes an accepted swap before the earlier turn starts."""
    at = at or timezone.now()
    require_same_org(actor, swap)
    if actor.pk not in (swap.requested_by_id, swap.counterpart_id) and not actor.is_organizer:
        raise NotAllowed(_("Only the two members (or an organizer) can undo a swap."))
    with transaction.atomic():
        swap = _locked_swap(swap)
        require_swap_move(swap, Swap.Status.UNDONE)  # before looking at the turns
        offered, wanted = _locked_turns(swap)
        _require_upcoming(min(offered, wanted, key=lambda t: t.start), "undo", at=at)
        # A turn that is still not its rostered member's after the undo was covered before.
        _exchange(offered, wanted, at=at, how=Turn.Status.COVERED)
        swap_move(swap=swap, to_status=Swap.Status.UNDONE, actor=actor, at=at)
    rotation_replan(rotation=swap.rotation, at=at)
    return swap


def swap_arrange(
    *, actor: Member, first_turn: Turn, second_turn: Turn, at: datetime | None = None
) -> Swap:
    """An organizer arranges a swap between two members (one of them may be the organizer):
    their two turns — exactly those two — change hands at once, as if asked and accepted."""
    at = at or timezone.now()
    require_same_org(actor, first_turn, second_turn)
    if not actor.is_organizer:
        raise NotAllowed(_("Only organizers can arrange a swap between two members."))
    if first_turn.rotation_id != second_turn.rotation_id:
        raise ServiceError(_("Both turns must belong to the same rotation."))
    if first_turn.holder_id is None or second_turn.holder_id is None:
        raise ServiceError(_("Both turns need a holder to swap."))
    if first_turn.holder_id == second_turn.holder_id:
        raise ServiceError(_("Both turns have the same holder."))
    _require_upcoming(first_turn, "swap", at=at)
    _require_upcoming(second_turn, "swap", at=at)
    with transaction.atomic():
        first, second = (
            Turn.objects.select_for_update(of=("self",)).select_related("holder__user").get(pk=pk)
            for pk in (first_turn.pk, second_turn.pk)
        )
        if (first.holder_id, second.holder_id) != (first_turn.holder_id, second_turn.holder_id):
            raise ServiceError(_("The turns changed hands meanwhile; look again."))
        rotation = first.rotation
        _check_swap_keeps_rules(rotation, first, second, at=at)
        swap = Swap.objects.create(
            organization=actor.organization,
            rotation=rotation,
            offered_turn=first,
            wanted_turn=second,
            requested_by=first.holder,
            counterpart=second.holder,
            status=Swap.Status.ACCEPTED,  # arranged: asked and accepted in one step
            created_at=at,
            decided_at=at,
        )
        names = {"from": first.holder.display_name, "to": second.holder.display_name}
        members = (first.holder, second.holder)
        _exchange(first, second, at=at)
        # Both members hear of it: someone else moved their turns.
        link = rotation_link(rotation)
        for member, lost, gained in ((members[0], first, second), (members[1], second, first)):
            email_member(
                member=member,
                template="turn_moved",
                kind="rotations.turn_moved",
                context={
                    "rotation": rotation,
                    "changes": sorted([(lost.start, False), (gained.start, True)]),
                    "link": link,
                },
            )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb=RotationEvent.SWAP_ARRANGED,
            target=swap,
            data=names,
            at=at,
        )
    rotation_replan(rotation=rotation, at=at)
    return swap
