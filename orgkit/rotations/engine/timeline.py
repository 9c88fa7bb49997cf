"""The planner's state: the facts it was given and the timeline as it is planned.

A :class:`Timeline` is built once from a :class:`PlanInput` (pool, leave merged per member,
history replayed, confirmed turns and the previous plan sorted out, the kept-place ledger
opened) and then grows one slot at a time as the planner records who holds each turn. The
steps of the planner (:mod:`.planner` lists them) read it; only :meth:`Timeline.record` and the
ledger methods change it.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .cadence import TurnSlot, turn_slots, year_before
from .errors import RotationInputError
from .types import (
    ExistingTurn,
    KeptPlace,
    Leave,
    MemberId,
    PastTurn,
    PlanInput,
    PoolMember,
    TurnOutcome,
)

#: A skip waiting to go on the ledger: (member, the skipped turn's day, note).
Skip = tuple[MemberId, date, str]


@dataclass(slots=True)
class LedgerEntry:
    """A kept place on the ledger: the member skipped slot ``index`` (on ``day``)."""

    index: int
    day: date
    note: str


class Timeline:
    """Facts (rules, slots, pool, leave, confirmed turns, the previous plan) and the timeline
    so far (who held which slot, runs, term starts, turns in the window, the ledger)."""

    def __init__(self, inputs: PlanInput) -> None:
        self.rules = inputs.rules
        self.cadence = inputs.rules.cadence
        self.hook = inputs.eligible
        window = inputs.window
        self.slots = list(
            turn_slots(self.cadence, start=window.start, turns=window.turns, until=window.until)
        )
        self.pool: dict[MemberId, PoolMember] = {m.member_id: m for m in inputs.pool}
        self.pool_ids: list[MemberId] = [m.member_id for m in inputs.pool]
        self.position = {m: i for i, m in enumerate(self.pool_ids)}
        self.first = (
            self.slots[0].index
            if self.slots
            else max(0, self.cadence.first_index_on_or_after(window.start))
        )
        # Leave, merged per member so "until" names the real return date.
        self.leave: dict[MemberId, tuple[list[date], list[date]]] = {
            member: ([s for s, _ in ranges], [e for _, e in ranges])
            for member, ranges in group_leave(inputs.leave).items()
        }

        # The timeline as it grows.
        self.holder_at: dict[int, MemberId | None] = {}
        self.last: dict[MemberId, int] = {}
        self.run_len: dict[MemberId, int] = {}
        self.held: dict[MemberId, list[int]] = {}
        self.window_count: dict[MemberId, int] = {}
        self.term_starts: dict[MemberId, list[int]] = {}
        self.ledger: dict[MemberId, LedgerEntry] = {}
        self.ledger_order: list[tuple[int, int]] = []  # (skip index, position), sorted
        self.pending: dict[int, list[Skip]] = {}  # skips that take effect at a later slot
        self.passed_over: dict[int, list[MemberId]] = {}  # slot → members given a kept place

        past, history_slots, skips = self._read_history(inputs.history)
        # Existing turns: confirmed ones are fixed, the others are the previous plan.
        self.fixed: dict[int, ExistingTurn] = {}
        self.previous: dict[int, ExistingTurn] = {}
        past += self._read_existing(inputs.existing, history_slots)
        # Fixed turns per member, for the forward checks (cool-down before a confirmed turn…).
        self.fixed_by_member = _slots_by_holder(self.fixed)
        # The previous plan's turns per member, for the "no extra turn meanwhile" guard.
        self.previous_by_member = _slots_by_holder({**self.previous, **self.fixed})
        self._replay(past)
        self._open_ledger([(k.member_id, k.skipped_on, k.note) for k in inputs.ledger] + skips)

    # -- reading the input ---------------------------------------------------------------------

    def _read_history(
        self, history: Iterable[PastTurn]
    ) -> tuple[list[tuple[int, MemberId]], set[int], list[Skip]]:
        """Past turns as (slot, member credited), the slots they fill, and the skips they
        record (a skipped holder, a member covered for)."""
        past: list[tuple[int, MemberId]] = []
        history_slots: set[int] = set()
        skips: list[Skip] = []
        for turn in history:
            index = self.cadence.index_of(turn.start)
            if index >= self.first:
                raise RotationInputError(
                    f"past turn of {turn.start} lies inside the planning window; "
                    "pass it as an existing confirmed turn instead"
                )
            history_slots.add(index)
            # A covered or swapped turn was a one-off: the rotation went on as if the member
            # covered for had held it (their term continued through it), so it is theirs here.
            if turn.rostered is not None:
                past.append((index, turn.rostered))
            if turn.how is TurnOutcome.SKIPPED and turn.holder is not None:
                skips.append((turn.holder, turn.start, "skipped"))
        return past, history_slots, skips

    def _read_existing(
        self, existing: Iterable[ExistingTurn], history_slots: set[int]
    ) -> list[tuple[int, MemberId]]:
        """Sort existing turns into fixed (confirmed) and previous (the old plan); return the
        confirmed turns before the window that the history does not already hold."""
        past: list[tuple[int, MemberId]] = []
        seen: set[int] = set()
        for turn in existing:
            index = self.cadence.index_of(turn.start)
            if index in seen:
                raise RotationInputError(f"two existing turns fall in the slot of {turn.start}")
            seen.add(index)
            if index < self.first:
                # A confirmed turn already under way that the caller did not put in the history
                # still counts as served: otherwise its holder could be planned right after it.
                if turn.confirmed and turn.holder is not None and index not in history_slots:
                    past.append((index, turn.rostered))
            elif turn.confirmed:
                self.fixed[index] = turn
            elif turn.holder is not None:
                self.previous[index] = turn
        return past

    def _replay(self, past: list[tuple[int, MemberId]]) -> None:
        """Record the past turns. Sorted by slot, then opt-in order (then id text, for members
        no longer in the pool), so that the order of the history rows never matters."""
        unknown = len(self.pool_ids)
        for index, member in sorted(
            past, key=lambda item: (item[0], self.position.get(item[1], unknown), repr(item[1]))
        ):
            self.record(member, index)

    def _open_ledger(self, entries: list[Skip]) -> None:
        """Put the kept places owed at the start of the window on the ledger.

        Skips dated inside the window (kept places the caller persisted from an earlier plan's
        confirmed turns) take effect once planning passes their turn, exactly where the earlier
        plan created them; earlier skips take effect at once.
        """
        for member, day, note in sorted(
            entries, key=lambda e: (e[1], self.position.get(e[0], -1), e[2])
        ):
            index = self.cadence.index_of(day)
            if member not in self.position:
                continue
            if index >= self.first:
                self.pending.setdefault(index, []).append((member, day, note))
                continue
            if member in self.ledger or self.last.get(member, index) > index:
                continue  # already owed a place, or spent: they have served since
            self.ledger_add(member, index, day, note)

    # -- fairness keys -------------------------------------------------------------------------

    def order_key(self, member: MemberId) -> tuple[int, int, int]:
        """(served?, last turn, opt-in position): the heap's key."""
        last = self.last.get(member)
        if last is None:
            return (0, 0, self.position[member])
        return (1, last, self.position[member])

    def count_12_months(self, member: MemberId, slot: TurnSlot) -> int:
        """Turns ``member`` held in the 12 months before ``slot``."""
        held = self.held.get(member)
        if not held:
            return 0
        boundary = self.cadence.index_of(year_before(slot.start))
        return len(held) - bisect_right(held, boundary)

    def full_key(self, member: MemberId, slot: TurnSlot) -> tuple[int, int, int, int]:
        """(served?, last turn, turns in 12 months, opt-in position): the full fairness key."""
        last = self.last.get(member)
        if last is None:
            return (0, 0, 0, self.position[member])
        return (1, last, self.count_12_months(member, slot), self.position[member])

    # -- changing the timeline -----------------------------------------------------------------

    def record(self, member: MemberId, index: int) -> None:
        """``member`` holds slot ``index``: extend their run, count a term start, spend a kept
        place."""
        self.holder_at[index] = member
        held = self.held.setdefault(member, [])
        if held and held[-1] == index:
            return  # two history rows in one slot
        last = self.last.get(member)
        run = self.run_len[member] + 1 if last == index - 1 else 1
        if (run - 1) % self.rules.term_length == 0:
            self.term_starts.setdefault(member, []).append(index)
        held.append(index)
        if index >= self.first:
            self.window_count[member] = self.window_count.get(member, 0) + 1
        self.last[member] = index
        self.run_len[member] = run
        entry = self.ledger.get(member)
        # A kept place is spent by the next turn served after the skip.
        if entry is not None and index > entry.index:
            self.ledger_remove(member)

    def ledger_add(self, member: MemberId, index: int, day: date, note: str) -> None:
        """Give ``member`` a kept place for skipping slot ``index``."""
        self.ledger[member] = LedgerEntry(index, day, note)
        insort(self.ledger_order, (index, self.position[member]))

    def ledger_remove(self, member: MemberId) -> None:
        """Spend ``member``'s kept place."""
        entry = self.ledger.pop(member)
        self.ledger_order.remove((entry.index, self.position[member]))

    def activate_skips(self, index: int) -> None:
        """Put the skips of slot ``index`` given in the input ledger on the ledger."""
        for member, day, note in self.pending.pop(index, ()):
            if member not in self.ledger and self.holder_at.get(index) != member:
                self.ledger_add(member, index, day, note)

    # -- reading the timeline ------------------------------------------------------------------

    def leave_until(self, member: MemberId, slot: TurnSlot) -> date | None:
        """Last day of the member's leave overlapping the slot's days, else ``None``."""
        ranges = self.leave.get(member)
        if ranges is None:
            return None
        starts, ends = ranges
        i = bisect_right(starts, slot.end - timedelta(days=1)) - 1
        if i >= 0 and ends[i] >= slot.start:
            return ends[i]
        return None

    def label(self, member: MemberId) -> str:
        """The member's name for the English reasons (their id if they left the pool)."""
        info = self.pool.get(member)
        return info.label if info is not None else str(member)

    def kept_places(self) -> tuple[KeptPlace, ...]:
        """The ledger still owed, plus input skips dated after the turns planned so far."""
        owed = [
            (entry.index, self.position[member], KeptPlace(member, entry.day, entry.note))
            for member, entry in self.ledger.items()
        ]
        owed += [
            (index, self.position[member], KeptPlace(member, day, note))
            for index, entries in self.pending.items()
            for member, day, note in entries
        ]
        return tuple(place for _, _, place in sorted(owed, key=lambda item: item[:2]))


def _slots_by_holder(turns: dict[int, ExistingTurn]) -> dict[MemberId, list[int]]:
    """Each rostered holder's slots among ``turns``, sorted (a one-off override counts for the
    member it stands in for: the rules look at the rotation, not at who covers a day)."""
    by_member: dict[MemberId, list[int]] = {}
    for index in sorted(turns):
        holder = turns[index].rostered
        if holder is not None:
            by_member.setdefault(holder, []).append(index)
    return by_member


def group_leave(leave: Iterable[Leave]) -> dict[MemberId, list[tuple[date, date]]]:
    """Leave per member as sorted, merged, non-overlapping (start, end) ranges (ends included);
    adjacent ranges merge too, so "on leave until" is the real return date."""
    by_member: dict[MemberId, list[tuple[date, date]]] = {}
    for entry in leave:
        by_member.setdefault(entry.member_id, []).append((entry.start, entry.end))
    merged: dict[MemberId, list[tuple[date, date]]] = {}
    for member, ranges in by_member.items():
        ranges.sort()
        out: list[tuple[date, date]] = []
        for start, end in ranges:
            if out and start <= out[-1][1] + timedelta(days=1):
                out[-1] = (out[-1][0], max(out[-1][1], end))
            else:
                out.append((start, end))
        merged[member] = out
    return merged
