"""Votes and seats: turnout, disproportionality, protests answered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from orgkit.elections.counting.indices import gallagher


def turnout(*, voted: int, eligible: int) -> float | None:
    """The share (0–1) of the roll who voted; None for an empty roll."""
    if eligible <= 0:
        return None
    return min(voted, eligible) / eligible


def disproportionality(*, votes: Mapping[str, int], seats: Mapping[str, int]) -> float | None:
    """The Gallagher index (percentage points): the square root of half the sum of squared
    gaps between each side's share of votes and its share of seats. None without votes or seats.
    The same formula as the counting engine's (it is the engine's)."""
    if sum(votes.values()) <= 0 or sum(seats.values()) <= 0:
        return None
    names = set(votes) | set(seats)
    return float(
        gallagher(
            votes={n: votes.get(n, 0) for n in names}, seats={n: seats.get(n, 0) for n in names}
        )
    )


@dataclass(frozen=True)
class ProtestFact:
    lodged_at: datetime
    answered_at: datetime | None


@dataclass(frozen=True)
class ProtestSummary:
    lodged: int
    answered_in_time: int
    answered_late: int
    overdue: int  # unanswered, past the deadline
    waiting: int  # unanswered, still within it


def protests_answered(
    protests: Iterable[ProtestFact], *, now: datetime, answer_within: timedelta
) -> ProtestSummary:
    """Sort protests by whether their answer came within ``answer_within`` of lodging."""
    lodged = in_time = late = overdue = waiting = 0
    for p in protests:
        lodged += 1
        deadline = p.lodged_at + answer_within
        if p.answered_at is not None:
            if p.answered_at <= deadline:
                in_time += 1
            else:
                late += 1
        elif now > deadline:
            overdue += 1
        else:
            waiting += 1
    return ProtestSummary(lodged, in_time, late, overdue, waiting)


@dataclass(frozen=True)
class NoticeFact:
    notice_sent_at: datetime | None
    voting_opens_at: datetime
    notice_days: int


def at_minimum_notice(notice: NoticeFact, *, margin: timedelta = timedelta(days=2)) -> bool:
    """Whether an election's notice went out with no more than ``margin`` to spare over its
    minimum — or never went out."""
    if notice.notice_sent_at is None:
        return True
    given = notice.voting_opens_at - notice.notice_sent_at
    return given < timedelta(days=notice.notice_days) + margin
