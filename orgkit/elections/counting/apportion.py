"""List PR and apportionment among units (parties, slates, branches, states): one entry point.

:func:`apportion` applies, in this order:

1. **Threshold** — a unit whose votes are below ``threshold_percent`` of *all* votes cast takes
   no part (and gets no minimum seat either: the threshold is the stronger rule).
2. **Minimum seats** — every remaining unit gets at least ``min_seats``. For divisor methods the
   divisor sequence then continues from there (the US House rule: one seat per state first,
   then priority values). For largest remainder, units whose proportional share falls below the
   minimum are fixed at the minimum and the rest of the house is shared again among the others,
   until nobody is below it — which is also exactly what the divisor rule above amounts to.
3. **The method** — see :mod:`.divisors` and :mod:`.largest_remainder`.
4. **Ties** — when units are exactly level for the last seat(s), the result says so in
   ``ties`` and leaves those seats unassigned. Only when a ``seed`` is given are they drawn by
   lot (:mod:`.tiebreak`), and the draw is recorded in the tie. Nothing is decided silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any, NamedTuple

from .divisors import DIVISOR_RULES, allocate_by_divisors, quotient_as_decimal
from .largest_remainder import QUOTAS, allocate_by_largest_remainder
from .tiebreak import lot_order

#: Other names people use for the same methods.
METHOD_ALIASES: dict[str, str] = {
    "jefferson": "dhondt",
    "d'hondt": "dhondt",
    "webster": "sainte-lague",
    "saintelague": "sainte-lague",
    "hamilton": "hare",
    "hare-lr": "hare",
    "droop-lr": "droop",
    "equal-proportions": "huntington-hill",
}

METHODS: tuple[str, ...] = (*DIVISOR_RULES, *QUOTAS)

#: Houses larger than this get no seat-by-seat record in JSON (it would dwarf the result).
AWARD_ORDER_LIMIT = 10_000

METHOD_TITLES: dict[str, str] = {
    **{key: rule.title for key, rule in DIVISOR_RULES.items()},
    "hare": "largest remainder, Hare quota (Hamilton)",
    "droop": "largest remainder, Droop quota",
}


@dataclass(frozen=True)
class SeatTie:
    """``seats`` seat(s) for which ``among`` stand exactly level (each could take one).

    ``level`` is the equal quotient (divisor methods) or remainder (largest remainder) shown as
    a decimal for people to read. ``drawn`` lists who took the seats by lot, in draw order, when
    a seed was given; it is empty while the tie is open.
    """

    seats: int
    among: tuple[str, ...]
    level: str
    drawn: tuple[str, ...] = ()
    lot_purpose: str = ""

    @property
    def open(self) -> bool:
        """True while nobody has decided these seats."""
        return not self.drawn


class SeatAwardStep(NamedTuple):
    """Divisor methods: seat number ``seat`` went to ``unit`` on the exact quotient
    ``quotient_pair`` (squared for Huntington–Hill), or by lot at that level.

    A named tuple (one is made per seat); the decimal text is only worked out when shown.
    """

    seat: int
    unit: str
    quotient_pair: tuple[int, int]
    squared: bool = False
    by_lot: bool = False

    @property
    def quotient(self) -> str:
        """The quotient as a decimal for people to read (never used to decide)."""
        text = quotient_as_decimal(self.quotient_pair, squared=self.squared)
        return f"{text}, drawn by lot" if self.by_lot else text


@dataclass(frozen=True)
class ApportionmentResult:
    """The outcome of :func:`apportion`. ``seats`` holds every seat that is decided; while a
    tie is open its seats are in ``ties`` and not in ``seats``."""

    method: str
    house_size: int
    votes: dict[str, int]
    seats: dict[str, int]
    ties: tuple[SeatTie, ...] = ()
    excluded_by_threshold: tuple[str, ...] = ()
    threshold_percent: Fraction | None = None
    min_seats: int = 0
    seed: str | None = None
    quota: Fraction | None = None

    @cached_property
    def award_order(self) -> tuple[SeatAwardStep, ...]:
        """Divisor methods: every seat in the order the table gives it, lots last (empty for
        largest remainder). Worked out on first use: the count itself skips this record so
        that it can jump over the early seats of a large house."""
        if self.method not in DIVISOR_RULES:
            return ()
        rule = DIVISOR_RULES[self.method]
        competing = [n for n in self.votes if n not in self.excluded_by_threshold]
        outcome = allocate_by_divisors(
            votes=[self.votes[n] for n in competing],
            seats=self.house_size,
            rule=rule,
            start=[self.min_seats] * len(competing),
        )
        steps = [
            SeatAwardStep(award.seat, competing[award.unit], award.quotient, rule.squared)
            for award in outcome.awards
        ]
        held = dict(zip(competing, outcome.seats, strict=True))
        first_seat_number = self.min_seats * len(competing) + 1
        for tie in self.ties:
            for name in tie.drawn:
                # A drawn seat is taken at the level every tied unit stood on.
                level = rule.next_quotient(self.votes[name], held[name])
                steps.append(
                    SeatAwardStep(first_seat_number + len(steps), name, level, rule.squared, True)
                )
        return tuple(steps)

    @property
    def title(self) -> str:
        """The method's name in words."""
        return METHOD_TITLES[self.method]

    @property
    def decided(self) -> bool:
        """True when every seat has an owner (no open tie)."""
        return all(not tie.open for tie in self.ties)

    @property
    def total_votes(self) -> int:
        """All votes cast, including those for units below the threshold."""
        return sum(self.votes.values())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dictionary (exact fractions are written as strings)."""
        return {
            "method": self.method,
            "method_title": self.title,
            "house_size": self.house_size,
            "total_votes": self.total_votes,
            "votes": dict(self.votes),
            "seats": dict(self.seats),
            "decided": self.decided,
            "ties": [
                {
                    "seats": tie.seats,
                    "among": list(tie.among),
                    "level": tie.level,
                    "drawn_by_lot": list(tie.drawn) or None,
                    "lot_purpose": tie.lot_purpose or None,
                }
                for tie in self.ties
            ],
            "seed": self.seed,
            "threshold_percent": _fraction_text(self.threshold_percent),
            "excluded_by_threshold": list(self.excluded_by_threshold),
            "min_seats": self.min_seats,
            "quota": _fraction_text(self.quota),
            # Seat by seat (divisor methods); left out (None) for very large houses.
            "award_order": None
            if self.house_size > AWARD_ORDER_LIMIT
            else [
                {"seat": step.seat, "unit": step.unit, "quotient": step.quotient}
                for step in self.award_order
            ],
        }


def _fraction_text(value: Fraction | None) -> str | None:
    if value is None:
        return None
    return str(value.numerator) if value.denominator == 1 else str(value)


def normalise_method(method: str) -> str:
    """Return the canonical method key for ``method`` (aliases allowed), or raise ValueError."""
    key = method.strip().lower().replace("_", "-").replace(" ", "-")
    key = METHOD_ALIASES.get(key, key)
    if key not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    return key


def apportion(
    *,
    votes: Mapping[str, int],
    seats: int,
    method: str,
    threshold_percent: Fraction | int | Decimal | None = None,
    min_seats: int = 0,
    seed: str | None = None,
) -> ApportionmentResult:
    """Share ``seats`` among the units in ``votes`` by ``method``.

    ``method`` is one of ``dhondt``, ``sainte-lague``, ``modified-sainte-lague``,
    ``huntington-hill``, ``adams``, ``hare``, ``droop`` (or an alias such as ``jefferson``,
    ``webster``, ``hamilton``). Ties for the last seats are reported in ``ties``; they are drawn
    by lot only when ``seed`` is given. Raises ValueError on impossible input (negative votes,
    no votes, more minimum seats than the house has, …).
    """
    key = normalise_method(method)
    _validate(votes=votes, seats=seats, threshold_percent=threshold_percent, min_seats=min_seats)
    names = list(votes)
    total = sum(votes.values())
    if total == 0:
        raise ValueError("no unit has any votes")

    excluded: tuple[str, ...] = ()
    if threshold_percent is not None:
        threshold_percent = Fraction(threshold_percent)  # exact, also from a Decimal
        # Below the threshold means votes/total < threshold/100, compared exactly.
        excluded = tuple(n for n in names if votes[n] * 100 < threshold_percent * total)
    excluded_set = set(excluded)
    competing = [n for n in names if n not in excluded_set]
    if not competing:
        raise ValueError("no unit reaches the threshold")
    if min_seats * len(competing) > seats:
        raise ValueError(
            f"{len(competing)} units × {min_seats} minimum seats is more than the {seats} seats"
        )

    if key in DIVISOR_RULES:
        allocation, raw_tie = _by_divisors(key, votes, competing, seats, min_seats)
        quota = None
    else:
        allocation, raw_tie, quota = _by_largest_remainder(key, votes, competing, seats, min_seats)

    ties: tuple[SeatTie, ...] = ()
    if raw_tie is not None:
        tie = raw_tie
        if seed is not None:
            purpose = f"apportionment {key}: last {tie.seats} of {seats} seats"
            drawn = tuple(lot_order(seed=seed, purpose=purpose, names=tie.among)[: tie.seats])
            for name in drawn:
                allocation[name] += 1
            tie = SeatTie(tie.seats, tie.among, tie.level, drawn=drawn, lot_purpose=purpose)
        ties = (tie,)

    return ApportionmentResult(
        method=key,
        house_size=seats,
        votes=dict(votes),
        seats={name: allocation.get(name, 0) for name in names},
        ties=ties,
        excluded_by_threshold=excluded,
        threshold_percent=threshold_percent,
        min_seats=min_seats,
        seed=seed,
        quota=quota,
    )


def _validate(
    *,
    votes: Mapping[str, int],
    seats: int,
    threshold_percent: Fraction | int | Decimal | None,
    min_seats: int,
) -> None:
    """Refuse, with a reason a user can read, anything the methods cannot share seats by."""
    if not votes:
        raise ValueError("there are no units to share seats among")
    if not _is_whole(seats) or seats <= 0:
        raise ValueError("the number of seats must be a positive whole number")
    if not _is_whole(min_seats) or min_seats < 0:
        raise ValueError("the minimum seats per unit must be a whole number, 0 or more")
    for name, count in votes.items():
        _validate_unit(name, count)
    if threshold_percent is not None:
        _validate_threshold(threshold_percent)


def _is_whole(value) -> bool:
    # bool is an int to Python, but True seats is a caller's mistake, not one seat.
    return isinstance(value, int) and not isinstance(value, bool)


def _validate_unit(name: str, count) -> None:
    if not name.strip():
        raise ValueError("a unit has an empty name")
    if not _is_whole(count):
        raise ValueError(f"votes for {name!r} must be a whole number")
    if count < 0:
        raise ValueError(f"votes for {name!r} cannot be negative")


def _validate_threshold(threshold_percent) -> None:
    if isinstance(threshold_percent, float | bool) or not isinstance(
        threshold_percent, int | Fraction | Decimal
    ):
        # A float such as 0.1 is not the number it looks like; the cut must be exact.
        raise ValueError("the threshold must be an exact number (int, Fraction or Decimal)")
    if not 0 <= threshold_percent <= 100:
        raise ValueError("the threshold must be between 0 and 100 percent")


def _by_divisors(
    key: str, votes: Mapping[str, int], competing: list[str], seats: int, min_seats: int
) -> tuple[dict[str, int], SeatTie | None]:
    rule = DIVISOR_RULES[key]
    outcome = allocate_by_divisors(
        votes=[votes[n] for n in competing],
        seats=seats,
        rule=rule,
        start=[min_seats] * len(competing),
        record_awards=False,  # the seat-by-seat record is rebuilt only when asked for
    )
    allocation = dict(zip(competing, outcome.seats, strict=True))
    tie = None
    if outcome.tie is not None:
        tie = SeatTie(
            seats=outcome.tie.seats,
            among=tuple(sorted(competing[i] for i in outcome.tie.units)),
            level=quotient_as_decimal(outcome.tie.quotient, squared=rule.squared),
        )
    return allocation, tie


def _by_largest_remainder(
    key: str, votes: Mapping[str, int], competing: list[str], seats: int, min_seats: int
) -> tuple[dict[str, int], SeatTie | None, Fraction | None]:
    fixed: dict[str, int] = {}
    while True:
        # Units pinned at the minimum drop out; the others share what is left, again.
        active = [n for n in competing if n not in fixed]
        free_seats = seats - min_seats * len(fixed)
        if not active or free_seats == 0 or sum(votes[n] for n in active) == 0:
            # Everybody left is at the minimum (or has no votes): they all get exactly it.
            allocation = {**fixed, **{n: min_seats for n in active}}
            return allocation, None, None
        outcome = allocate_by_largest_remainder(
            votes=[votes[n] for n in active], seats=free_seats, quota=key
        )
        # A unit whose certain seats are below the minimum ends at the minimum whether or not
        # it would win a tied seat, so pinning it is safe even while a tie is open.
        below = [n for n, s in zip(active, outcome.seats, strict=True) if s < min_seats]
        if not below:
            break
        for name in below:
            fixed[name] = min_seats
    allocation = {**fixed, **dict(zip(active, outcome.seats, strict=True))}
    tie = None
    if outcome.tie is not None:
        tie = SeatTie(
            seats=outcome.tie.seats,
            among=tuple(sorted(active[i] for i in outcome.tie.units)),
            level=_decimal_text(outcome.tie.remainder),
        )
    return allocation, tie, outcome.quota


def _decimal_text(value: Fraction, places: int = 4) -> str:
    """A fraction as a decimal string rounded half-up at ``places`` (display only)."""
    scaled = value * 10**places
    rounded = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    sign = "-" if rounded < 0 else ""
    whole, part = divmod(abs(rounded), 10**places)
    return f"{sign}{whole}.{part:0{places}d}"
