"""Largest remainder (Hamilton) with the Hare or the Droop quota.

Each unit first gets as many seats as it has *whole quotas* of votes; the seats still empty go,
one each, to the units with the largest remainders. Everything is done in integers:

* **Hare quota** = total votes / seats, an exact fraction. A unit's exact entitlement is
  ``votes × seats / total``; its whole seats are ``(votes × seats) // total`` and its remainder
  ``(votes × seats) % total`` (in units of 1/seats of a vote), so remainders compare as integers.
* **Droop quota** = ``total // (seats + 1) + 1`` votes (the whole-number Droop quota used in the
  usual textbook tables); whole seats ``votes // quota``, remainder ``votes % quota``.

Two units with exactly equal remainders at the boundary are a *tie*: it is reported, never
decided here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

QUOTAS: dict[str, str] = {
    "hare": "Hare quota (total votes ÷ seats)",
    "droop": "Droop quota (total votes ÷ (seats + 1), rounded down, plus 1)",
}


@dataclass(frozen=True)
class RemainderTie:
    """``seats`` seats are left and ``units`` (more of them than seats) have exactly equal
    remainders for them. Each tied unit would get at most one of them."""

    seats: int
    units: tuple[int, ...]
    remainder: Fraction


@dataclass(frozen=True)
class RemainderOutcome:
    """Seats per unit (certain seats only while a tie is open), the quota, each unit's whole
    quotas and remainder in votes, and the tie, if any."""

    seats: tuple[int, ...]
    quota: Fraction
    whole_quotas: tuple[int, ...]
    remainders: tuple[Fraction, ...]
    tie: RemainderTie | None


def quota_for(*, total_votes: int, seats: int, quota: str) -> Fraction:
    """The quota in votes (exact) for ``total_votes`` and ``seats``."""
    if quota == "hare":
        return Fraction(total_votes, seats)
    if quota == "droop":
        return Fraction(total_votes // (seats + 1) + 1)
    raise ValueError(f"unknown quota {quota!r}; expected one of {', '.join(QUOTAS)}")


def allocate_by_largest_remainder(
    *, votes: Sequence[int], seats: int, quota: str
) -> RemainderOutcome:
    """Share ``seats`` among units with ``votes`` by largest remainder using ``quota``.

    With the Droop quota and very few votes, whole quotas plus one remainder seat per unit may
    not fill the house; then the remainder seats go round again in the same order (only units
    with votes take part). This cannot happen with the Hare quota.
    """
    if seats <= 0:
        raise ValueError("the number of seats must be positive")
    if any(v < 0 for v in votes):
        raise ValueError("votes cannot be negative")
    total = sum(votes)
    if total == 0:
        raise ValueError("no unit has any votes, so no seat can be awarded")

    if quota == "hare":
        # Work in units of 1/seats of a vote so that everything stays integral.
        scaled = [v * seats for v in votes]
        whole = [s // total for s in scaled]
        remainder_keys = [s % total for s in scaled]
        remainders = [Fraction(key, seats) for key in remainder_keys]
    else:
        droop = int(quota_for(total_votes=total, seats=seats, quota=quota))
        whole = [v // droop for v in votes]
        remainder_keys = [v % droop for v in votes]
        remainders = [Fraction(key) for key in remainder_keys]

    allocation = list(whole)
    left = seats - sum(whole)
    eligible = [i for i, v in enumerate(votes) if v > 0]
    # Whole rounds (only possible with Droop on tiny electorates): everyone eligible gets one.
    rounds, left = divmod(left, len(eligible))
    for i in eligible:
        allocation[i] += rounds

    tie: RemainderTie | None = None
    if left:
        ranked = sorted(eligible, key=lambda i: remainder_keys[i], reverse=True)
        boundary = remainder_keys[ranked[left - 1]]
        above = [i for i in ranked if remainder_keys[i] > boundary]
        level = [i for i in ranked if remainder_keys[i] == boundary]
        for i in above:
            allocation[i] += 1
        open_seats = left - len(above)
        if len(level) == open_seats:
            for i in level:
                allocation[i] += 1
        else:
            tie = RemainderTie(
                seats=open_seats, units=tuple(sorted(level)), remainder=remainders[level[0]]
            )
    return RemainderOutcome(
        seats=tuple(allocation),
        quota=quota_for(total_votes=total, seats=seats, quota=quota),
        whole_quotas=tuple(whole),
        remainders=tuple(remainders),
        tie=tie,
    )
