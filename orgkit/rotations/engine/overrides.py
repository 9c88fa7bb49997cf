"""One-off overrides: a cover or a swap moves exactly the turns chosen, and nothing else.

As on-call schedulers do it, an override changes who serves a day, not the rotation: the turn
keeps the member the rotation had there (``ExistingTurn.stands_in_for``), the planner goes on
as if that member held it (their term continues, nobody else's run starts), and so a replan
after a cover or a swap moves no other turn. Fairness figures credit whoever serves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from .errors import RotationInputError
from .types import ExistingTurn, MemberId


def override_turns(
    existing: Sequence[ExistingTurn], moves: Mapping[date, MemberId]
) -> tuple[ExistingTurn, ...]:
    """The calendar after one-off overrides: each turn starting on a day in ``moves`` is served
    by the member named, confirmed, standing in for the member the rotation has there (or for
    nobody, when it goes back to that member, or was open). Every other turn is unchanged.

    Raises :class:`RotationInputError` when a day in ``moves`` has no turn.
    """
    by_start = {turn.start: turn for turn in existing}
    missing = sorted(set(moves) - set(by_start))
    if missing:
        raise RotationInputError(f"no turn starts on {missing[0]}")
    out = []
    for turn in existing:
        if turn.start not in moves:
            out.append(turn)
            continue
        holder = moves[turn.start]
        rostered = turn.rostered
        out.append(
            replace(
                turn,
                holder=holder,
                confirmed=True,
                stands_in_for=None if rostered in (None, holder) else rostered,
            )
        )
    return tuple(out)


def cover(
    existing: Sequence[ExistingTurn], start: date, member: MemberId
) -> tuple[ExistingTurn, ...]:
    """``member`` covers the one turn starting ``start``."""
    return override_turns(existing, {start: member})


def swap(existing: Sequence[ExistingTurn], first: date, second: date) -> tuple[ExistingTurn, ...]:
    """The holders of the turns starting ``first`` and ``second`` exchange those two turns."""
    by_start = {turn.start: turn for turn in existing}
    if first not in by_start or second not in by_start:
        raise RotationInputError(f"no turn starts on {first if first not in by_start else second}")
    return override_turns(
        existing, {first: by_start[second].holder, second: by_start[first].holder}
    )
