"""Block vote and slate winner-take-all, and the comparison beside a proportional result."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgkit.elections.counting.winner_take_all import (
    WeightedRanking,
    block_vote,
    block_vote_totals,
    compare_slates,
    seats_per_slate,
    slate_first_preferences,
    slate_winner_take_all,
)

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "apportionment"
TABLES = json.loads((GOLDEN / "textbook-tables.json").read_text(encoding="utf-8"))


def metalworkers_1922(seats: int):
    """183 delegates: 99 rank the centre's slate, 84 the Workers' Opposition slate."""
    majority = [f"Centre {i}" for i in range(1, seats + 1)]
    minority = [f"Opposition {i}" for i in range(1, seats + 1)]
    candidates = majority + minority
    ballots = [
        (99, tuple(range(seats))),
        (84, tuple(range(seats, 2 * seats))),
    ]
    slate_of = {name: "centre" for name in majority} | {name: "opposition" for name in minority}
    return candidates, ballots, slate_of


@pytest.mark.parametrize("seats", [3, 5, 7, 9, 11])
def test_block_vote_gives_the_84_nothing(seats):
    candidates, ballots, slate_of = metalworkers_1922(seats)
    result = block_vote(candidates=candidates, ballots=ballots, seats=seats)
    assert result.decided
    per_slate = seats_per_slate(elected=result.elected, slate_of=slate_of)
    expected = TABLES[f"minority_84_of_183_{seats}seats"]["block_vote_winner_takes_all"]
    assert [per_slate["centre"], per_slate["opposition"]] == expected


def test_comparison_puts_proportional_seats_beside_winner_take_all():
    candidates, ballots, slate_of = metalworkers_1922(5)
    # What STV would elect here: 3 centre, 2 opposition.
    stv_elected = ["Centre 1", "Opposition 1", "Centre 2", "Opposition 2", "Centre 3"]
    comparison = compare_slates(
        candidates=candidates,
        ballots=ballots,
        seats=5,
        slate_of=slate_of,
        proportional_elected=stv_elected,
    )
    assert comparison.slate_votes == {"centre": 99, "opposition": 84}
    rows = {row.system: row for row in comparison.rows}
    assert rows["proportional (STV)"].seats == {"centre": 3, "opposition": 2}
    assert rows["block vote"].seats == {"centre": 5, "opposition": 0}
    assert rows["slate winner-take-all"].seats == {"centre": 5, "opposition": 0}
    # 84/183 = 45.9016…% of the votes, 0% of the seats under winner-take-all.
    assert rows["block vote"].gallagher == Decimal("45.9016")
    assert rows["block vote"].loosemore_hanby == Fraction(8400, 183)
    assert rows["proportional (STV)"].gallagher < Decimal(6)
    json.dumps(comparison.to_dict())


def test_only_the_top_n_preferences_count_and_weights_multiply():
    candidates = ["A", "B", "C", "D"]
    ballots = [WeightedRanking(3, (0, 1, 2, 3)), (2, (3, 2)), (1, [2])]
    totals = block_vote_totals(candidates=candidates, ballots=ballots, seats=2)
    assert totals == {"A": 3, "B": 3, "C": 3, "D": 2}


def test_withdrawn_candidates_are_skipped_and_cannot_win():
    candidates = ["A", "B", "C"]
    ballots = [(5, (0, 1, 2)), (2, (2,))]
    totals = block_vote_totals(
        candidates=candidates, ballots=ballots, seats=2, withdrawn=frozenset({0})
    )
    assert totals == {"B": 5, "C": 7}
    result = block_vote(candidates=candidates, ballots=ballots, seats=2, withdrawn=frozenset({0}))
    assert result.elected == ("C", "B")


def test_a_repeated_candidate_counts_once():
    totals = block_vote_totals(candidates=["A", "B", "C"], ballots=[(1, (0, 0, 1, 2))], seats=2)
    assert totals == {"A": 1, "B": 1, "C": 0}


def test_objects_with_weight_and_ranking_are_accepted():
    class Paper:
        def __init__(self, weight, ranking):
            self.weight, self.ranking = weight, ranking

    result = block_vote(candidates=["A", "B"], ballots=[Paper(Fraction(3, 2), (1,))], seats=1)
    assert result.elected == ("B",) and result.totals["B"] == Fraction(3, 2)


def test_tie_for_the_last_seat_is_reported_then_drawn_with_a_seed():
    candidates = ["A", "B", "C"]
    ballots = [(5, (0,)), (3, (1,)), (3, (2,))]
    open_tie = block_vote(candidates=candidates, ballots=ballots, seats=2)
    assert not open_tie.decided
    assert open_tie.elected == ("A",)
    assert open_tie.ties[0].among == ("B", "C") and open_tie.ties[0].seats == 1
    drawn = block_vote(candidates=candidates, ballots=ballots, seats=2, seed="lot")
    assert drawn.decided and len(drawn.elected) == 2 and drawn.elected[0] == "A"
    assert drawn.elected[1] in {"B", "C"} and drawn.ties[0].drawn == (drawn.elected[1],)
    assert drawn.to_dict()["ties"][0]["drawn_by_lot"] == [drawn.elected[1]]


def test_bad_ballots_are_refused():
    with pytest.raises(ValueError, match="ballot 2: no candidate number 5"):
        block_vote_totals(candidates=["A"], ballots=[(1, (0,)), (1, (5,))], seats=1)
    with pytest.raises(ValueError, match="negative"):
        block_vote_totals(candidates=["A"], ballots=[(-1, (0,))], seats=1)
    with pytest.raises(ValueError, match="distinct"):
        block_vote(candidates=["A", "A"], ballots=[], seats=1)


def test_slate_winner_take_all_and_its_tie():
    result = slate_winner_take_all(slate_votes={"centre": 99, "opposition": 84}, seats=7)
    assert result.seats == {"centre": 7, "opposition": 0}
    level = slate_winner_take_all(slate_votes={"x": 5, "y": 5, "z": 1}, seats=3)
    assert level.winner is None and level.tied == ("x", "y")
    assert level.seats == {"x": 0, "y": 0, "z": 0}
    drawn = slate_winner_take_all(slate_votes={"x": 5, "y": 5, "z": 1}, seats=3, seed="s")
    assert drawn.drawn_by_lot and drawn.winner in {"x", "y"} and drawn.seats[drawn.winner] == 3


def test_slate_first_preferences_ignore_empty_ballots():
    totals = slate_first_preferences(
        candidates=["a1", "b1"],
        ballots=[(2, (0, 1)), (1, ()), (4, (1,))],
        slate_of={"a1": "A", "b1": "B"},
    )
    assert totals == {"A": 2, "B": 4}


@settings(max_examples=60, deadline=None)
@given(
    rankings=st.lists(
        st.tuples(st.integers(1, 50), st.permutations(range(6)).map(tuple), st.integers(1, 6)),
        min_size=1,
        max_size=25,
    ),
    seats=st.integers(1, 5),
)
def test_block_vote_fills_the_seats_or_reports_the_tie(rankings, seats):
    ballots = [(weight, ranking[:length]) for weight, ranking, length in rankings]
    result = block_vote(candidates=list("ABCDEF"), ballots=ballots, seats=seats)
    open_seats = sum(t.seats for t in result.ties if t.open)
    assert len(result.elected) + open_seats == seats
    assert sum(result.totals.values()) == sum(w * min(seats, len(r)) for w, r in ballots)
    # Nobody elected has fewer votes than anybody left out (tied candidates aside).
    tied = {name for tie in result.ties for name in tie.among}
    losers = [n for n in result.totals if n not in result.elected and n not in tied]
    if result.elected and losers:
        assert min(result.totals[n] for n in result.elected) >= max(
            result.totals[n] for n in losers
        )
