"""Fetch → plan → persist: the bridge between rotation rows and the pure planning engine.

Nothing here decides who serves; the engine does. This module gathers the facts the engine
needs from the database, calls it, and writes the plan back, keeping confirmed turns as they
are and telling members whose turns moved.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from orgkit.core.audit import audit_record
from orgkit.organizations.models import Member
from orgkit.rotations import engine, hooks
from orgkit.rotations.engine.reasons import day_month as english_day_month
from orgkit.rotations.events import RotationEvent
from orgkit.rotations.explanations import SKIPPED_THIS_TURN, SKIPPED_TURN
from orgkit.rotations.lifecycle import swap_move
from orgkit.rotations.mailing import email_member, rotation_link
from orgkit.rotations.models import Leave, PoolEntry, Rotation, Skip, Swap, Turn


def org_today(rotation: Rotation, at: datetime | None = None) -> date:
    """Today's date where the organization is."""
    zone = zoneinfo.ZoneInfo(rotation.organization.timezone)
    return timezone.localtime(at or timezone.now(), zone).date()


def rules_for(rotation: Rotation) -> engine.RotationRules:
    """The engine's rules for a rotation row (raises RotationRuleError on bad values)."""
    cadence = engine.Cadence(
        unit=rotation.cadence_unit,
        every=rotation.cadence_every,
        anchor=rotation.anchor,
        handover_time=rotation.handover_time,
        timezone=rotation.organization.timezone,
        day_of_month=rotation.day_of_month if rotation.cadence_unit == "months" else None,
    )
    return engine.RotationRules(
        cadence=cadence,
        term_length=rotation.term_length,
        max_consecutive_terms=rotation.max_consecutive_terms,
        cooldown_turns=rotation.cooldown_turns,
        max_terms_per_12_months=rotation.max_terms_per_12_months,
        shadow_turns=rotation.shadow_turns,
        confirmation_horizon=rotation.confirmation_horizon,
    )


@dataclass(frozen=True)
class RotationFacts:
    """What the database knows about a rotation, in the engine's terms."""

    inputs: engine.PlanInput
    names: dict[int, str]
    skips: frozenset[tuple[int, date]]  # (member id, turn start)
    # (member id, last day of a turn they chose to skip) → that turn's start. The engine sees a
    # skip as leave ending that day; this tells the wording "skipped" from "on leave".
    skip_ends: dict[tuple[int, date], date] = field(default_factory=dict)


#: The note of a Skip row planning writes itself for a member passed over while on leave at a
#: confirmed turn: it keeps their place like a skip, but it is leave, and is worded as leave.
PASSED_OVER_NOTE = "passed over while on leave"

#: Reasons whose member is blocked by leave ending on the reason's date: for a skip's blocked
#: days they say "skipped" instead.
_LEAVE_CODES = frozenset(
    {
        engine.ReasonCode.SKIPPED_LEAVE,
        engine.ReasonCode.TERM_CUT_SHORT,
        engine.ReasonCode.SHADOW_UNAVAILABLE,
        engine.ReasonCode.CONFIRMED_ON_LEAVE,
    }
)


def gather_facts(
    rotation: Rotation, *, today: date, turns_ahead: int | None = None
) -> RotationFacts:
    """Read pool, history, skips, leave and upcoming turns (five queries)."""
    pool_entries = list(
        PoolEntry.objects.filter(
            rotation=rotation, left_at__isnull=True, member__status=Member.Status.ACTIVE
        )
        .select_related("member__user")
        .order_by("joined_at", "id")
    )
    # Apps above (skills) may narrow who can hold a turn and who goes first on a tie.
    advice = hooks.planning_advice(rotation, [e.member_id for e in pool_entries])
    pool_entries.sort(key=lambda e: e.member_id not in advice.preferred)  # stable
    pool = [
        engine.PoolMember(e.member_id, joined=e.member.joined_on, name=e.member.display_name)
        for e in pool_entries
    ]
    names = {e.member_id: e.member.display_name for e in pool_entries}
    turns = list(Turn.objects.filter(rotation=rotation).order_by("start"))
    history = [
        engine.PastTurn(
            t.start,
            t.holder_id,
            engine.TurnOutcome.SERVED
            if t.status == Turn.Status.PLANNED
            else engine.TurnOutcome(t.status),
            shadow=t.shadow_id,
            end=t.end,
            covered_for=t.covered_for_id,
        )
        for t in turns
        if t.start < today
    ]
    existing = [existing_turn(t) for t in turns if t.start >= today]
    skips = list(Skip.objects.filter(rotation=rotation))
    member_ids = [e.member_id for e in pool_entries]
    leave = [
        engine.Leave(item.member_id, item.start, item.end)
        for item in Leave.objects.filter(
            member_id__in=member_ids, end__gte=today - timedelta(days=400)
        )
    ]
    # A skipped turn is, to the planner, a turn its member cannot take; the ledger entry keeps
    # their place so they come up first at the next turn they can take.
    leave += [
        engine.Leave(s.member_id, s.turn_start, s.turn_end - timedelta(days=1)) for s in skips
    ]
    inputs = engine.PlanInput(
        rules=rules_for(rotation),
        window=engine.PlanningWindow(start=today, turns=turns_ahead or rotation.plan_ahead_turns),
        pool=pool,
        history=history,
        ledger=[engine.KeptPlace(s.member_id, s.turn_start) for s in skips],
        leave=leave,
        existing=existing,
        eligible=_eligibility(advice.eligible),
    )
    chosen = [s for s in skips if s.note != PASSED_OVER_NOTE]
    return RotationFacts(
        inputs=inputs,
        names=names,
        skips=frozenset((s.member_id, s.turn_start) for s in chosen),
        skip_ends={(s.member_id, s.turn_end - timedelta(days=1)): s.turn_start for s in chosen},
    )


def existing_turn(turn: Turn) -> engine.ExistingTurn:
    """A stored turn as the engine's ExistingTurn; a cover or swap is a one-off override that
    stands in for the member the rotation has there."""
    stands_in_for = turn.rostered_id if turn.rostered_id != turn.holder_id else None
    if not turn.confirmed or turn.holder_id is None:
        stands_in_for = None
    return engine.ExistingTurn(
        turn.start,
        turn.holder_id,
        turn.shadow_id,
        confirmed=turn.confirmed,
        stands_in_for=stands_in_for,
    )


def _eligibility(allowed: frozenset | None) -> engine.EligibilityHook | None:
    """The engine's eligibility hook for a fixed set of members (pure: same answer for the
    same member), or none when nobody restricts the pool."""
    if allowed is None:
        return None
    return lambda member, slot: member in allowed


def _reason_data(reason: engine.Reason, names: dict[int, str]) -> dict:
    """What a reason says beyond its code, member and date, for wording it in any language
    (orgkit/rotations/explanations.py): the member's name and the engine's facts."""
    data: dict = {}
    if reason.member is not None and reason.member in names:
        data["name"] = names[reason.member]
    for key, value in reason.facts:
        if key == "instead_of":
            data["instead_of_name"] = names.get(value, "")
        else:
            data[key] = value
    if reason.counts:
        data["counts"] = [[str(cause), count] for cause, count in reason.counts]
    return data


def _reason_rows(turn: engine.PlannedTurn, facts: RotationFacts) -> list[dict]:
    """A planned turn's reasons as stored: the engine's English ``text`` and the data to word
    them in the reader's language."""
    rows = []
    for reason in turn.reasons:
        text = reason.text
        data = _reason_data(reason, facts.names)
        name = facts.names.get(reason.member, "A member")
        if (
            reason.code == engine.ReasonCode.SKIPPED_LEAVE
            and (reason.member, turn.start) in facts.skips
        ):
            text = f"{name} skipped this turn and keeps their place"
            data[SKIPPED_THIS_TURN] = True
        elif reason.code in _LEAVE_CODES and (reason.member, reason.on) in facts.skip_ends:
            # Blocked by a turn the member chose to skip, not by leave: say so.
            skipped = facts.skip_ends[(reason.member, reason.on)]
            data[SKIPPED_TURN] = skipped.isoformat()
            text = _skipped_text(reason.code, name, skipped, turn.start)
        rows.append(
            {
                "code": str(reason.code),
                "text": text,
                "member": reason.member,
                "on": reason.on.isoformat() if reason.on else None,
                "data": data,
            }
        )
    return rows


def _skipped_text(code: engine.ReasonCode, name: str, skipped: date, turn_start: date) -> str:
    """The English (stored) text of a reason whose member skipped a turn; explanations.py
    words it in the reader's language."""
    day = english_day_month(skipped, reference=turn_start)
    if code == engine.ReasonCode.TERM_CUT_SHORT:
        return f"{name}'s term cut short: {name} skipped the turn of {day}"
    if code == engine.ReasonCode.SHADOW_UNAVAILABLE:
        return f"{name} can't shadow: they skipped the turn of {day}"
    if code == engine.ReasonCode.CONFIRMED_ON_LEAVE:
        return f"confirmed, but {name} skipped the turn of {day} — needs a swap or cover"
    return f"{name} skipped the turn of {day} and keeps their place"


def _aware(naive: datetime, zone_name: str) -> datetime:
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(zone_name))


def rotation_replan(
    *, rotation: Rotation, at: datetime | None = None, notify: bool = True
) -> engine.Plan:
    """Plan the rotation's coming turns and store them.

    Confirmed turns never change; unconfirmed ones change as little as the rules allow (the
    engine keeps the previous plan where it can). Members whose turn moved are emailed.
    Runs under a lock on the rotation so two replans cannot interleave.
    """
    at = at or timezone.now()
    with transaction.atomic():
        rotation = (
            Rotation.objects.select_for_update(of=("self",))
            .select_related("organization", "role")
            .get(pk=rotation.pk)
        )
        today = org_today(rotation, at)
        facts = gather_facts(rotation, today=today)
        plan = engine.plan_rotation(facts.inputs)
        zone = rotation.organization.timezone
        upcoming = {t.start: t for t in Turn.objects.filter(rotation=rotation, start__gte=today)}
        planned_starts = set()
        for planned in plan.turns:
            planned_starts.add(planned.start)
            values = {
                "index": planned.index,
                "end": planned.end,
                "starts_at": _aware(planned.starts_at, zone),
                "ends_at": _aware(planned.ends_at, zone),
                "holder_id": planned.holder,
                "shadow_id": planned.shadow,
                "confirmed": planned.confirmed,
                "reasons": _reason_rows(planned, facts),
            }
            row = upcoming.get(planned.start)
            if row is None:
                Turn.objects.create(
                    organization=rotation.organization,
                    rotation=rotation,
                    start=planned.start,
                    **values,
                )
                continue
            if row.confirmed:  # the engine copied it; only refresh its explanation
                values = {"reasons": values["reasons"], "confirmed": True}
            for field, value in values.items():
                setattr(row, field, value)
            row.save()
        Turn.objects.filter(rotation=rotation, start__gte=today, confirmed=False).exclude(
            start__in=planned_starts
        ).delete()
        _record_confirmed_skips(rotation, plan, at=at)
        _close_swaps_that_cannot_be_honoured(rotation, at=at)
        changes = engine.plan_changes(tuple(facts.inputs.existing), plan) if notify else ()
        if changes:
            audit_record(
                organization=rotation.organization,
                actor=None,
                verb=RotationEvent.PLAN_CHANGED,
                target=rotation,
                data={"changed_turns": [c.start.isoformat() for c in changes]},
                at=at,
            )
            _tell_members_their_turn_moved(rotation, changes)
    return plan


def _record_confirmed_skips(rotation: Rotation, plan: engine.Plan, *, at: datetime) -> None:
    """Members passed over (on leave) at turns this plan confirms keep their place for good:
    those turns will not be planned again, so the engine's note of it becomes a Skip row."""
    ends = {turn.start: turn.end for turn in plan.turns}
    for kept in plan.confirmed_skips:
        Skip.objects.get_or_create(
            rotation=rotation,
            member_id=kept.member_id,
            turn_start=kept.skipped_on,
            defaults={
                "organization": rotation.organization,
                "turn_end": ends.get(kept.skipped_on, kept.skipped_on + timedelta(days=1)),
                "note": PASSED_OVER_NOTE,
                "created_at": at,
            },
        )


def swap_lapse_reason(swap: Swap, *, at: datetime) -> str | None:
    """Why a requested swap can no longer be honoured as asked, or None if it still can:
    ``"given_away"`` (a turn it names changed hands: covered, swapped or replanned),
    ``"skipped"`` (a member skipped it) or ``"started"`` (a turn it names has begun)."""
    offered, wanted = swap.offered_turn, swap.wanted_turn
    if offered.starts_at <= at or wanted.starts_at <= at:
        return "started"
    if offered.holder_id == swap.requested_by_id and wanted.holder_id == swap.counterpart_id:
        return None
    skipped = Skip.objects.filter(
        rotation_id=swap.rotation_id,
        turn_start__in=[offered.start, wanted.start],
        member_id__in=[swap.requested_by_id, swap.counterpart_id],
    ).exists()
    return "skipped" if skipped else "given_away"


def _close_swaps_that_cannot_be_honoured(rotation: Rotation, *, at: datetime) -> None:
    """A swap request whose turns changed hands since it was asked for (a skip, a cover, this
    replan), or one of whose turns has started, can no longer be honoured: it closes on its own
    (``lapsed``, its own line in the log, never "withdrew"), and both members are told by email
    and on the rotation page, instead of it staying "requested" forever."""
    requested = (
        Swap.objects.select_for_update(of=("self",))
        .filter(rotation=rotation, status=Swap.Status.REQUESTED)
        .select_related(
            "offered_turn", "wanted_turn", "organization", "requested_by__user", "counterpart__user"
        )
    )
    link = None
    for swap in requested:
        why = swap_lapse_reason(swap, at=at)
        if why is None:
            continue
        swap_move(swap=swap, to_status=Swap.Status.LAPSED, actor=None, at=at, data={"why": why})
        link = link or rotation_link(rotation)
        for member in (swap.requested_by, swap.counterpart):
            email_member(
                member=member,
                template="swap_closed",
                kind="rotations.swap_closed",
                context={
                    "asker": swap.requested_by,
                    "counterpart": swap.counterpart,
                    "offered_turn": swap.offered_turn,
                    "wanted_turn": swap.wanted_turn,
                    "role": rotation.role,
                    "link": link,
                },
            )


def _tell_members_their_turn_moved(rotation: Rotation, changes) -> None:
    """Email each member who gained or lost a turn: ``(day, gained)`` for each of theirs."""
    affected: dict[int, list[tuple[date, bool]]] = {}
    for change in changes:
        if change.old_holder and change.old_holder != change.new_holder:
            affected.setdefault(change.old_holder, []).append((change.start, False))
        if change.new_holder and change.new_holder != change.old_holder:
            affected.setdefault(change.new_holder, []).append((change.start, True))
    members = Member.objects.filter(pk__in=affected).select_related("user", "organization")
    link = rotation_link(rotation)
    for member in members:
        email_member(
            member=member,
            template="turn_moved",
            kind="rotations.turn_moved",
            context={"rotation": rotation, "changes": affected[member.pk], "link": link},
        )
