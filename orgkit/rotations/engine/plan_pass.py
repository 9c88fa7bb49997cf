"""The planner's one pass over the slots of the window, in order.

For each slot: step 1 copies a **confirmed** turn (here); otherwise step 2 lets a holder
mid-term continue (:mod:`.term_continuation`), step 3 picks by **fairness**
(:mod:`.turn_order`), step 4 lets the **previous plan's** holder keep the turn
(:mod:`.replan`), and step 5 leaves it **open** with the reasons counted (here). After the
pass, each turn gets its shadow and the plan is assembled.
"""

from __future__ import annotations

from collections.abc import Callable

from .cadence import TurnSlot
from .reasons import day_month, open_reason, skip_reasons
from .replan import keep_previous_holder
from .term_continuation import continue_term
from .timeline import Timeline
from .turn_order import FairnessPick, TurnOrder, describe
from .types import (
    ExistingTurn,
    KeptPlace,
    MemberId,
    Plan,
    PlanInput,
    PlannedTurn,
    Reason,
    ReasonCode,
)

#: A turn as the pass settles it: (slot, holder, reasons, confirmed).
Settled = tuple[TurnSlot, MemberId | None, list[Reason], bool]


def build_plan(inputs: PlanInput, order: Callable[[Timeline], TurnOrder]) -> Plan:
    """Plan ``inputs.window`` with the fairness order ``order`` makes from the timeline."""
    return _Pass(inputs, order).run()


class _Pass:
    def __init__(self, inputs: PlanInput, order: Callable[[Timeline], TurnOrder]) -> None:
        self.timeline = Timeline(inputs)
        self.order = order(self.timeline)

    def run(self) -> Plan:
        timeline = self.timeline
        slots = timeline.slots
        # With shadows, plan one slot past the window to know who comes in after the last turn.
        lookahead = (
            [timeline.cadence.slot(slots[-1].index + 1)]
            if (slots and timeline.rules.shadow_turns)
            else []
        )
        settled: list[Settled] = []
        warnings: list[Reason] = []
        kept_places: tuple[KeptPlace, ...] = ()
        for position, slot in enumerate(slots + lookahead):
            if position == len(slots):
                kept_places = timeline.kept_places()
            fixed = timeline.fixed.get(slot.index)
            if fixed is not None:
                holder = fixed.holder
                reasons = self._confirmed(fixed, slot)
                if position < len(slots):
                    warnings.extend(reasons[1:])
                confirmed = True
                # A one-off override: the rotation goes on as if the rostered member held it.
                self._settle(fixed.rostered, slot)
            else:
                holder, reasons = self._choose(slot)
                confirmed = position < timeline.rules.confirmation_horizon
                self._settle(holder, slot)
            settled.append((slot, holder, reasons, confirmed))
        if not lookahead:
            kept_places = timeline.kept_places()
        turns = self._with_shadows(settled)
        confirmed_skips = tuple(
            KeptPlace(member, turn.start, "on leave")
            for turn in turns
            if turn.confirmed and turn.index not in timeline.fixed
            for member in timeline.passed_over.get(turn.index, ())
        )
        return Plan(tuple(turns), kept_places, tuple(warnings), confirmed_skips)

    def _settle(self, holder: MemberId | None, slot: TurnSlot) -> None:
        """Record the slot's holder (or that it is open) and move on to the next slot."""
        if holder is not None:
            self.timeline.record(holder, slot.index)
            self.order.served(holder)
        else:
            self.timeline.holder_at[slot.index] = None
        self.order.end_turn()
        self.timeline.activate_skips(slot.index)

    # -- step 1: confirmed ---------------------------------------------------------------------

    def _confirmed(self, fixed: ExistingTurn, slot: TurnSlot) -> list[Reason]:
        """A confirmed turn is copied whatever the rules say now (it is a promise); if its
        holder has left the pool or is on leave, the reasons (and the plan's warnings) say so."""
        timeline = self.timeline
        holder = fixed.holder
        reasons = [Reason(ReasonCode.CONFIRMED, "confirmed", holder)]
        if holder is None:
            return reasons
        if holder not in timeline.pool:
            reasons.append(
                Reason(
                    ReasonCode.CONFIRMED_NOT_IN_POOL,
                    f"confirmed, but {timeline.label(holder)} is no longer in the pool",
                    holder,
                )
            )
        elif (until := timeline.leave_until(holder, slot)) is not None:
            reasons.append(
                Reason(
                    ReasonCode.CONFIRMED_ON_LEAVE,
                    f"confirmed, but {timeline.label(holder)} is on leave until "
                    f"{day_month(until, reference=slot.start)} — needs a swap or cover",
                    holder,
                    until,
                )
            )
        return reasons

    # -- steps 2 to 5 --------------------------------------------------------------------------

    def _choose(self, slot: TurnSlot) -> tuple[MemberId | None, list[Reason]]:
        timeline = self.timeline
        if not timeline.pool_ids:
            return None, [Reason(ReasonCode.OPEN_EMPTY_POOL, "open: the pool is empty")]

        # 2. Mid-term: the holder carries on.
        previous_holder = timeline.holder_at.get(slot.index - 1)
        holder, reasons = continue_term(timeline, slot, previous_holder)
        if holder is not None:
            return holder, reasons

        # 3. Fairness: the first member no rule blocks. Members ranked ahead of them who are
        # away keep their place. This bookkeeping runs even when step 4 then keeps the previous
        # plan's holder, so that replanning an unchanged input reproduces the plan exactly.
        pick = FairnessPick(timeline, self.order, slot)
        chosen = pick.chosen
        if chosen is None:
            # 5. Open: nobody may take it; a rule is never broken to fill a turn.
            reasons += skip_reasons(pick.skipped, slot, timeline.label)
            return None, [*reasons, open_reason(pick.causes)]

        # 4. Replanning: the previous plan's holder keeps the turn if the rules allow.
        kept = keep_previous_holder(timeline, pick, previous_holder)
        reasons += skip_reasons(pick.skipped, slot, timeline.label)
        if kept is not None:
            return kept, [
                *reasons,
                Reason(
                    ReasonCode.UNCHANGED,
                    f"kept from the previous plan (so that plans change as little as possible; "
                    f"{timeline.label(chosen)} would be next by fairness)",
                    kept,
                    facts=(("instead_of", chosen),),
                ),
                describe(timeline, kept, slot),
            ]
        reasons.append(describe(timeline, chosen, slot))
        if chosen == previous_holder:
            reasons.append(
                Reason(
                    ReasonCode.CONSECUTIVE_TERM,
                    "another term in a row: no one else could take it",
                    chosen,
                )
            )
        return chosen, reasons

    # -- shadows and the plan ------------------------------------------------------------------

    def _with_shadows(self, settled: list[Settled]) -> list[PlannedTurn]:
        """The window's turns, each with its shadow (a confirmed turn keeps its own)."""
        timeline = self.timeline
        cadence = timeline.cadence
        turns = []
        for position, (slot, holder, reasons, confirmed) in enumerate(
            settled[: len(timeline.slots)]
        ):
            fixed = timeline.fixed.get(slot.index)
            stands_in_for = None
            if fixed is not None:
                shadow, stands_in_for = fixed.shadow, fixed.stands_in_for
            else:
                incoming = settled[position + 1][1] if position + 1 < len(settled) else None
                shadow, shadow_reason = self._shadow(slot, holder, incoming)
                if shadow_reason is not None:
                    reasons = [*reasons, shadow_reason]
            turns.append(
                PlannedTurn(
                    index=slot.index,
                    start=slot.start,
                    end=slot.end,
                    starts_at=cadence.starts_at(slot.start),
                    ends_at=cadence.starts_at(slot.end),
                    holder=holder,
                    shadow=shadow,
                    confirmed=confirmed,
                    reasons=tuple(reasons),
                    stands_in_for=stands_in_for,
                )
            )
        return turns

    def _shadow(
        self, slot: TurnSlot, holder: MemberId | None, incoming: MemberId | None
    ) -> tuple[MemberId | None, Reason | None]:
        """The incoming holder shadows the outgoing holder's last turn, if free to."""
        if not self.timeline.rules.shadow_turns or holder is None:
            return None, None
        if incoming is None or incoming == holder:
            return None, None
        timeline = self.timeline
        label = timeline.label(incoming)
        info = timeline.pool.get(incoming)
        if info is not None and info.joined is not None and info.joined > slot.start:
            return None, Reason(
                ReasonCode.SHADOW_UNAVAILABLE, f"{label} can't shadow: not yet joined", incoming
            )
        until = timeline.leave_until(incoming, slot)
        if until is not None:
            return None, Reason(
                ReasonCode.SHADOW_UNAVAILABLE,
                f"{label} can't shadow: on leave until {day_month(until, reference=slot.start)}",
                incoming,
                until,
            )
        return incoming, Reason(ReasonCode.SHADOW, f"{label} shadows (takes over next)", incoming)
