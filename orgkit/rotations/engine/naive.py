"""The naive reference order behind :func:`~.planner.plan_rotation_naive`.

It re-sorts every pool member not on the ledger by the full fairness key at every turn
(O(turns × pool log pool)): the obvious reading of step 3, with nothing clever to get wrong.
The property tests check that it and :class:`~.turn_order.HeapOrder` give identical plans, and
the benchmark uses it as the baseline.
"""

from __future__ import annotations

from collections.abc import Iterator

from .cadence import TurnSlot
from .timeline import Timeline
from .types import MemberId


class ScanOrder:
    """The naive order: sort every non-ledger pool member by the full key at every turn."""

    def __init__(self, timeline: Timeline) -> None:
        self._timeline = timeline

    def candidates(self, slot: TurnSlot) -> Iterator[MemberId]:
        timeline = self._timeline
        members = [m for m in timeline.pool_ids if m not in timeline.ledger]
        members.sort(key=lambda m: timeline.full_key(m, slot))
        yield from members

    def served(self, member: MemberId) -> None:
        pass

    def end_turn(self) -> None:
        pass
