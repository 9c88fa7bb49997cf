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
turn costs O(k log n) for the k members looked at, not O(n). The 12-month count is a tie-break
after the last turn, and two members share a last turn only through odd history (two rows in
one slot; such groups are re-sorted by the full key), so the heap need not re-key as turns age
out of the 12 months. :func:`plan_rotation_naive` sorts the pool with the full key at every turn
and must give the same plan (tested).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .cadence import TurnSlot, turn_slots
from .errors import RotationInputError
from .types import (
    BlockCause,
    ExistingTurn,
    KeptPlace,
    MemberId,
    Plan,
    PlanInput,
    PlannedTurn,
    PoolMember,
    Reason,
    ReasonCode,
    TurnChange,
    TurnOutcome,
)

_MONTHS = (
    "January February March April May June July August September October November December"
).split()

#: How many leave-skips one turn lists by name before summarising the rest.
_MAX_NAMED_SKIPS = 3

_CAUSE_PHRASES = {
    BlockCause.LEAVE: "on leave",
    BlockCause.COOLDOWN: "in cool-down",
    BlockCause.CONSECUTIVE: "at the consecutive-term limit",
    BlockCause.YEAR_LIMIT: "at the 12-month limit",
    BlockCause.INELIGIBLE: "not eligible",
    BlockCause.NOT_JOINED: "not yet joined",
}


def day_month(day: date, *, reference: date | None = None) -> str:
    """``3 March`` (with the year when it differs from ``reference``'s). Locale-free on purpose:
    the structured reason carries the date for translation."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    if reference is not None and reference.year != day.year:
        text += f" {day.year}"
    return text


def year_before(day: date) -> date:
    """The same day a year earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def plan_rotation(inputs: PlanInput) -> Plan:
    """Plan the turns of ``inputs.window``: holders, shadows, confirmed flags and reasons.

    Deterministic: the same input gives the same plan. Confirmed :class:`ExistingTurn` rows are
    never changed; unconfirmed ones (the previous plan) are kept where the rules still allow.
    Raises :class:`RotationInputError` for contradictory facts; never raises because a pool is
    too small — such turns come out open, with reasons.
    """
    return _Planner(inputs, _HeapOrder).run()


def plan_rotation_naive(inputs: PlanInput) -> Plan:
    """Reference planner: identical rules, but re-sorts the whole pool by the full fairness key
    at every turn (O(turns × pool log pool)). Used as the benchmark baseline and as an oracle
    in tests; use :func:`plan_rotation` in production."""
    return _Planner(inputs, _ScanOrder).run()


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


# -- candidate orders ---------------------------------------------------------------------------


class _HeapOrder:
    """Pool members (minus those on the kept-place ledger) in fairness order, lazily, from a
    heap. Entries are ``(served?, last, position)``; an entry is stale when the member has
    served since (their key changed) or went onto the ledger, and is dropped when popped."""

    def __init__(self, planner: _Planner) -> None:
        self._p = planner
        self._heap = [planner.order_key(m) for m in planner.pool_ids]
        heapq.heapify(self._heap)
        self._popped: list[tuple[int, int, int]] = []

    def _current(self, entry: tuple[int, int, int]) -> MemberId | None:
        member = self._p.pool_ids[entry[2]]
        if member in self._p.ledger or self._p.order_key(member) != entry:
            return None
        return member

    def candidates(self, slot: TurnSlot) -> Iterator[MemberId]:
        heap = self._heap
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
                group.sort(key=lambda e: self._p.full_key(self._p.pool_ids[e[2]], slot))
            # All of the group counts as popped, even if the caller stops at its first member.
            self._popped.extend(group)
            for item in group:
                yield self._p.pool_ids[item[2]]

    def served(self, member: MemberId) -> None:
        if member in self._p.position:
            heapq.heappush(self._heap, self._p.order_key(member))

    def end_turn(self) -> None:
        for entry in self._popped:
            if self._current(entry) is not None:
                heapq.heappush(self._heap, entry)
        self._popped.clear()


class _ScanOrder:
    """The naive order: sort every non-ledger pool member by the full key at every turn."""

    def __init__(self, planner: _Planner) -> None:
        self._p = planner

    def candidates(self, slot: TurnSlot) -> Iterator[MemberId]:
        p = self._p
        members = [m for m in p.pool_ids if m not in p.ledger]
        members.sort(key=lambda m: p.full_key(m, slot))
        yield from members

    def served(self, member: MemberId) -> None:
        pass

    def end_turn(self) -> None:
        pass


# -- the planner --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Ledger:
    index: int  # slot index of the skip
    day: date
    note: str


class _Planner:
    def __init__(self, inputs: PlanInput, order: type[_HeapOrder] | type[_ScanOrder]) -> None:
        self.inputs = inputs
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
        first = (
            self.slots[0].index
            if self.slots
            else max(0, self.cadence.first_index_on_or_after(window.start))
        )
        self.first = first

        # Leave, merged per member so "until" names the real return date.
        self.leave: dict[MemberId, tuple[list[date], list[date]]] = {}
        for member, ranges in _group_leave(inputs).items():
            self.leave[member] = ([s for s, _ in ranges], [e for _, e in ranges])

        # Timeline state.
        self.holder_at: dict[int, MemberId | None] = {}
        self.last: dict[MemberId, int] = {}
        self.run_len: dict[MemberId, int] = {}
        self.held: dict[MemberId, list[int]] = {}
        self.window_count: dict[MemberId, int] = {}
        self.term_starts: dict[MemberId, list[int]] = {}
        self.ledger: dict[MemberId, _Ledger] = {}
        self._ledger_order: list[tuple[int, int]] = []  # (skip index, position), sorted

        # Existing turns: confirmed ones are fixed, the others are the previous plan.
        self.fixed: dict[int, ExistingTurn] = {}
        self.previous: dict[int, ExistingTurn] = {}
        past: list[tuple[int, MemberId]] = []
        history_slots: set[int] = set()
        skips: list[tuple[MemberId, date, str]] = []
        for turn in inputs.history:
            index = self.cadence.index_of(turn.start)
            if index >= first:
                raise RotationInputError(
                    f"past turn of {turn.start} lies inside the planning window; "
                    "pass it as an existing confirmed turn instead"
                )
            history_slots.add(index)
            if turn.credited is not None:
                past.append((index, turn.credited))
            if turn.how is TurnOutcome.SKIPPED and turn.holder is not None:
                skips.append((turn.holder, turn.start, "skipped"))
            if turn.how is TurnOutcome.COVERED and turn.covered_for is not None:
                skips.append((turn.covered_for, turn.start, "covered"))
        seen_existing: set[int] = set()
        for turn in inputs.existing:
            index = self.cadence.index_of(turn.start)
            if index in seen_existing:
                raise RotationInputError(f"two existing turns fall in the slot of {turn.start}")
            seen_existing.add(index)
            if index < first:
                # A confirmed turn already under way that the caller did not put in the history
                # still counts as served: otherwise its holder could be planned right after it.
                if turn.confirmed and turn.holder is not None and index not in history_slots:
                    past.append((index, turn.holder))
            elif turn.confirmed:
                self.fixed[index] = turn
            elif turn.holder is not None:
                self.previous[index] = turn

        # Fixed turns per member, for the forward checks (cool-down before a confirmed turn…).
        self.fixed_by_member: dict[MemberId, list[int]] = {}
        for index in sorted(self.fixed):
            holder = self.fixed[index].holder
            if holder is not None:
                self.fixed_by_member.setdefault(holder, []).append(index)
        # The previous plan's turns per member, for the "no extra turn meanwhile" guard.
        self.previous_by_member: dict[MemberId, list[int]] = {}
        for index in sorted(set(self.previous) | set(self.fixed)):
            turn = self.fixed.get(index) or self.previous[index]
            if turn.holder is not None:
                self.previous_by_member.setdefault(turn.holder, []).append(index)

        # Sorted by slot, then opt-in order (then id text, for members no longer in the pool),
        # so that the order of the history rows never matters.
        unknown = len(self.pool_ids)
        for index, member in sorted(
            past, key=lambda item: (item[0], self.position.get(item[1], unknown), repr(item[1]))
        ):
            self._record(member, index)

        ledger_entries = [(k.member_id, k.skipped_on, k.note) for k in inputs.ledger] + skips
        # Skips dated inside the window (kept places the caller persisted from an earlier
        # plan's confirmed turns) take effect once planning passes their turn, exactly where
        # the earlier plan created them; earlier skips take effect at once.
        self.pending: dict[int, list[tuple[MemberId, date, str]]] = {}
        for member, day, note in sorted(
            ledger_entries, key=lambda e: (e[1], self.position.get(e[0], -1), e[2])
        ):
            index = self.cadence.index_of(day)
            if member not in self.position:
                continue
            if index >= first:
                self.pending.setdefault(index, []).append((member, day, note))
                continue
            if member in self.ledger or self.last.get(member, index) > index:
                continue  # already owed a place, or spent: they have served since
            self._ledger_add(member, index, day, note)
        self.passed_over: dict[int, list[MemberId]] = {}

        self.order = order(self)

    # -- keys ----------------------------------------------------------------------------------

    def order_key(self, member: MemberId) -> tuple[int, int, int]:
        last = self.last.get(member)
        if last is None:
            return (0, 0, self.position[member])
        return (1, last, self.position[member])

    def count_12_months(self, member: MemberId, slot: TurnSlot) -> int:
        held = self.held.get(member)
        if not held:
            return 0
        boundary = self.cadence.index_of(year_before(slot.start))
        return len(held) - bisect_right(held, boundary)

    def full_key(self, member: MemberId, slot: TurnSlot) -> tuple[int, int, int, int]:
        last = self.last.get(member)
        if last is None:
            return (0, 0, 0, self.position[member])
        return (1, last, self.count_12_months(member, slot), self.position[member])

    # -- state ---------------------------------------------------------------------------------

    def _record(self, member: MemberId, index: int) -> None:
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
            self._ledger_remove(member)

    def _ledger_add(self, member: MemberId, index: int, day: date, note: str) -> None:
        self.ledger[member] = _Ledger(index, day, note)
        insort(self._ledger_order, (index, self.position[member]))

    def _activate_skips(self, index: int) -> None:
        """Put the skips of slot ``index`` given in the input ledger on the ledger."""
        for member, day, note in self.pending.pop(index, ()):
            if member not in self.ledger and self.holder_at.get(index) != member:
                self._ledger_add(member, index, day, note)

    def _ledger_remove(self, member: MemberId) -> None:
        entry = self.ledger.pop(member)
        self._ledger_order.remove((entry.index, self.position[member]))

    # -- rules ---------------------------------------------------------------------------------

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

    def block(self, member: MemberId, slot: TurnSlot) -> BlockCause | None:
        """The first rule that stops ``member`` holding ``slot`` given the turns so far and the
        confirmed turns ahead, or ``None`` if they may."""
        info = self.pool[member]
        if info.joined is not None and info.joined > slot.start:
            return BlockCause.NOT_JOINED
        if not info.eligible or (self.hook is not None and not self.hook(member, slot)):
            return BlockCause.INELIGIBLE
        if self.leave_until(member, slot) is not None:
            return BlockCause.LEAVE
        t = slot.index
        rules = self.rules
        last = self.last.get(member)
        back = self.run_len[member] if last == t - 1 else 0
        ahead = self.fixed_by_member.get(member, ())
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
        if rules.max_terms_per_12_months is not None and self._over_year_limit(
            member, t, back, fwd, ahead
        ):
            return BlockCause.YEAR_LIMIT
        return None

    def _over_year_limit(
        self, member: MemberId, t: int, back: int, fwd: int, ahead: list[int] | tuple
    ) -> bool:
        length = self.rules.term_length
        run_start = t - back
        run_len = back + 1 + fwd
        merged = list(range(run_start, run_start + run_len, length))
        # Only term starts within 12 months either side of this run can share a rolling window
        # with it; the rest of a long history is irrelevant (and would make this O(history)).
        cadence = self.cadence
        low = cadence.index_of(year_before(cadence.start_of(run_start)))
        high = cadence.index_of(_year_after(cadence.start_of(run_start + run_len - 1)))
        recorded = self.term_starts.get(member, [])
        before = recorded[bisect_right(recorded, low) : bisect_left(recorded, run_start)]
        # Term starts of the confirmed runs further ahead (not merged with this one).
        later: list[int] = []
        i = bisect_right(ahead, t + fwd)
        while i < len(ahead) and ahead[i] <= high:
            j = i
            while j + 1 < len(ahead) and ahead[j + 1] == ahead[j] + 1:
                j += 1
            later.extend(range(ahead[i], ahead[j] + 1, length))
            i = j + 1
        old = set(recorded[bisect_left(recorded, run_start) :]) | set(
            range(t + 1, t + 1 + fwd, length)
        )
        new = [s for s in merged if s not in old]
        if not new:
            return False
        starts = before + merged + later
        days = [self.cadence.start_of(s) for s in starts]
        limit = self.rules.max_terms_per_12_months
        new_days = [self.cadence.start_of(s) for s in new]
        for day in days:
            # Only windows (day − 12 months, day] that contain a new term start can newly break;
            # a window the confirmed turns alone already overfill is not this turn's doing.
            floor = year_before(day)
            if not any(floor < d <= day for d in new_days):
                continue
            low = bisect_right(days, year_before(day))
            high = bisect_right(days, day)
            if high - low > limit:
                return True
        return False

    # -- reasons -------------------------------------------------------------------------------

    def label(self, member: MemberId) -> str:
        info = self.pool.get(member)
        return info.label if info is not None else str(member)

    def describe(self, member: MemberId, slot: TurnSlot) -> Reason:
        entry = self.ledger.get(member)
        if entry is not None:
            return Reason(
                ReasonCode.KEPT_PLACE,
                f"kept place after skipping ({day_month(entry.day, reference=slot.start)})",
                member,
                entry.day,
            )
        last = self.last.get(member)
        if last is None:
            return Reason(ReasonCode.NEVER_SERVED, "never served", member)
        day = self.cadence.start_of(last)
        return Reason(
            ReasonCode.LEAST_RECENT,
            f"served least recently (last: {day.isoformat()})",
            member,
            day,
        )

    def _skip_reasons(self, skipped: list[tuple[MemberId, date]], slot: TurnSlot) -> list[Reason]:
        reasons = [
            Reason(
                ReasonCode.SKIPPED_LEAVE,
                f"{self.label(m)} skipped: on leave until {day_month(until, reference=slot.start)}",
                m,
                until,
            )
            for m, until in skipped[:_MAX_NAMED_SKIPS]
        ]
        rest = len(skipped) - _MAX_NAMED_SKIPS
        if rest > 0:
            reasons.append(
                Reason(ReasonCode.SKIPPED_LEAVE, f"{rest} more skipped: on leave", None, None)
            )
        return reasons

    @staticmethod
    def _open_reason(causes: Counter[BlockCause]) -> Reason:
        ordered = [c for c in BlockCause if causes[c]]
        phrases = [_CAUSE_PHRASES[c] for c in ordered]
        joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]
        detail = ", ".join(f"{causes[c]} {_CAUSE_PHRASES[c]}" for c in ordered)
        return Reason(
            ReasonCode.OPEN_NO_ELIGIBLE,
            f"open: no eligible member — all {joined} ({detail})",
            counts=tuple((c, causes[c]) for c in ordered),
        )

    # -- the pass ------------------------------------------------------------------------------

    def _choose(self, slot: TurnSlot) -> tuple[MemberId | None, list[Reason]]:
        t = slot.index
        reasons: list[Reason] = []
        if not self.pool_ids:
            return None, [Reason(ReasonCode.OPEN_EMPTY_POOL, "open: the pool is empty")]

        # 2. Mid-term: the holder carries on.
        previous_holder = self.holder_at.get(t - 1)
        if (
            previous_holder in self.pool
            and self.run_len[previous_holder] % self.rules.term_length != 0
        ):
            cause = self.block(previous_holder, slot)
            if cause is None:
                turn_no = self.run_len[previous_holder] % self.rules.term_length + 1
                return previous_holder, [
                    Reason(
                        ReasonCode.CONTINUING_TERM,
                        f"continues their term (turn {turn_no} of {self.rules.term_length})",
                        previous_holder,
                    )
                ]
            why = _CAUSE_PHRASES[cause]
            until = self.leave_until(previous_holder, slot) if cause is BlockCause.LEAVE else None
            if until is not None:
                why += f" until {day_month(until, reference=slot.start)}"
            reasons.append(
                Reason(
                    ReasonCode.TERM_CUT_SHORT,
                    f"{self.label(previous_holder)}'s term cut short: {why}",
                    previous_holder,
                    until,
                )
            )

        # 3. Fairness: the first member no rule blocks. Members ranked ahead of them who are
        # away keep their place. This bookkeeping runs even when step 4 then keeps the previous
        # plan's holder, so that replanning an unchanged input reproduces the plan exactly.
        skipped: list[tuple[MemberId, date]] = []
        causes: Counter[BlockCause] = Counter()
        chosen: MemberId | None = None
        from_ledger = False
        for _, pos in list(self._ledger_order):
            member = self.pool_ids[pos]
            cause = self.block(member, slot)
            if cause is None:
                chosen, from_ledger = member, True
                break
            causes[cause] += 1
            if cause is BlockCause.LEAVE:
                skipped.append((member, self.leave_until(member, slot)))
        candidates = self.order.candidates(slot)

        def pass_over(member: MemberId, cause: BlockCause) -> None:
            causes[cause] += 1
            if cause is BlockCause.LEAVE:
                skipped.append((member, self.leave_until(member, slot)))
                # Passed over while away: they keep their place for when they are back.
                self._ledger_add(member, t, slot.start, "on leave")
                self.passed_over.setdefault(t, []).append(member)

        if chosen is None:
            for member in candidates:
                cause = self.block(member, slot)
                if cause is None:
                    chosen = member
                    break
                pass_over(member, cause)
        if chosen is None:
            reasons.extend(self._skip_reasons(skipped, slot))
            reasons.append(self._open_reason(causes))
            return None, reasons

        # 4. Replanning: the previous plan's holder keeps the turn if the rules still allow it,
        # nobody with a kept place is waiting, they have had no extra turn meanwhile, and it
        # would not be another term in a row (that is only for when nobody else can).
        earlier = self.previous.get(t)
        kept = earlier.holder if earlier is not None else None
        if (
            kept is not None
            and kept != chosen
            and not from_ledger
            and kept in self.pool
            and kept != previous_holder
            and self._no_extra_turn(kept, t)
            and self.block(kept, slot) is None
        ):
            # Those ranked between the fairness choice and the kept holder are passed over too.
            for member in candidates:
                if member == kept:
                    break
                cause = self.block(member, slot)
                if cause is not None:
                    pass_over(member, cause)
            reasons.extend(self._skip_reasons(skipped, slot))
            return kept, [
                *reasons,
                Reason(
                    ReasonCode.UNCHANGED,
                    f"kept from the previous plan (so that plans change as little as possible; "
                    f"{self.label(chosen)} would be next by fairness)",
                    kept,
                ),
                self.describe(kept, slot),
            ]

        reasons.extend(self._skip_reasons(skipped, slot))
        reasons.append(self.describe(chosen, slot))
        if chosen == previous_holder:
            reasons.append(
                Reason(
                    ReasonCode.CONSECUTIVE_TERM,
                    "another term in a row: no one else could take it",
                    chosen,
                )
            )
        return chosen, reasons

    def _no_extra_turn(self, member: MemberId, t: int) -> bool:
        """Has ``member`` held no more turns in the window before slot ``t`` than the previous
        plan gave them? If they have (they took someone's turn), keeping their old turn too
        would hand them more than their share; a turn that merely moved later is fine."""
        planned = self.previous_by_member.get(member, ())
        return self.window_count.get(member, 0) <= bisect_left(planned, t)

    def run(self) -> Plan:
        rules = self.rules
        lookahead = (
            [self.cadence.slot(self.slots[-1].index + 1)]
            if (self.slots and rules.shadow_turns)
            else []
        )
        built: list[tuple[TurnSlot, MemberId | None, list[Reason], bool]] = []
        warnings: list[Reason] = []
        kept_places: tuple[KeptPlace, ...] = ()
        for position, slot in enumerate(self.slots + lookahead):
            if position == len(self.slots):
                kept_places = self._kept_places()
            fixed = self.fixed.get(slot.index)
            if fixed is not None:
                holder = fixed.holder
                reasons = [Reason(ReasonCode.CONFIRMED, "confirmed", holder)]
                if holder is not None:
                    if holder not in self.pool:
                        reasons.append(
                            Reason(
                                ReasonCode.CONFIRMED_NOT_IN_POOL,
                                f"confirmed, but {self.label(holder)} is no longer in the pool",
                                holder,
                            )
                        )
                    elif (until := self.leave_until(holder, slot)) is not None:
                        reasons.append(
                            Reason(
                                ReasonCode.CONFIRMED_ON_LEAVE,
                                f"confirmed, but {self.label(holder)} is on leave until "
                                f"{day_month(until, reference=slot.start)} — needs a swap "
                                "or cover",
                                holder,
                                until,
                            )
                        )
                    if position < len(self.slots):
                        warnings.extend(reasons[1:])
                    self._record(holder, slot.index)
                    self.order.served(holder)
                else:
                    self.holder_at[slot.index] = None
                built.append((slot, holder, reasons, True))
                self.order.end_turn()
                self._activate_skips(slot.index)
                continue
            holder, reasons = self._choose(slot)
            if holder is not None:
                self._record(holder, slot.index)
                self.order.served(holder)
            else:
                self.holder_at[slot.index] = None
            self.order.end_turn()
            self._activate_skips(slot.index)
            built.append((slot, holder, reasons, position < rules.confirmation_horizon))
        if not lookahead:
            kept_places = self._kept_places()

        turns = []
        for position, (slot, holder, reasons, confirmed) in enumerate(built[: len(self.slots)]):
            fixed = self.fixed.get(slot.index)
            if fixed is not None:
                shadow = fixed.shadow
            else:
                shadow, shadow_reason = self._shadow(slot, holder, built, position)
                if shadow_reason is not None:
                    reasons = [*reasons, shadow_reason]
            turns.append(
                PlannedTurn(
                    index=slot.index,
                    start=slot.start,
                    end=slot.end,
                    starts_at=self.cadence.starts_at(slot.start),
                    ends_at=self.cadence.starts_at(slot.end),
                    holder=holder,
                    shadow=shadow,
                    confirmed=confirmed,
                    reasons=tuple(reasons),
                )
            )
        confirmed_skips = tuple(
            KeptPlace(member, turn.start, "on leave")
            for turn in turns
            if turn.confirmed and turn.index not in self.fixed
            for member in self.passed_over.get(turn.index, ())
        )
        return Plan(tuple(turns), kept_places, tuple(warnings), confirmed_skips)

    def _shadow(
        self,
        slot: TurnSlot,
        holder: MemberId | None,
        built: list[tuple[TurnSlot, MemberId | None, list[Reason], bool]],
        position: int,
    ) -> tuple[MemberId | None, Reason | None]:
        """The incoming holder shadows the outgoing holder's last turn, if free to."""
        if not self.rules.shadow_turns or holder is None or position + 1 >= len(built):
            return None, None
        incoming = built[position + 1][1]
        if incoming is None or incoming == holder:
            return None, None
        label = self.label(incoming)
        info = self.pool.get(incoming)
        if info is not None and info.joined is not None and info.joined > slot.start:
            return None, Reason(
                ReasonCode.SHADOW_UNAVAILABLE, f"{label} can't shadow: not yet joined", incoming
            )
        until = self.leave_until(incoming, slot)
        if until is not None:
            return None, Reason(
                ReasonCode.SHADOW_UNAVAILABLE,
                f"{label} can't shadow: on leave until {day_month(until, reference=slot.start)}",
                incoming,
                until,
            )
        return incoming, Reason(ReasonCode.SHADOW, f"{label} shadows (takes over next)", incoming)

    def _kept_places(self) -> tuple[KeptPlace, ...]:
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


def _year_after(day: date) -> date:
    """The same day a year later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _group_leave(inputs: PlanInput) -> dict[MemberId, list[tuple[date, date]]]:
    """Leave per member as sorted, merged, non-overlapping (start, end) ranges (ends included);
    adjacent ranges merge too, so "on leave until" is the real return date."""
    by_member: dict[MemberId, list[tuple[date, date]]] = {}
    for leave in inputs.leave:
        by_member.setdefault(leave.member_id, []).append((leave.start, leave.end))
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
