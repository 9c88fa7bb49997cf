"""Checking a sequence of turns against the rules, independently of the planner.

The planner avoids breaking rules as it goes; this module states the same rules over a finished
timeline. Tests use it as an oracle, and the Django side can use it before a manual change (a
swap, a cover, an organizer's edit) to tell people which rule the change would break.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import timedelta

from .cadence import TurnSlot, year_before
from .types import (
    BlockCause,
    EligibilityHook,
    ExistingTurn,
    Leave,
    MemberId,
    PastTurn,
    PlannedTurn,
    PoolMember,
    RotationRules,
    RuleViolation,
)


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive slot indices as (first, last)."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and index == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def rule_violations(
    turns: Iterable[PlannedTurn | ExistingTurn],
    rules: RotationRules,
    *,
    history: Sequence[PastTurn] = (),
    pool: Sequence[PoolMember] = (),
    leave: Sequence[Leave] = (),
    eligible: EligibilityHook | None = None,
) -> tuple[RuleViolation, ...]:
    """Every rule the timeline ``history`` + ``turns`` breaks.

    Run, cool-down and 12-month limits are checked over history and turns together, counting a
    one-off override (a cover, a swap) for the member the rotation had there; leave, joining
    date and eligibility only for ``turns`` (the past is the past), for whoever serves, and only
    for members found in ``pool``/``leave``. Each violation names the slot indices involved, so a caller
    can ignore those that involve only turns it cannot change.
    """
    cadence = rules.cadence
    members = {m.member_id: m for m in pool}
    violations: list[RuleViolation] = []
    held: dict[MemberId, set[int]] = {}
    for past in history:
        if past.rostered is not None:
            held.setdefault(past.rostered, set()).add(cadence.index_of(past.start))
    for turn in turns:
        if turn.holder is None:
            continue
        index = cadence.index_of(turn.start)
        rostered = turn.stands_in_for if turn.stands_in_for is not None else turn.holder
        held.setdefault(rostered, set()).add(index)
        violations += _availability_violations(
            turn.holder, cadence.slot(index), members.get(turn.holder), leave, eligible
        )
    for member, indices in held.items():
        runs = _runs(sorted(indices))
        violations += _run_violations(member, runs, rules)
        if rules.max_terms_per_12_months is not None:
            violations += _year_violations(member, runs, rules)
    return tuple(violations)


def _availability_violations(
    holder: MemberId,
    slot: TurnSlot,
    info: PoolMember | None,
    leave: Sequence[Leave],
    eligible: EligibilityHook | None,
) -> list[RuleViolation]:
    """Holding ``slot`` before joining, when not eligible, or during leave."""
    found: list[RuleViolation] = []
    index = slot.index
    if info is not None:
        if info.joined is not None and info.joined > slot.start:
            found.append(RuleViolation(BlockCause.NOT_JOINED, holder, (index,), "before joining"))
        if not info.eligible or (eligible is not None and not eligible(holder, slot)):
            found.append(RuleViolation(BlockCause.INELIGIBLE, holder, (index,), "not eligible"))
    last_day = slot.end - timedelta(days=1)
    for away in leave:
        if away.member_id == holder and away.start <= last_day and away.end >= slot.start:
            found.append(RuleViolation(BlockCause.LEAVE, holder, (index,), "during leave"))
            break
    return found


def _run_violations(
    member: MemberId, runs: list[tuple[int, int]], rules: RotationRules
) -> list[RuleViolation]:
    """Runs longer than ``term_length × max_consecutive_terms``; gaps shorter than the
    cool-down."""
    found: list[RuleViolation] = []
    for i, (first, last) in enumerate(runs):
        length = last - first + 1
        if length > rules.max_run:
            found.append(
                RuleViolation(
                    BlockCause.CONSECUTIVE,
                    member,
                    tuple(range(first, last + 1)),
                    f"{length} turns in a row (at most {rules.max_run})",
                )
            )
        if i:
            gap = first - runs[i - 1][1] - 1
            if gap < rules.cooldown_turns:
                found.append(
                    RuleViolation(
                        BlockCause.COOLDOWN,
                        member,
                        (runs[i - 1][1], first),
                        f"{gap} turns between runs (cool-down {rules.cooldown_turns})",
                    )
                )
    return found


def _year_violations(
    member: MemberId, runs: list[tuple[int, int]], rules: RotationRules
) -> list[RuleViolation]:
    """Rolling 12 months with more term starts than ``max_terms_per_12_months`` (a run's terms
    start at its first turn and every ``term_length`` turns after)."""
    cadence = rules.cadence
    limit = rules.max_terms_per_12_months
    term_starts: list[int] = []
    for first, last in runs:
        term_starts.extend(range(first, last + 1, rules.term_length))
    found: list[RuleViolation] = []
    days = [cadence.start_of(s) for s in term_starts]
    for k, day in enumerate(days):
        low = bisect_right(days, year_before(day))
        if k + 1 - low > limit:
            found.append(
                RuleViolation(
                    BlockCause.YEAR_LIMIT,
                    member,
                    tuple(term_starts[low : k + 1]),
                    f"{k + 1 - low} terms within 12 months (at most {limit})",
                )
            )
    return found
