"""Largest remainder (Hare, Droop): textbook tables, the Alabama paradox, the quota rule."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgkit.elections.counting.largest_remainder import (
    allocate_by_largest_remainder,
    quota_for,
)

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "apportionment"
TABLES = json.loads((GOLDEN / "textbook-tables.json").read_text(encoding="utf-8"))


def _cases():
    for table_name, table in TABLES.items():
        for table_key, quota in (
            ("hare_lr", "hare"),
            ("votelib_hare", "hare"),
            ("votelib_droop", "droop"),
        ):
            if table_key in table and "seats" in table:
                yield pytest.param(table, quota, table[table_key], id=f"{table_name}-{table_key}")


@pytest.mark.parametrize(("table", "quota", "expected"), list(_cases()))
def test_textbook_tables(table, quota, expected):
    outcome = allocate_by_largest_remainder(votes=table["votes"], seats=table["seats"], quota=quota)
    assert outcome.tie is None
    assert list(outcome.seats) == expected


def test_alabama_paradox_a_bigger_house_takes_a_seat_from_c():
    table = TABLES["alabama_paradox"]
    at_10 = allocate_by_largest_remainder(votes=table["votes"], seats=10, quota="hare")
    at_11 = allocate_by_largest_remainder(votes=table["votes"], seats=11, quota="hare")
    assert list(at_10.seats) == table["hare_lr_10"] == [4, 4, 2]
    assert list(at_11.seats) == table["hare_lr_11"] == [5, 5, 1]
    # The paradox itself: one more seat in the house, one fewer for C.
    assert at_11.seats[2] < at_10.seats[2]
    # Why: C's entitlement rises (1.43 → 1.57 seats) but A's and B's remainders overtake it
    # (0.29 → 0.71 seats each), and the one extra seat at 10 becomes two extra seats for A, B.
    assert at_10.remainders[2] > at_10.remainders[0] == at_10.remainders[1]
    assert at_11.remainders[2] < at_11.remainders[0] == at_11.remainders[1]
    assert at_10.quota == Fraction(14000, 10) and at_11.quota == Fraction(14000, 11)


def test_droop_quota_is_the_whole_number_one():
    assert quota_for(total_votes=100_000, seats=10, quota="droop") == 9091
    assert quota_for(total_votes=230_000, seats=8, quota="hare") == Fraction(230_000, 8)
    with pytest.raises(ValueError, match="unknown quota"):
        quota_for(total_votes=10, seats=1, quota="imperiali")


def test_exactly_equal_remainders_at_the_boundary_are_a_tie():
    outcome = allocate_by_largest_remainder(votes=[5, 5, 5], seats=2, quota="hare")
    assert outcome.seats == (0, 0, 0)
    assert outcome.tie is not None and outcome.tie.seats == 2 and outcome.tie.units == (0, 1, 2)
    # Level remainders that all fit are no tie.
    fits = allocate_by_largest_remainder(votes=[5, 5, 1], seats=2, quota="hare")
    assert fits.seats == (1, 1, 0) and fits.tie is None


def test_droop_on_a_tiny_electorate_goes_round_again():
    # 3 votes, 10 seats: Droop quota 1; whole quotas give 3 seats, 7 remain for 3 units.
    outcome = allocate_by_largest_remainder(votes=[1, 1, 1], seats=10, quota="droop")
    assert outcome.seats == (3, 3, 3) and outcome.tie is not None and outcome.tie.seats == 1


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="no unit has any votes"):
        allocate_by_largest_remainder(votes=[0, 0], seats=1, quota="hare")
    with pytest.raises(ValueError, match="negative"):
        allocate_by_largest_remainder(votes=[-3, 4], seats=1, quota="hare")
    with pytest.raises(ValueError, match="positive"):
        allocate_by_largest_remainder(votes=[3, 4], seats=0, quota="hare")


VOTES = st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=8).filter(
    lambda votes: sum(votes) > 0
)


@settings(max_examples=150, deadline=None)
@given(votes=VOTES, seats=st.integers(min_value=1, max_value=80))
def test_hare_satisfies_quota(votes, seats):
    """Every unit gets the floor or the ceiling of its exact entitlement votes × seats / total."""
    outcome = allocate_by_largest_remainder(votes=votes, seats=seats, quota="hare")
    total = sum(votes)
    tied = set(outcome.tie.units) if outcome.tie else set()
    for index, (count, won) in enumerate(zip(votes, outcome.seats, strict=True)):
        floor, has_fraction = divmod(count * seats, total)
        ceiling = floor + (1 if has_fraction else 0)
        assert floor <= won <= ceiling
        if index in tied:
            assert won + 1 <= ceiling  # a tied seat would still respect quota
    filled = sum(outcome.seats) + (outcome.tie.seats if outcome.tie else 0)
    assert filled == seats


@settings(max_examples=100, deadline=None)
@given(votes=VOTES, seats=st.integers(min_value=1, max_value=80))
def test_droop_fills_the_house(votes, seats):
    outcome = allocate_by_largest_remainder(votes=votes, seats=seats, quota="droop")
    filled = sum(outcome.seats) + (outcome.tie.seats if outcome.tie else 0)
    assert filled == seats
