"""Acting on turns: accept, skip (keeping your place), cover, and swaps."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from orgkit.core.audit import audit_record
from orgkit.core.emails import email_enqueue
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.organizations.models import Member
from orgkit.organizations.services.checks import require_same_org
from orgkit.rotations import engine
from orgkit.rotations.models import (
    Rotation,
    Skip,
    Swap,
    Turn,
)
from orgkit.rotations.planning import org_today, rotation_replan, rules_for
from orgkit.rotations.services._common import acting_for, on_behalf


def _upcoming(turn: Turn, what: str) -> None:
    if turn.starts_at <= timezone.now():
        raise ServiceError(f"This turn has already started; it is too late to {what}.")


def turn_accept(*, actor: Member, turn: Turn) -> Turn:
    """The holder accepts their turn: it is confirmed and will not move automatically."""
    require_same_org(actor, turn)
    if turn.holder_id != actor.pk:
        raise NotAllowed("Only the member who holds a turn can accept it.")
    _upcoming(turn, "accept it")
    with transaction.atomic():
        turn.confirmed, turn.accepted_at = True, timezone.now()
        turn.save(update_fields=["confirmed", "accepted_at"])
        audit_record(
            organization=turn.organization,
            actor=actor.user,
            verb="rotations.turn.accepted",
            target=turn,
        )
    return turn


def turn_skip(*, actor: Member, turn: Turn, note: str = "") -> Skip:
    """The holder skips an upcoming turn and keeps their place: someone else is planned for it,
    and the skipper comes up first at the next turn they can take."""
    require_same_org(actor, turn)
    if turn.holder_id is None:
        raise ServiceError("Nobody holds this turn.")
    acting_for(actor, turn.holder, "skip a turn")
    _upcoming(turn, "skip it")
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
        )
        turn.holder, turn.confirmed, turn.accepted_at = None, False, None
        turn.save(update_fields=["holder", "confirmed", "accepted_at"])
        audit_record(
            organization=turn.organization,
            actor=actor.user,
            verb="rotations.turn.skipped",
            target=turn,
            data={
                "name": holder.display_name,
                "start": turn.start.isoformat(),
                **on_behalf(actor, holder),
            },
        )
    rotation_replan(rotation=turn.rotation)
    return skip


def turn_cover(*, actor: Member, turn: Turn) -> Turn:
    """A member covers someone's upcoming turn; the coverer is credited, and the member covered
    for keeps their place."""
    require_same_org(actor, turn)
    _upcoming(turn, "cover it")
    if turn.holder_id == actor.pk:
        raise ServiceError("This is already your turn.")
    with transaction.atomic():
        turn = (
            Turn.objects.select_for_update(of=("self",))
            .select_related("holder__user")
            .get(pk=turn.pk)
        )
        original = turn.holder
        turn.covered_for = original
        turn.holder, turn.confirmed, turn.accepted_at = actor, True, timezone.now()
        turn.status = Turn.Status.COVERED if original else Turn.Status.PLANNED
        turn.save(update_fields=["holder", "covered_for", "confirmed", "accepted_at", "status"])
        audit_record(
            organization=turn.organization,
            actor=actor.user,
            verb="rotations.turn.covered",
            target=turn,
            data={"name": actor.display_name, "for": original.display_name if original else None},
        )
    rotation_replan(rotation=turn.rotation)
    return turn


# --- swaps ----------------------------------------------------------------------------------


def swap_request(*, actor: Member, offered_turn: Turn, wanted_turn: Turn) -> Swap:
    """Offer your turn in exchange for someone else's (or an organizer, for the holder)."""
    require_same_org(actor, offered_turn, wanted_turn)
    if offered_turn.rotation_id != wanted_turn.rotation_id:
        raise ServiceError("Both turns must belong to the same rotation.")
    if offered_turn.holder_id is None or wanted_turn.holder_id is None:
        raise ServiceError("Both turns need a holder to swap.")
    if offered_turn.holder_id == wanted_turn.holder_id:
        raise ServiceError("Both turns have the same holder.")
    acting_for(actor, offered_turn.holder, "request a swap")
    _upcoming(offered_turn, "swap it")
    _upcoming(wanted_turn, "swap it")
    with transaction.atomic():
        swap = Swap.objects.create(
            organization=actor.organization,
            rotation_id=offered_turn.rotation_id,
            offered_turn=offered_turn,
            wanted_turn=wanted_turn,
            requested_by=offered_turn.holder,
            counterpart=wanted_turn.holder,
        )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb="rotations.swap.requested",
            target=swap,
            data={
                "from": offered_turn.holder.display_name,
                "to": wanted_turn.holder.display_name,
                **on_behalf(actor, offered_turn.holder),
            },
        )
        counterpart = wanted_turn.holder
        email_enqueue(
            organization=actor.organization,
            to=counterpart.user.email,
            subject=f"{offered_turn.holder.display_name} asks to swap turns",
            body=(
                f"{offered_turn.holder.display_name} offers their turn of {offered_turn.start:%d %B %Y} "
                f"for yours of {wanted_turn.start:%d %B %Y} ({offered_turn.rotation.role}).\n"
                "Accept or decline it on your turns page in orgkit."
            ),
            kind="rotations.swap_requested",
        )
    return swap


def swap_accept(*, actor: Member, swap: Swap) -> Swap:
    """The other member accepts: the holders exchange turns and both turns are confirmed.

    Locks the swap and both turns, so two acceptances at once (or an acceptance racing a
    cancellation) settle exactly once.
    """
    require_same_org(actor, swap)
    acting_for(actor, swap.counterpart, "accept a swap")
    with transaction.atomic():
        swap = Swap.objects.select_for_update().get(pk=swap.pk)
        if swap.status != Swap.Status.REQUESTED:
            raise ServiceError(f"This swap was already {swap.get_status_display()}.")
        offered, wanted = (
            Turn.objects.select_for_update().get(pk=pk)
            for pk in (swap.offered_turn_id, swap.wanted_turn_id)
        )
        if offered.holder_id != swap.requested_by_id or wanted.holder_id != swap.counterpart_id:
            raise ServiceError("The turns changed hands since the swap was asked for.")
        _upcoming(offered, "swap it")
        _upcoming(wanted, "swap it")
        _check_swap_keeps_rules(swap.rotation, offered, wanted)
        _exchange(offered, wanted)
        swap.status, swap.decided_at = Swap.Status.ACCEPTED, timezone.now()
        swap.save(update_fields=["status", "decided_at"])
        audit_record(
            organization=swap.organization,
            actor=actor.user,
            verb="rotations.swap.accepted",
            target=swap,
            data=on_behalf(actor, swap.counterpart),
        )
    rotation_replan(rotation=swap.rotation)
    return swap


def _exchange(first: Turn, second: Turn) -> None:
    first.holder_id, second.holder_id = second.holder_id, first.holder_id
    for turn in (first, second):
        turn.confirmed, turn.accepted_at = True, timezone.now()
        turn.save(update_fields=["holder", "confirmed", "accepted_at"])


def _check_swap_keeps_rules(rotation: Rotation, offered: Turn, wanted: Turn) -> None:
    """Refuse a swap that would break the rotation's limits (cool-down, runs, leave)."""
    from orgkit.rotations.planning import gather_facts

    facts = gather_facts(rotation, today=org_today(rotation))
    swapped = {offered.start: wanted.holder_id, wanted.start: offered.holder_id}
    timeline = [
        engine.ExistingTurn(t.start, swapped.get(t.start, t.holder), t.shadow, confirmed=True)
        for t in facts.inputs.existing
    ]
    indices = {rules_for(rotation).cadence.index_of(day) for day in swapped}
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
        raise ServiceError(
            "This swap would break the rotation's rules: " + "; ".join(p.text for p in problems[:3])
        )


def swap_decline(*, actor: Member, swap: Swap) -> Swap:
    return _close_swap(
        actor=actor, swap=swap, by=swap.counterpart, status=Swap.Status.DECLINED, verb="declined"
    )


def swap_cancel(*, actor: Member, swap: Swap) -> Swap:
    return _close_swap(
        actor=actor, swap=swap, by=swap.requested_by, status=Swap.Status.CANCELLED, verb="cancelled"
    )


def _close_swap(*, actor: Member, swap: Swap, by: Member, status: str, verb: str) -> Swap:
    require_same_org(actor, swap)
    acting_for(actor, by, f"{verb[:-1]} a swap")
    with transaction.atomic():
        swap = Swap.objects.select_for_update().get(pk=swap.pk)
        if swap.status != Swap.Status.REQUESTED:
            raise ServiceError(f"This swap was already {swap.get_status_display()}.")
        swap.status, swap.decided_at = status, timezone.now()
        swap.save(update_fields=["status", "decided_at"])
        audit_record(
            organization=swap.organization,
            actor=actor.user,
            verb=f"rotations.swap.{verb}",
            target=swap,
        )
    return swap


def swap_undo(*, actor: Member, swap: Swap) -> Swap:
    """Either member (or an organizer) undoes an accepted swap before the earlier turn starts."""
    require_same_org(actor, swap)
    if actor.pk not in (swap.requested_by_id, swap.counterpart_id) and not actor.is_organizer:
        raise NotAllowed("Only the two members (or an organizer) can undo a swap.")
    with transaction.atomic():
        swap = Swap.objects.select_for_update().get(pk=swap.pk)
        if swap.status != Swap.Status.ACCEPTED:
            raise ServiceError("Only an accepted swap can be undone.")
        offered, wanted = (
            Turn.objects.select_for_update().get(pk=pk)
            for pk in (swap.offered_turn_id, swap.wanted_turn_id)
        )
        _upcoming(min(offered, wanted, key=lambda t: t.start), "undo the swap")
        _exchange(offered, wanted)
        swap.status, swap.decided_at = Swap.Status.UNDONE, timezone.now()
        swap.save(update_fields=["status", "decided_at"])
        audit_record(
            organization=swap.organization,
            actor=actor.user,
            verb="rotations.swap.undone",
            target=swap,
        )
    rotation_replan(rotation=swap.rotation)
    return swap
