"""Integer fixed-point helpers: exact conversion, explicit truncation, formatting."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgkit.elections.counting.fixedpoint import (
    div_ceil,
    div_floor,
    format_fixed,
    parse_fixed,
    to_fixed,
)


def test_to_fixed_exact_and_truncating():
    assert to_fixed(3, 5) == 300000
    assert to_fixed("1.25", 2) == 125
    assert to_fixed(Decimal("0.1"), 1) == 1
    with pytest.raises(ValueError):
        to_fixed(Fraction(1, 3), 5)
    assert to_fixed(Fraction(1, 3), 5, exact=False) == 33333
    with pytest.raises(ValueError):
        to_fixed("abc", 2)


def test_format_truncates_never_rounds():
    assert format_fixed(123456789, 5) == "1234.56789"
    assert format_fixed(123456789, 5, 2) == "1234.56"
    assert format_fixed(5, 0) == "5"
    assert format_fixed(5, 0, 2) == "5.00"
    assert format_fixed(-150, 2) == "-1.50"
    assert format_fixed(7, 5) == "0.00007"


def test_division():
    assert div_floor(7, 2) == 3
    assert div_ceil(7, 2) == 4
    assert div_ceil(8, 2) == 4


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=12))
def test_parse_format_round_trip(value, places):
    assert parse_fixed(format_fixed(value, places), places) == value
