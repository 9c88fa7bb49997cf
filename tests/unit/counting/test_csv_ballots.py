"""CSV ranked ballots: one ballot per row, names in preference order, optional weight column."""

from __future__ import annotations

import pytest

from orgkit.elections.counting.ballots import Ballot, BallotFormatError
from orgkit.elections.counting.blt import read_blt
from orgkit.elections.counting.csvballots import parse_csv, write_csv
from orgkit.elections.counting.stv import count_stv

from .conftest import GOLDEN_STV


def test_plain_rows():
    e = parse_csv("Ann,Bob\nBob\nAnn,Bob,\n\nCy,Ann\n", seats=2)
    assert e.candidates == ("Ann", "Bob", "Cy")
    assert e.ballots == (Ballot(2, (0, 1)), Ballot(1, (1,)), Ballot(1, (2, 0)))


def test_weight_column():
    e = parse_csv("weight,r1,r2\n2.5,Ann,Bob\n3,Bob\n", seats=1, candidates=["Ann", "Bob", "Cy"])
    assert e.candidates == ("Ann", "Bob", "Cy")
    assert [b.weight for b in e.ballots] == [2.5, 3]


def test_round_trip_with_and_without_weights():
    e = read_blt(GOLDEN_STV / "wikipedia-food-election.blt")
    again = parse_csv(write_csv(e), seats=e.seats, candidates=e.candidates)
    assert again.ballots == e.ballots
    again = parse_csv(write_csv(e, weights=False), seats=e.seats, candidates=e.candidates)
    assert again.ballots == e.ballots
    assert count_stv(again, rule="scottish").elected == count_stv(e, rule="scottish").elected


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        ("Ann,Ann\n", {}, "line 1: candidate 'Ann' is ranked twice"),
        ("Ann\nAnn=Bob\n", {}, "line 2: equal rankings (Ann=Bob) are not supported"),
        ("Ann\nZed\n", {"candidates": ["Ann"]}, "line 2: unknown candidate 'Zed'"),
        ("weight,r1\nabc,Ann\n", {}, "line 2: ballot weight 'abc' is not a number"),
        ("", {}, "no candidates found"),
    ],
)
def test_errors(text, kwargs, message):
    with pytest.raises(BallotFormatError) as info:
        parse_csv(text, seats=1, **kwargs)
    assert message in str(info.value)
