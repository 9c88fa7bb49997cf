"""Divisor (highest-averages) methods: D'Hondt, Sainte-Laguë, modified Sainte-Laguë,
Huntington–Hill and Adams.

Every divisor method works the same way: seats are handed out one at a time, each to the unit
whose *quotient* ``votes / divisor(seats already held)`` is highest. The methods differ only in
the divisor sequence. All comparisons here are exact integer cross-multiplications — never
floats — because a tie for the last seat must be found as a tie, not hidden by rounding (the
modified Sainte-Laguë table in the reference data has exactly such a tie).

A quotient is kept as a pair ``(numerator, denominator)`` of non-negative integers. A
denominator of 0 means an infinite quotient: Adams and Huntington–Hill divide by 0 for a unit
holding no seat, so every unit gets its first seat before any unit gets a second.
Huntington–Hill divides by the irrational ``√(s(s+1))``; since every quotient is positive we
compare *squared* quotients ``votes² / (s(s+1))``, which orders units identically and stays
exact.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import NamedTuple

# (numerator, denominator) of a quotient; denominator 0 = infinite.
QuotientPair = tuple[int, int]


@dataclass(frozen=True)
class DivisorRule:
    """One divisor method: its key, a plain name and how to form the next-seat quotient."""

    key: str
    title: str
    #: quotient for the next seat of a unit with ``votes`` votes that already holds ``held``
    #: seats, as an exact pair; for Huntington–Hill this is the *squared* quotient.
    next_quotient: Callable[[int, int], QuotientPair]
    #: how many seats a unit with ``votes`` (> 0) would hold if every one of its quotients
    #: strictly above the level ``numerator/denominator`` (same scale as ``next_quotient``)
    #: were awarded — used to jump over the early seats of a large house in one step.
    seats_above: Callable[[int, int, int], int]
    #: a level near the last seat's quotient, from total votes and seats (the Hare quota in
    #: the rule's own scale), where the jump starts looking.
    natural_level: Callable[[int, int], QuotientPair]
    #: True when ``next_quotient`` returns the square of the real quotient.
    squared: bool = False
    #: the divisor sequence in words, for documentation and text output.
    divisors_in_words: str = ""


def _dhondt(votes: int, held: int) -> QuotientPair:
    return (votes, held + 1)


def _sainte_lague(votes: int, held: int) -> QuotientPair:
    return (votes, 2 * held + 1)


def _modified_sainte_lague(votes: int, held: int) -> QuotientPair:
    # The first divisor is 1.4 = 7/5 instead of 1, which makes a first seat harder to win
    # (Norway, formerly Sweden). votes / (7/5) = 5·votes / 7.
    if held == 0:
        return (5 * votes, 7)
    return (votes, 2 * held + 1)


def _adams(votes: int, held: int) -> QuotientPair:
    return (votes, held)


def _huntington_hill(votes: int, held: int) -> QuotientPair:
    # Squared quotient: votes² / (s(s+1)); s = 0 gives denominator 0, i.e. infinite.
    return (votes * votes, held * (held + 1))


# Seats above a level λ = P/Q for a unit with v > 0 votes, in whole numbers. With
# c = ceil(v·Q/P): D'Hondt counts divisors k+1 < v/λ, i.e. c − 1; Adams counts k < v/λ
# (k = 0 is its infinite first seat), i.e. c; Sainte-Laguë counts odd divisors 2k+1 < v/λ,
# i.e. c // 2; modified Sainte-Laguë the same once 5v/7 > λ, else none (its later quotients
# are smaller still). Huntington–Hill, in its squared scale, counts k with k(k+1) < v²·Q/P.


def _ceil_ratio(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def _dhondt_above(votes: int, numerator: int, denominator: int) -> int:
    return _ceil_ratio(votes * denominator, numerator) - 1


def _adams_above(votes: int, numerator: int, denominator: int) -> int:
    return _ceil_ratio(votes * denominator, numerator)


def _sainte_lague_above(votes: int, numerator: int, denominator: int) -> int:
    return _ceil_ratio(votes * denominator, numerator) // 2


def _modified_sainte_lague_above(votes: int, numerator: int, denominator: int) -> int:
    if 5 * votes * denominator <= 7 * numerator:
        return 0
    return _sainte_lague_above(votes, numerator, denominator)


def _huntington_hill_above(votes: int, numerator: int, denominator: int) -> int:
    # Largest k with k(k+1) <= c, where c = ceil(y) − 1 and y = v²·Q/P: (2k+1)² <= 4c+1.
    c = _ceil_ratio(votes * votes * denominator, numerator) - 1
    return (math.isqrt(4 * c + 1) - 1) // 2 + 1


def _plain_level(total: int, seats: int) -> QuotientPair:
    return (total, seats)


def _odd_level(total: int, seats: int) -> QuotientPair:
    # Divisors 1, 3, 5, … are twice the "k + ½" divisors, so the level is halved.
    return (total, 2 * seats)


def _squared_level(total: int, seats: int) -> QuotientPair:
    return (total * total, seats * seats)


DIVISOR_RULES: dict[str, DivisorRule] = {
    rule.key: rule
    for rule in (
        DivisorRule(
            "dhondt",
            "D'Hondt (Jefferson)",
            _dhondt,
            _dhondt_above,
            _plain_level,
            divisors_in_words="1, 2, 3, 4, …",
        ),
        DivisorRule(
            "sainte-lague",
            "Sainte-Laguë (Webster)",
            _sainte_lague,
            _sainte_lague_above,
            _odd_level,
            divisors_in_words="1, 3, 5, 7, …",
        ),
        DivisorRule(
            "modified-sainte-lague",
            "modified Sainte-Laguë (first divisor 1.4)",
            _modified_sainte_lague,
            _modified_sainte_lague_above,
            _odd_level,
            divisors_in_words="1.4, 3, 5, 7, …",
        ),
        DivisorRule(
            "huntington-hill",
            "Huntington–Hill (equal proportions)",
            _huntington_hill,
            _huntington_hill_above,
            _squared_level,
            squared=True,
            divisors_in_words="0, √2, √6, √12, … (√(s(s+1)))",
        ),
        DivisorRule(
            "adams",
            "Adams (smallest divisors)",
            _adams,
            _adams_above,
            _plain_level,
            divisors_in_words="0, 1, 2, 3, …",
        ),
    )
}


# Heap entries are ``(finite, -sort_key, unit, pair)``. ``sort_key`` is the quotient times 2**64,
# rounded down: a whole number that never puts two quotients the wrong way round (q1 > q2 gives
# key1 >= key2), so the heap can compare plain integers at C speed. Keys can still be equal for
# quotients that differ far down, so units sharing the top key are compared exactly, by
# cross-multiplying, before anything is decided. Infinite quotients (finite = 0) come first.
_KEY_SCALE = 1 << 64

_HeapEntry = tuple[int, int, int, QuotientPair]


def _heap_entry(unit: int, pair: QuotientPair) -> _HeapEntry:
    numerator, denominator = pair
    if denominator == 0:
        return (0, 0, unit, pair)
    return (1, -((numerator * _KEY_SCALE) // denominator), unit, pair)


def _exactly_greater(first: QuotientPair, second: QuotientPair) -> bool:
    """``first > second`` by cross-multiplication (a zero denominator is infinite)."""
    return first[0] * second[1] > second[0] * first[1]


def _pop_highest(heap: list[_HeapEntry]) -> list[_HeapEntry]:
    """Pop every entry whose quotient equals the highest one exactly; leave the rest."""
    top = heapq.heappop(heap)
    same_key = [top]
    while heap and heap[0][:2] == top[:2]:
        same_key.append(heapq.heappop(heap))
    if len(same_key) == 1:
        return same_key
    best = same_key[0][3]
    for entry in same_key[1:]:
        if _exactly_greater(entry[3], best):
            best = entry[3]
    level = []
    for entry in same_key:
        if _exactly_greater(best, entry[3]):
            heapq.heappush(heap, entry)  # equal key, smaller quotient: not its turn yet
        else:
            level.append(entry)
    return level


def quotient_as_decimal(pair: QuotientPair, *, squared: bool, places: int = 4) -> str:
    """Show a quotient to ``places`` decimals, for people to read (never used to decide)."""
    numerator, denominator = pair
    if denominator == 0:
        return "infinite"
    with localcontext() as context:
        context.prec = 50
        value = Decimal(numerator) / Decimal(denominator)
        if squared:
            value = value.sqrt()
        return str(value.quantize(Decimal(1).scaleb(-places)))


class SeatAward(NamedTuple):
    """One step of the allocation: seat number ``seat`` went to unit ``unit`` on ``quotient``.

    (A named tuple rather than a dataclass: one is made per seat, and it is cheaper.)
    """

    seat: int
    unit: int
    quotient: QuotientPair


@dataclass(frozen=True)
class DivisorTie:
    """``seats`` seats are left, and ``units`` (more than ``seats`` of them) claim them with the
    exactly equal quotient ``quotient``. Each tied unit would get at most one of them."""

    seats: int
    units: tuple[int, ...]
    quotient: QuotientPair


@dataclass(frozen=True)
class DivisorOutcome:
    """Seats per unit (certain seats only, when a tie is left open), the order of awards and
    the tie for the last seats, if any."""

    seats: tuple[int, ...]
    awards: tuple[SeatAward, ...]
    tie: DivisorTie | None


def allocate_by_divisors(
    *,
    votes: Sequence[int],
    seats: int,
    rule: DivisorRule,
    start: Sequence[int] | None = None,
    record_awards: bool = True,
) -> DivisorOutcome:
    """Share ``seats`` among units with ``votes`` by the divisor ``rule``.

    ``start`` gives seats each unit already holds before the count (a minimum per unit: the US
    House gives every state one seat first); those count toward ``seats`` and the divisor
    sequence continues from them. Units with no votes never win a seat here: an infinite
    Adams/Huntington–Hill quotient for a unit nobody voted for would be absurd.

    When more units tie exactly for the remaining seats than there are seats, nothing is
    decided for those seats: they are reported in ``tie`` and left out of ``seats``.

    With ``record_awards=False`` the seat-by-seat record is not kept, which lets the count
    jump over the early seats of a large house in one step (see :func:`_jump_start`); the
    seats and the tie are the same either way.
    """
    held = _starting_seats(votes=votes, seats=seats, start=start)
    remaining = seats - sum(held)
    if not record_awards and remaining > len(votes) and any(votes):
        held = _jump_start(votes=votes, seats=seats, rule=rule, held=held)
        remaining = seats - sum(held)

    next_quotient = rule.next_quotient
    heappush = heapq.heappush  # a local name: this loop runs once per seat
    heap = [_heap_entry(i, next_quotient(v, held[i])) for i, v in enumerate(votes) if v > 0]
    heapq.heapify(heap)
    awards: list[SeatAward] = []
    tie: DivisorTie | None = None
    seat_number = sum(held)
    while remaining > 0:
        if not heap:
            raise ValueError("no unit has any votes, so no seat can be awarded")
        level = _pop_highest(heap)
        level_quotient = level[0][3]
        if len(level) > remaining:
            tie = DivisorTie(
                seats=remaining,
                units=tuple(sorted(entry[2] for entry in level)),
                quotient=level_quotient,
            )
            break
        if len(level) > 1:
            # Level units that all fit take a seat each; the order among them does not matter
            # for the outcome, so it is made deterministic by unit index.
            level.sort(key=lambda entry: entry[2])
        for _finite, _key, unit, pair in level:
            seat_number += 1
            if record_awards:
                awards.append(SeatAward(seat_number, unit, pair))
            held[unit] += 1
            heappush(heap, _heap_entry(unit, next_quotient(votes[unit], held[unit])))
        remaining -= len(level)
    return DivisorOutcome(seats=tuple(held), awards=tuple(awards), tie=tie)


def _starting_seats(*, votes: Sequence[int], seats: int, start: Sequence[int] | None) -> list[int]:
    """The seats each unit holds before the count, after checking the count can be made."""
    if seats < 0:
        raise ValueError("the number of seats cannot be negative")
    if any(v < 0 for v in votes):
        raise ValueError("votes cannot be negative")
    held = list(start) if start is not None else [0] * len(votes)
    if len(held) != len(votes):
        raise ValueError("start must give one figure per unit")
    if sum(held) > seats:
        raise ValueError("the starting seats already exceed the number of seats")
    return held


def _jump_start(
    *, votes: Sequence[int], seats: int, rule: DivisorRule, held: list[int]
) -> list[int]:
    """Seats every unit is sure to hold, found in one pass instead of seat by seat.

    Pick a level λ and give each unit all its quotients strictly above λ (or its starting
    seats, if more). If that uses no more than ``seats``, the final cut-off cannot be above λ,
    so every unit is sure of at least that many: the seat-by-seat count may continue from there
    and reach exactly the same seats and the same tie. Start at the Hare quota; while too many
    seats are handed out, raise λ.
    """
    numerator, denominator = rule.natural_level(sum(votes), seats)
    seats_above = rule.seats_above
    for attempt in range(64):
        counts = [
            max(h, seats_above(v, numerator, denominator)) if v > 0 else h
            for v, h in zip(votes, held, strict=True)
        ]
        handed_out = sum(counts)
        if handed_out <= seats:
            return counts
        # Raise the level in proportion to the overshoot (doubling too, after a few tries).
        numerator *= handed_out * (2 if attempt >= 3 else 1)
        denominator *= seats
    return held
