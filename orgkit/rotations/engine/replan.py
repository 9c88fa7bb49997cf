"""Step 4 of the planner: when replanning, the previous plan's holder keeps the turn.

They keep it instead of the fairness choice if the rules still allow it, the fairness choice is
not someone with a kept place, it would not be another term in a row, and they have not
meanwhile been given an extra turn (no more turns so far in the window than the previous plan
gave them). This keeps a change small: a newcomer or a leave only moves the turns it has to.
Step 3's bookkeeping runs either way, so replanning an unchanged input reproduces the plan
exactly.
"""

from __future__ import annotations

from bisect import bisect_left

from .blocking import block
from .cadence import TurnSlot
from .timeline import Timeline
from .turn_order import FairnessPick
from .types import MemberId


def keep_previous_holder(
    timeline: Timeline, pick: FairnessPick, previous_holder: MemberId | None
) -> MemberId | None:
    """The previous plan's holder of ``pick.slot`` if they keep it, else ``None``.

    When they keep it, those ranked between the fairness choice and them are passed over too
    (so members away on leave among them keep their place).
    """
    slot = pick.slot
    earlier = timeline.previous.get(slot.index)
    kept = earlier.holder if earlier is not None else None
    if not (
        kept is not None
        and kept != pick.chosen
        and not pick.from_ledger
        and kept in timeline.pool
        and kept != previous_holder
        and no_extra_turn(timeline, kept, slot.index)
        and block(timeline, kept, slot) is None
    ):
        return None
    _pass_over_until(timeline, pick, kept, slot)
    return kept


def _pass_over_until(
    timeline: Timeline, pick: FairnessPick, kept: MemberId, slot: TurnSlot
) -> None:
    for member in pick.remaining:
        if member == kept:
            break
        cause = block(timeline, member, slot)
        if cause is not None:
            pick.pass_over(member, cause)


def no_extra_turn(timeline: Timeline, member: MemberId, t: int) -> bool:
    """Has ``member`` held no more turns in the window before slot ``t`` than the previous
    plan gave them? If they have (they took someone's turn), keeping their old turn too would
    hand them more than their share; a turn that merely moved later is fine."""
    planned = timeline.previous_by_member.get(member, ())
    return timeline.window_count.get(member, 0) <= bisect_left(planned, t)
