"""Disproportionality indices: how far seat shares are from vote shares.

Both are descriptive figures for comparing systems side by side — they never decide a seat, so
Gallagher (which needs a square root) may be a Decimal. Both are in *percentage points*: 0 is
perfectly proportional; 100 would mean every seat went to units nobody voted for.

* **Loosemore–Hanby** = half the sum of |vote share − seat share| over all units. It is the
  share of seats that are "in the wrong place".
* **Gallagher** (least squares) = √(½ × sum of (vote share − seat share)²). Squaring makes a
  few large gaps count more than many small ones, so it is the usual headline figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, localcontext
from fractions import Fraction


def share_gaps(
    *, votes: Mapping[str, int | Fraction], seats: Mapping[str, int]
) -> dict[str, Fraction]:
    """Vote share minus seat share for every unit, exact, in percentage points.

    A unit in only one of the mappings counts as 0 in the other (e.g. a party below the
    threshold has votes and no seats).
    """
    total_votes = sum(votes.values())
    total_seats = sum(seats.values())
    if total_votes <= 0 or total_seats <= 0:
        raise ValueError("disproportionality needs some votes and some seats")
    if any(v < 0 for v in votes.values()) or any(s < 0 for s in seats.values()):
        raise ValueError("votes and seats cannot be negative")
    names = list(dict.fromkeys([*votes, *seats]))
    return {
        name: Fraction(100 * votes.get(name, 0), total_votes)
        - Fraction(100 * seats.get(name, 0), total_seats)
        for name in names
    }


def fraction_as_decimal(value: Fraction, places: int = 4) -> Decimal:
    """An exact fraction shown as a Decimal rounded (half even) to ``places`` decimals."""
    with localcontext() as context:
        context.prec = 50
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places))


def loosemore_hanby(*, votes: Mapping[str, int | Fraction], seats: Mapping[str, int]) -> Fraction:
    """Loosemore–Hanby index in percentage points (exact)."""
    return sum((abs(gap) for gap in share_gaps(votes=votes, seats=seats).values()), Fraction(0)) / 2


def gallagher(
    *, votes: Mapping[str, int | Fraction], seats: Mapping[str, int], places: int = 4
) -> Decimal:
    """Gallagher (least-squares) index in percentage points, rounded to ``places`` decimals.

    The sum of squares is exact; only the final square root is a (50-digit) Decimal.
    """
    squares = sum((gap * gap for gap in share_gaps(votes=votes, seats=seats).values()), Fraction(0))
    half = squares / 2
    with localcontext() as context:
        context.prec = 50
        root = (Decimal(half.numerator) / Decimal(half.denominator)).sqrt()
        return root.quantize(Decimal(1).scaleb(-places))
