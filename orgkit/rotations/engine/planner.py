"""The turn planner: who holds each turn, who shadows, and why.

Algorithm (one pass over the slots of the window, in order; deterministic):

1. A **confirmed** turn is copied as it is, whatever the rules say now (it is a promise).
2. A holder in the middle of a **term** continues it if they still may.
3. Otherwise the turn goes by **fairness**: first members with a kept place (skip-keeps-place
   ledger, oldest skip first), then never served, then least recently served, then fewest turns
   in the trailing 12 months, then opt-in order. The first of them whom no rule blocks is the
   choice. A member ranked ahead of the holder but *away on leave* keeps their place (goes on
   the ledger): they come up at the next turn they are available.
4. When replanning, the **previous plan's** holder keeps the turn instead, if the rules still
   allow it, the fairness choice is not someone with a kept place, it would not be another term
   in a row, and they have not meanwhile been given an extra turn (no more turns so far in the
   window than the previous plan gave them). This keeps a change small: a newcomer or a leave
   only moves the turns it has to. Step 3's bookkeeping runs either way, so replanning an
   unchanged input reproduces the plan exactly.
5. If nobody may take it, the turn stays **open** with the reasons counted. A rule is never
   broken to fill a turn.

Rules ("a run" = consecutive turns held by one member):

* a run is at most ``term_length × max_consecutive_terms`` turns;
* between two runs of one member at least ``cooldown_turns`` turns pass;
* a member starts at most ``max_terms_per_12_months`` terms in any rolling 12 months (a run's
  terms start at its first turn and every ``term_length`` turns after);
* nobody holds a turn that overlaps their leave, before they joined, or when not eligible.

Confirmed turns later in the window count too: a planned turn just before someone's confirmed
turn must respect their cool-down, for instance.

Speed: the fairness order is a heap keyed by (never served?, last turn, opt-in position), so a
turn costs O(k log n) for the k members looked at, not O(n) (see :mod:`.turn_order`).
:func:`plan_rotation_naive` sorts the pool with the full key at every turn and must give the
same plan (tested).

Where each part lives:

* :mod:`.plan_pass` — the pass over the slots: step 1 (confirmed), step 5 (open), shadows, and
  the plan's assembly;
* :mod:`.term_continuation` — step 2;
* :mod:`.turn_order` — step 3: the fairness order (a heap) and the kept-place bookkeeping;
* :mod:`.replan` — step 4: keeping the previous plan's holder;
* :mod:`.blocking` — the rules that block a member at a slot;
* :mod:`.timeline` — the facts and the timeline as it is planned (runs, term starts, ledger);
* :mod:`.reasons` — the English text of the reasons;
* :mod:`.naive` — the reference planner's order.
"""

from __future__ import annotations

from .cadence import year_before
from .naive import ScanOrder
from .plan_pass import build_plan
from .reasons import day_month
from .turn_order import HeapOrder
from .types import ExistingTurn, Plan, PlanInput, TurnChange

# day_month and year_before lived here before the split; they stay importable from here.
__all__ = ["day_month", "plan_changes", "plan_rotation", "plan_rotation_naive", "year_before"]


def plan_rotation(inputs: PlanInput) -> Plan:
    """Plan the turns of ``inputs.window``: holders, shadows, confirmed flags and reasons.

    Deterministic: the same input gives the same plan. Confirmed :class:`ExistingTurn` rows are
    never changed; unconfirmed ones (the previous plan) are kept where the rules still allow.
    Raises :class:`RotationInputError` for contradictory facts; never raises because a pool is
    too small — such turns come out open, with reasons.
    """
    return build_plan(inputs, HeapOrder)


def plan_rotation_naive(inputs: PlanInput) -> Plan:
    """Reference planner: identical rules, but re-sorts the whole pool by the full fairness key
    at every turn (O(turns × pool log pool)). Used as the benchmark baseline and as an oracle
    in tests; use :func:`plan_rotation` in production."""
    return build_plan(inputs, ScanOrder)


def plan_changes(
    old: Plan | tuple[ExistingTurn, ...] | list[ExistingTurn], new: Plan
) -> tuple[TurnChange, ...]:
    """Turns (matched by start date) whose holder or shadow differs between ``old`` and ``new``;
    what "your turn moved" notifications are made of. Turns only in ``new`` are not changes."""
    before = {
        turn.start: (turn.holder, turn.shadow)
        for turn in (old.turns if isinstance(old, Plan) else old)
    }
    changes = []
    for turn in new.turns:
        if turn.start not in before:
            continue
        old_holder, old_shadow = before[turn.start]
        if (old_holder, old_shadow) != (turn.holder, turn.shadow):
            changes.append(TurnChange(turn.start, old_holder, turn.holder, old_shadow, turn.shadow))
    return tuple(changes)
