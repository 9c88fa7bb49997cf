"""Divisor methods: textbook tables, the US House 2020, exact ties, house monotonicity."""

from __future__ import annotations

import csv
import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgkit.elections.counting.divisors import (
    DIVISOR_RULES,
    allocate_by_divisors,
    quotient_as_decimal,
)

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "apportionment"
TABLES = json.loads((GOLDEN / "textbook-tables.json").read_text(encoding="utf-8"))

# textbook-tables.json key → our rule key
TABLE_KEYS = {
    "dhondt": "dhondt",
    "saintelague": "sainte-lague",
    "huntington_hill": "huntington-hill",
    "adams": "adams",
}


def _cases():
    for table_name, table in TABLES.items():
        for table_key, rule_key in TABLE_KEYS.items():
            if table_key in table:
                yield pytest.param(table, rule_key, table[table_key], id=f"{table_name}-{rule_key}")


@pytest.mark.parametrize(("table", "rule_key", "expected"), list(_cases()))
def test_textbook_tables(table, rule_key, expected):
    outcome = allocate_by_divisors(
        votes=table["votes"], seats=table["seats"], rule=DIVISOR_RULES[rule_key]
    )
    assert outcome.tie is None
    assert list(outcome.seats) == expected


def test_modified_sainte_lague_exact_tie_is_reported_not_decided():
    table = TABLES["wiki_dhondt_8"]
    assert table["modified_saintelague"].startswith("TIE for last seat")
    outcome = allocate_by_divisors(
        votes=table["votes"], seats=8, rule=DIVISOR_RULES["modified-sainte-lague"]
    )
    # Seven seats are certain (A 3, B 3, C 1); A's 100000/7 equals D's 20000/1.4 exactly.
    assert list(outcome.seats) == [3, 3, 1, 0]
    assert outcome.tie is not None
    assert outcome.tie.seats == 1
    assert outcome.tie.units == (0, 3)
    numerator, denominator = outcome.tie.quotient
    assert numerator * 7 == 100000 * denominator


def _house_rows():
    with (GOLDEN / "us-house-2020.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_us_house_2020_huntington_hill_is_the_official_apportionment():
    rows = _house_rows()
    assert len(rows) == 50
    populations = [int(row["apportionment_population"]) for row in rows]
    assert sum(populations) == 331_108_434
    outcome = allocate_by_divisors(
        votes=populations, seats=435, rule=DIVISOR_RULES["huntington-hill"], start=[1] * 50
    )
    assert outcome.tie is None
    official = {row["state"]: int(row["huntington_hill_435"]) for row in rows}
    ours = {row["state"]: seats for row, seats in zip(rows, outcome.seats, strict=True)}
    assert ours == official
    assert (ours["California"], ours["Texas"], ours["Florida"], ours["New York"]) == (
        52,
        38,
        28,
        26,
    )
    # Seat 435 went to Minnesota, which kept its 8th seat by a few dozen residents.
    assert outcome.awards[-1].seat == 435
    assert rows[outcome.awards[-1].unit]["state"] == "Minnesota"


@pytest.mark.parametrize(
    ("rule_key", "column"),
    [
        ("dhondt", "jefferson_dhondt_435"),
        ("sainte-lague", "webster_saintelague_435"),
        ("adams", "adams_435"),
        ("huntington-hill", "huntington_hill_435"),
    ],
)
def test_us_house_2020_other_methods_match_peer_columns(rule_key, column):
    rows = _house_rows()
    outcome = allocate_by_divisors(
        votes=[int(r["apportionment_population"]) for r in rows],
        seats=435,
        rule=DIVISOR_RULES[rule_key],
    )
    assert outcome.tie is None
    assert list(outcome.seats) == [int(r[column]) for r in rows]


def test_huntington_hill_compares_geometric_means_exactly():
    rule = DIVISOR_RULES["huntington-hill"]
    # 10/√(1·2) and 60/√(8·9) are both exactly 5√2: an irrational tie that squared integer
    # comparison finds (100/2 = 3600/72) and floating point may not.
    tied = allocate_by_divisors(votes=[10, 60], seats=10, rule=rule)
    assert tied.seats == (1, 8)
    assert tied.tie is not None and tied.tie.units == (0, 1) and tied.tie.seats == 1
    assert quotient_as_decimal(tied.tie.quotient, squared=True) == "7.0711"
    # A near miss that floats could blur: the quotients differ only in the 10th digit.
    close = allocate_by_divisors(votes=[1_000_000_001, 1_000_000_000], seats=3, rule=rule)
    assert close.tie is None and close.seats == (2, 1)


def test_adams_and_huntington_hill_give_every_voted_unit_a_first_seat():
    for key in ("adams", "huntington-hill"):
        outcome = allocate_by_divisors(votes=[1000, 1, 1], seats=3, rule=DIVISOR_RULES[key])
        assert list(outcome.seats) == [1, 1, 1]
        # With fewer seats than units, the first seats are all infinitely level: a tie.
        short = allocate_by_divisors(votes=[1000, 1, 1], seats=2, rule=DIVISOR_RULES[key])
        assert short.tie is not None and short.tie.seats == 2 and short.tie.units == (0, 1, 2)
        assert short.tie.quotient[1] == 0
        assert quotient_as_decimal(short.tie.quotient, squared=False) == "infinite"


def test_units_without_votes_never_win_a_seat():
    for rule in DIVISOR_RULES.values():
        outcome = allocate_by_divisors(votes=[0, 9, 0], seats=4, rule=rule)
        assert list(outcome.seats) == [0, 4, 0]


def test_start_seats_count_toward_the_house_and_the_sequence_continues():
    rule = DIVISOR_RULES["dhondt"]
    # Without a minimum: quotients 700, 350, 300, 233.3, 175, 150 → A 4, B 2, C 0.
    assert allocate_by_divisors(votes=[700, 300, 100], seats=6, rule=rule).seats == (4, 2, 0)
    # One seat each first; then the divisors continue from 2: A 350, A 233.3, A 175 beat B 150.
    outcome = allocate_by_divisors(votes=[700, 300, 100], seats=6, rule=rule, start=[1, 1, 1])
    assert outcome.seats == (4, 1, 1)
    assert [award.seat for award in outcome.awards] == [4, 5, 6]


def test_bad_input_is_refused():
    rule = DIVISOR_RULES["dhondt"]
    with pytest.raises(ValueError, match="negative"):
        allocate_by_divisors(votes=[-1, 3], seats=2, rule=rule)
    with pytest.raises(ValueError, match="exceed"):
        allocate_by_divisors(votes=[1, 3], seats=1, rule=rule, start=[1, 1])
    with pytest.raises(ValueError, match="no unit has any votes"):
        allocate_by_divisors(votes=[0, 0], seats=1, rule=rule)


def test_award_order_is_the_dhondt_table():
    outcome = allocate_by_divisors(
        votes=[100000, 80000, 30000, 20000], seats=8, rule=DIVISOR_RULES["dhondt"]
    )
    assert [a.unit for a in outcome.awards] == [0, 1, 0, 1, 0, 2, 1, 0]
    assert quotient_as_decimal(outcome.awards[-1].quotient, squared=False) == "25000.0000"


VOTES = st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=7).filter(
    lambda votes: sum(votes) > 0
)


@settings(max_examples=60, deadline=None)
@given(votes=VOTES, rule_key=st.sampled_from(sorted(DIVISOR_RULES)))
def test_house_monotone(votes, rule_key):
    """Adding a seat never takes a (certain) seat away from anyone."""
    rule = DIVISOR_RULES[rule_key]
    previous = None
    for seats in range(1, 26):
        outcome = allocate_by_divisors(votes=votes, seats=seats, rule=rule)
        filled = sum(outcome.seats) + (outcome.tie.seats if outcome.tie else 0)
        assert filled == seats
        if previous is not None:
            assert all(now >= before for now, before in zip(outcome.seats, previous, strict=True))
        previous = outcome.seats


@settings(max_examples=150, deadline=None)
@given(
    votes=st.lists(st.integers(min_value=0, max_value=5_000), min_size=1, max_size=12).filter(any),
    seats=st.integers(min_value=1, max_value=400),
    minimum=st.integers(min_value=0, max_value=3),
    rule_key=st.sampled_from(sorted(DIVISOR_RULES)),
)
def test_jumping_over_early_seats_changes_nothing(votes, seats, minimum, rule_key):
    """The fast path (no seat-by-seat record) gives the same seats and the same tie."""
    rule = DIVISOR_RULES[rule_key]
    if minimum * len(votes) > seats:
        minimum = 0
    start = [minimum] * len(votes)
    slow = allocate_by_divisors(votes=votes, seats=seats, rule=rule, start=start)
    fast = allocate_by_divisors(
        votes=votes, seats=seats, rule=rule, start=start, record_awards=False
    )
    assert fast.seats == slow.seats
    assert fast.tie == slow.tie
    assert fast.awards == () and len(slow.awards) == sum(slow.seats) - sum(start)


@pytest.mark.parametrize("rule_key", sorted(DIVISOR_RULES))
def test_jump_start_on_a_house_full_of_ties(rule_key):
    # Equal votes everywhere: every level is a many-way tie, the worst case for the jump.
    rule = DIVISOR_RULES[rule_key]
    for seats in (7, 40, 41, 399):
        slow = allocate_by_divisors(votes=[100] * 8, seats=seats, rule=rule)
        fast = allocate_by_divisors(votes=[100] * 8, seats=seats, rule=rule, record_awards=False)
        assert (fast.seats, fast.tie) == (slow.seats, slow.tie)


def test_us_house_2020_on_the_fast_path():
    rows = _house_rows()
    outcome = allocate_by_divisors(
        votes=[int(row["apportionment_population"]) for row in rows],
        seats=435,
        rule=DIVISOR_RULES["huntington-hill"],
        start=[1] * 50,
        record_awards=False,
    )
    assert list(outcome.seats) == [int(row["huntington_hill_435"]) for row in rows]


def _oracle(votes, seats, rule, start):
    """The textbook definition, written as plainly as possible: list every quotient as an exact
    Fraction (squared for Huntington–Hill; infinity as a flag), sort, and cut after the seats."""
    claims = []
    for unit, v in enumerate(votes):
        if v == 0:
            continue
        for held in range(start[unit], seats + 1):
            numerator, denominator = rule.next_quotient(v, held)
            value = (1, 0) if denominator == 0 else (0, Fraction(numerator, denominator))
            claims.append((value, unit))
    claims.sort(key=lambda claim: claim[0], reverse=True)
    remaining = seats - sum(start)
    result = list(start)
    if remaining == 0:
        return tuple(result), None
    boundary = claims[remaining - 1][0]
    above = [unit for value, unit in claims if value > boundary]
    level = sorted(unit for value, unit in claims if value == boundary)
    for unit in above:
        result[unit] += 1
    if len(above) + len(level) == remaining:
        for unit in level:
            result[unit] += 1
        return tuple(result), None
    return tuple(result), (remaining - len(above), tuple(level))


@settings(max_examples=200, deadline=None)
@given(
    votes=st.lists(
        st.sampled_from([0, 1, 2, 3, 5, 6, 7, 10, 12, 14, 20, 60, 100, 1_000_003]),
        min_size=1,
        max_size=6,
    ).filter(any),
    seats=st.integers(min_value=1, max_value=30),
    minimum=st.integers(min_value=0, max_value=2),
    rule_key=st.sampled_from(sorted(DIVISOR_RULES)),
)
def test_agrees_with_the_plain_definition_ties_included(votes, seats, minimum, rule_key):
    """Small, tie-prone vote counts: the fast count must find exactly the oracle's ties."""
    if minimum * len(votes) > seats:
        minimum = 0
    start = [minimum] * len(votes)
    rule = DIVISOR_RULES[rule_key]
    expected_seats, expected_tie = _oracle(votes, seats, rule, start)
    for record in (True, False):
        outcome = allocate_by_divisors(
            votes=votes, seats=seats, rule=rule, start=start, record_awards=record
        )
        assert outcome.seats == expected_seats
        got_tie = None if outcome.tie is None else (outcome.tie.seats, outcome.tie.units)
        assert got_tie == expected_tie
