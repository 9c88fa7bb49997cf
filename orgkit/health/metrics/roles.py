"""Who holds roles, for how long, and how evenly: the "leaders for decades" figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Holding:
    """One person holding one role from ``start`` to ``end`` (both included; None: still)."""

    member: int
    role: int
    start: date
    end: date | None = None

    def until(self, today: date) -> date:
        return min(self.end or today, today)


@dataclass(frozen=True)
class Tenure:
    member: int
    role: int
    start: date
    end: date  # the last day (today when still held)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _overlaps(h: Holding, since: date, until: date) -> bool:
    return h.start <= until and (h.end is None or h.end >= since)


def share_holding_roles(
    *, members: Collection[int], holdings: Iterable[Holding], since: date, until: date
) -> float | None:
    """The share (0–1) of ``members`` who held any role at some point from ``since`` to ``until``;
    None when there are no members."""
    if not members:
        return None
    holders = {h.member for h in holdings if h.member in members and _overlaps(h, since, until)}
    return len(holders) / len(members)


def continuous_tenures(holdings: Iterable[Holding], *, today: date) -> list[Tenure]:
    """Each person's unbroken spans in each role: holdings of the same role that touch or
    overlap (a re-election the next day continues the span) are joined. Future holdings are
    ignored."""
    by_pair: dict[tuple[int, int], list[Holding]] = defaultdict(list)
    for h in holdings:
        if h.start <= today:
            by_pair[(h.member, h.role)].append(h)
    spans: list[Tenure] = []
    for (member, role), items in by_pair.items():
        items.sort(key=lambda h: h.start)
        start, end = items[0].start, items[0].until(today)
        for h in items[1:]:
            if h.start <= end + timedelta(days=1):
                end = max(end, h.until(today))
            else:
                spans.append(Tenure(member, role, start, end))
                start, end = h.start, h.until(today)
        spans.append(Tenure(member, role, start, end))
    return spans


def longest_tenure(holdings: Iterable[Holding], *, today: date) -> Tenure | None:
    """The longest unbroken span anyone has held one role (ties: the earliest start)."""
    spans = continuous_tenures(holdings, today=today)
    if not spans:
        return None
    return max(spans, key=lambda t: (t.days, -t.start.toordinal(), -t.member))


def roles_per_person(holdings: Iterable[Holding], *, on: date) -> dict[int, int]:
    """How many distinct roles each person holds on the day ``on`` (holders only)."""
    held: dict[int, set[int]] = defaultdict(set)
    for h in holdings:
        if h.start <= on and (h.end is None or h.end >= on):
            held[h.member].add(h.role)
    return {member: len(roles) for member, roles in held.items()}


def role_days(
    *, members: Collection[int], holdings: Iterable[Holding], since: date, until: date
) -> dict[int, int]:
    """Days each member spent holding roles from ``since`` to ``until`` (a day in two roles
    counts twice: two jobs are twice the load). Members who held none get 0."""
    days = dict.fromkeys(members, 0)
    for h in holdings:
        if h.member not in days or not _overlaps(h, since, until):
            continue
        first, last = max(h.start, since), min(h.end or until, until)
        days[h.member] += (last - first).days + 1
    return days


def gini(values: Sequence[float]) -> float | None:
    """The Gini coefficient of ``values`` (0: all equal; near 1: one holds everything).
    None for no values or a zero total. Mean absolute difference over twice the mean."""
    n = len(values)
    total = sum(values)
    if n == 0 or total == 0:
        return None
    ordered = sorted(values)
    weighted = sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(ordered))
    return weighted / (n * total)


@dataclass(frozen=True)
class TurnSpread:
    turns: int
    holders: int  # different members who held a turn
    open: int  # turns nobody could take
    most_by_one: int  # the most turns one member held


def turn_spread(holders: Iterable[int | None]) -> TurnSpread:
    """How widely a year of rotation turns was shared: one entry per turn, its holder or None
    for a turn left open."""
    counts: dict[int, int] = defaultdict(int)
    turns = empty = 0
    for holder in holders:
        turns += 1
        if holder is None:
            empty += 1
        else:
            counts[holder] += 1
    return TurnSpread(turns, len(counts), empty, max(counts.values(), default=0))
