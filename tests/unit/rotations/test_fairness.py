from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgkit.rotations.engine import (
    ExistingTurn,
    PastTurn,
    TurnOutcome,
    balance_score,
    fairness_report,
    plan_rotation,
)

from .builders import inputs, week


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((), Fraction(1)),
        ((5,), Fraction(1)),
        ((0, 0, 0), Fraction(1)),
        ((2, 2, 2), Fraction(1)),
        ((2, 1), Fraction(1)),  # as even as 3 turns among 2 allow
        ((1, 0, 0), Fraction(1)),  # one turn: every split is the same
        ((3, 0), Fraction(0)),
        ((4, 0, 0, 0), Fraction(0)),
        # 4 turns, 4 members: D = 1+0+0+1 = 2, D_max = 6, D_min = 0 → 4/6.
        ((2, 1, 1, 0), Fraction(2, 3)),
        # 5 turns, 2 members: D = 3, D_max = 5, D_min = 1 → 1/2.
        ((4, 1), Fraction(1, 2)),
    ],
)
def test_balance_score(counts, expected):
    assert balance_score(counts) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=12))
def test_balance_score_is_between_0_and_1_and_order_free(counts):
    score = balance_score(counts)
    assert 0 <= score <= 1
    assert balance_score(sorted(counts)) == score


def test_report_counts_credits_open_turns_and_overload():
    turns = [
        PastTurn(week(0), "ana"),
        PastTurn(week(1), "ana", TurnOutcome.SKIPPED),  # nobody credited
        PastTurn(week(2), "bo", TurnOutcome.COVERED, covered_for="ana"),
        ExistingTurn(week(3), "ana"),
        ExistingTurn(week(4), "ana"),
        ExistingTurn(week(5), "ana"),
        ExistingTurn(week(6), None),
        ExistingTurn(week(7), "gone"),
        ExistingTurn(week(20), "bo"),  # outside the period
    ]
    report = fairness_report(turns, start=week(0), end=week(20), pool=["ana", "bo", "cy"])
    assert [(t.member_id, t.turns) for t in report.members] == [
        ("ana", 4),
        ("bo", 1),
        ("cy", 0),
        ("gone", 1),
    ]
    assert report.filled_turns == 6
    assert report.open_turns == 2
    assert report.never_served == ("cy",)
    assert report.mean == Fraction(3, 2)
    assert report.overloaded == ("ana",)  # 4 > 1.5 + 1
    assert report.turns_of("bo") == 1 and report.turns_of("nobody") == 0
    # D = 2.5 + 0.5 + 1.5 + 0.5 = 5, D_max = 2·6·3/4 = 9, D_min = 2 → (9 − 5)/(9 − 2).
    assert report.balance == Fraction(4, 7)
    assert report.balance_rounded() == Decimal("0.57")


def test_report_on_an_even_plan():
    result = plan_rotation(inputs("ana bo cy", turns=9))
    report = fairness_report(
        result.turns, start=date(2026, 1, 1), end=date(2027, 1, 1), pool=["ana", "bo", "cy"]
    )
    assert report.balance == 1
    assert report.overloaded == () and report.never_served == ()
    assert report.balance_rounded(1) == Decimal("1.0")


def test_report_period_is_half_open_and_must_not_be_reversed():
    turns = [ExistingTurn(week(0), "ana"), ExistingTurn(week(1), "bo")]
    report = fairness_report(turns, start=week(0), end=week(1))
    assert [t.member_id for t in report.members] == ["ana"]
    with pytest.raises(ValueError):
        fairness_report(turns, start=week(1), end=week(0))
