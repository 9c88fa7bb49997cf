"""The rules that stop a member holding a turn, checked as the planner goes.

:func:`block` answers for one member and one slot, given the turns planned so far *and* the
confirmed turns ahead (a planned turn just before someone's confirmed turn must respect their
cool-down). :mod:`.checks` states the same rules over a finished timeline, independently.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from .cadence import TurnSlot, year_after, year_before
from .timeline import Timeline
from .types import BlockCause, MemberId


def block(timeline: Timeline, member: MemberId, slot: TurnSlot) -> BlockCause | None:
    """The first rule that stops ``member`` holding ``slot`` given the turns so far and the
    confirmed turns ahead, or ``None`` if they may."""
    # Availability first (not yet joined, not eligible, on leave): it settles most members the
    # planner looks at, so it stays inline here rather than in a function of its own.
    info = timeline.pool[member]
    if info.joined is not None and info.joined > slot.start:
        return BlockCause.NOT_JOINED
    if not info.eligible or (timeline.hook is not None and not timeline.hook(member, slot)):
        return BlockCause.INELIGIBLE
    if timeline.leave_until(member, slot) is not None:
        return BlockCause.LEAVE
    return _run_rule(timeline, member, slot.index)


def _run_rule(timeline: Timeline, member: MemberId, t: int) -> BlockCause | None:
    """Consecutive-term limit, cool-down and the 12-month limit for ``member`` at slot ``t``,
    counting the run they would extend backwards and the confirmed run it would join ahead."""
    rules = timeline.rules
    last = timeline.last.get(member)
    back = timeline.run_len[member] if last == t - 1 else 0
    ahead = timeline.fixed_by_member.get(member, ())
    fwd = 0
    if ahead:
        i = bisect_right(ahead, t)
        while i + fwd < len(ahead) and ahead[i + fwd] == t + 1 + fwd:
            fwd += 1
    if back + 1 + fwd > rules.max_run:
        # Someone who just finished the longest run allowed is, to the people reading the
        # calendar, simply resting: say "cool-down" when there is one.
        if rules.cooldown_turns and back >= rules.max_run:
            return BlockCause.COOLDOWN
        return BlockCause.CONSECUTIVE
    if rules.cooldown_turns:
        if back == 0 and last is not None and t - last - 1 < rules.cooldown_turns:
            return BlockCause.COOLDOWN
        # The gap before a confirmed turn ahead. (If this turn joins a confirmed run, the
        # gap after that run was there before and is not this turn's doing.)
        if ahead and fwd == 0:
            i = bisect_right(ahead, t)
            if i < len(ahead) and ahead[i] - t - 1 < rules.cooldown_turns:
                return BlockCause.COOLDOWN
    if rules.max_terms_per_12_months is not None and _over_year_limit(
        timeline, member, t, back, fwd, ahead
    ):
        return BlockCause.YEAR_LIMIT
    return None


def _over_year_limit(
    timeline: Timeline, member: MemberId, t: int, back: int, fwd: int, ahead: Sequence[int]
) -> bool:
    """Would holding slot ``t`` (in a run from ``t - back`` to ``t + fwd``) make some rolling
    12 months hold more term starts than the limit?"""
    cadence = timeline.cadence
    length = timeline.rules.term_length
    run_start = t - back
    run_len = back + 1 + fwd
    merged = list(range(run_start, run_start + run_len, length))
    # Only term starts within 12 months either side of this run can share a rolling window
    # with it; the rest of a long history is irrelevant (and would make this O(history)).
    low = cadence.index_of(year_before(cadence.start_of(run_start)))
    high = cadence.index_of(year_after(cadence.start_of(run_start + run_len - 1)))
    recorded = timeline.term_starts.get(member, [])
    before = recorded[bisect_right(recorded, low) : bisect_left(recorded, run_start)]
    later = _confirmed_term_starts(ahead, after=t + fwd, until=high, length=length)
    old = set(recorded[bisect_left(recorded, run_start) :]) | set(range(t + 1, t + 1 + fwd, length))
    new = [s for s in merged if s not in old]
    if not new:
        return False
    days = [cadence.start_of(s) for s in before + merged + later]
    new_days = [cadence.start_of(s) for s in new]
    limit = timeline.rules.max_terms_per_12_months
    for day in days:
        # Only windows (day − 12 months, day] that contain a new term start can newly break;
        # a window the confirmed turns alone already overfill is not this turn's doing.
        floor = year_before(day)
        if not any(floor < d <= day for d in new_days):
            continue
        if bisect_right(days, day) - bisect_right(days, floor) > limit:
            return True
    return False


def _confirmed_term_starts(
    ahead: Sequence[int], *, after: int, until: int, length: int
) -> list[int]:
    """Term starts of the confirmed runs that begin after slot ``after`` and by ``until``
    (each run's terms start at its first turn and every ``length`` turns after)."""
    starts: list[int] = []
    i = bisect_right(ahead, after)
    while i < len(ahead) and ahead[i] <= until:
        j = i
        while j + 1 < len(ahead) and ahead[j + 1] == ahead[j] + 1:
            j += 1
        starts.extend(range(ahead[i], ahead[j] + 1, length))
        i = j + 1
    return starts
