"""Step 3 of the planner, fairness: the order in which members are offered a turn.

First members with a kept place (the skip-keeps-place ledger, oldest skip first, then opt-in
order), then never served, then least recently served, then fewest turns in the trailing 12
months, then opt-in order. The first of them whom no rule blocks takes the turn; a member
ranked ahead of them but *away on leave* keeps their place (goes on the ledger).

The order of the pool (everyone not on the ledger) comes from a :class:`TurnOrder`:
:class:`HeapOrder` here, or the naive :class:`~.naive.ScanOrder` the reference planner uses.

Speed: the heap is keyed by (never served?, last turn, opt-in position), so a turn costs
O(k log n) for the k members looked at, not O(n). The 12-month count is a tie-break after the
last turn, and two members share a last turn only through odd history (two rows in one slot;
such groups are re-sorted by the full key), so the heap need not re-key as turns age out of the
12 months.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Protocol

from .blocking import block
from .cadence import TurnSlot
from .reasons import day_month
from .timeline import Timeline
from .types import BlockCause, MemberId, Reason, ReasonCode


class TurnOrder(Protocol):
    """The pool (minus the ledger) in fairness order, turn by turn."""

    def candidates(self, slot: TurnSlot) -> Iterator[MemberId]:
        """Members in fairness order for ``slot``; the caller stops when it has its holder."""
        ...

    def served(self, member: MemberId) -> None:
        """``member`` was recorded as holding the current turn."""
        ...

    def end_turn(self) -> None:
        """The current turn is settled."""
        ...


class HeapOrder:
    """Pool members (minus those on the kept-place ledger) in fairness order, lazily, from a
    heap. Entries are ``(served?, last, position)``; an entry is stale when the member has
    served since (their key changed) or went onto the ledger, and is dropped when popped."""

    def __init__(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._heap = [timeline.order_key(m) for m in timeline.pool_ids]
        heapq.heapify(self._heap)
        self._popped: list[tuple[int, int, int]] = []

    def _current(self, entry: tuple[int, int, int]) -> MemberId | None:
        member = self._timeline.pool_ids[entry[2]]
        if member in self._timeline.ledger or self._timeline.order_key(member) != entry:
            return None
        return member

    def candidates(self, slot: TurnSlot) -> Iterator[MemberId]:
        heap = self._heap
        pool_ids = self._timeline.pool_ids
        while heap:
            entry = heapq.heappop(heap)
            if self._current(entry) is None:
                continue
            group = [entry]
            # Members who share a last turn (only possible through odd history, e.g. two rows
            # in one slot) are ordered by the full key, 12-month count included.
            while entry[0] == 1 and heap and heap[0][:2] == entry[:2]:
                other = heapq.heappop(heap)
                if self._current(other) is not None:
                    group.append(other)
            if len(group) > 1:
                group.sort(key=lambda e: self._timeline.full_key(pool_ids[e[2]], slot))
            # All of the group counts as popped, even if the caller stops at its first member.
            self._popped.extend(group)
            for item in group:
                yield pool_ids[item[2]]

    def served(self, member: MemberId) -> None:
        if member in self._timeline.position:
            heapq.heappush(self._heap, self._timeline.order_key(member))

    def end_turn(self) -> None:
        for entry in self._popped:
            if self._current(entry) is not None:
                heapq.heappush(self._heap, entry)
        self._popped.clear()


class FairnessPick:
    """Step 3 for one slot: the first member no rule blocks, and the bookkeeping on the way.

    ``chosen`` is ``None`` when every member is blocked (``causes`` counts why).
    ``remaining`` is the rest of the fairness order, not yet looked at: step 4 goes on reading
    it when the previous plan's holder keeps the turn.
    """

    def __init__(self, timeline: Timeline, order: TurnOrder, slot: TurnSlot) -> None:
        self.timeline = timeline
        self.slot = slot
        self.skipped: list[tuple[MemberId, date]] = []  # passed over while on leave
        self.causes: Counter[BlockCause] = Counter()
        self.chosen: MemberId | None = None
        self.from_ledger = False
        self._from_the_ledger()
        self.remaining = order.candidates(slot)
        if self.chosen is None:
            self._from_the_pool()

    def _from_the_ledger(self) -> None:
        timeline, slot = self.timeline, self.slot
        for _, pos in list(timeline.ledger_order):
            member = timeline.pool_ids[pos]
            cause = block(timeline, member, slot)
            if cause is None:
                self.chosen, self.from_ledger = member, True
                return
            self.causes[cause] += 1
            if cause is BlockCause.LEAVE:
                self.skipped.append((member, timeline.leave_until(member, slot)))

    def _from_the_pool(self) -> None:
        for member in self.remaining:
            cause = block(self.timeline, member, self.slot)
            if cause is None:
                self.chosen = member
                return
            self.pass_over(member, cause)

    def pass_over(self, member: MemberId, cause: BlockCause) -> None:
        """``member``, ranked ahead of the holder, may not take the turn because of ``cause``.
        Passed over while away, they keep their place for when they are back."""
        self.causes[cause] += 1
        if cause is BlockCause.LEAVE:
            timeline, slot = self.timeline, self.slot
            self.skipped.append((member, timeline.leave_until(member, slot)))
            timeline.ledger_add(member, slot.index, slot.start, "on leave")
            timeline.passed_over.setdefault(slot.index, []).append(member)


def describe(timeline: Timeline, member: MemberId, slot: TurnSlot) -> Reason:
    """Why fairness puts ``member`` first: a kept place, never served, or served least
    recently."""
    entry = timeline.ledger.get(member)
    if entry is not None:
        return Reason(
            ReasonCode.KEPT_PLACE,
            f"kept place after skipping ({day_month(entry.day, reference=slot.start)})",
            member,
            entry.day,
        )
    last = timeline.last.get(member)
    if last is None:
        return Reason(ReasonCode.NEVER_SERVED, "never served", member)
    day = timeline.cadence.start_of(last)
    return Reason(
        ReasonCode.LEAST_RECENT,
        f"served least recently (last: {day.isoformat()})",
        member,
        day,
    )
