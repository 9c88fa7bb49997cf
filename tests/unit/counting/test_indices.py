"""Gallagher and Loosemore–Hanby disproportionality indices."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgkit.elections.counting.indices import (
    fraction_as_decimal,
    gallagher,
    loosemore_hanby,
    share_gaps,
)


def test_perfect_proportionality_is_zero():
    assert gallagher(votes={"A": 60, "B": 40}, seats={"A": 3, "B": 2}) == Decimal("0.0000")
    assert loosemore_hanby(votes={"A": 60, "B": 40}, seats={"A": 3, "B": 2}) == 0


def test_winner_take_all_of_99_vs_84():
    votes = {"majority": 99, "minority": 84}
    seats = {"majority": 3, "minority": 0}
    # Both gaps are 84/183 = 45.90…%, so both indices equal it.
    assert loosemore_hanby(votes=votes, seats=seats) == Fraction(8400, 183)
    assert gallagher(votes=votes, seats=seats) == Decimal("45.9016")


def test_textbook_dhondt_example_by_hand():
    votes = {"A": 100000, "B": 80000, "C": 30000, "D": 20000}
    seats = {"A": 4, "B": 3, "C": 1, "D": 0}
    gaps = share_gaps(votes=votes, seats=seats)
    assert gaps["A"] == Fraction(100 * 100000, 230000) - 50
    # LH = half the sum of absolute gaps = 9.2391…; Gallagher = √(½ Σ gap²) = 7.9318…
    assert fraction_as_decimal(loosemore_hanby(votes=votes, seats=seats)) == Decimal("9.2391")
    assert gallagher(votes=votes, seats=seats) == Decimal("7.9318")
    assert gallagher(votes=votes, seats=seats, places=8) == Decimal(
        "7.93180409"
    )  # float check: 7.931804086…


def test_units_missing_from_one_side_count_as_zero():
    # C won votes but no seat and is absent from the seats mapping.
    assert loosemore_hanby(votes={"A": 50, "B": 25, "C": 25}, seats={"A": 1, "B": 1}) == 25


def test_nothing_to_compare_is_an_error():
    with pytest.raises(ValueError):
        gallagher(votes={"A": 0}, seats={"A": 1})
    with pytest.raises(ValueError):
        loosemore_hanby(votes={"A": 1}, seats={"A": 0})
    with pytest.raises(ValueError):
        loosemore_hanby(votes={"A": -1, "B": 3}, seats={"A": 1})


@settings(max_examples=100, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 40)), min_size=1, max_size=8
    ).filter(lambda ps: sum(v for v, _ in ps) > 0 and sum(s for _, s in ps) > 0)
)
def test_indices_are_between_0_and_100_and_ordered(pairs):
    votes = {str(i): v for i, (v, _) in enumerate(pairs)}
    seats = {str(i): s for i, (_, s) in enumerate(pairs)}
    lh = loosemore_hanby(votes=votes, seats=seats)
    g = gallagher(votes=votes, seats=seats, places=10)
    assert 0 <= lh <= 100
    assert 0 <= g <= 100
    # Gallagher never exceeds Loosemore–Hanby (least squares ≤ half the L1 sum here).
    assert g <= fraction_as_decimal(lh, 10) + Decimal("1e-9")
