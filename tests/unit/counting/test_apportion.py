"""The apportion() entry point: every method on the reference tables, ties, lots, thresholds,
minimum seats, and properties that must hold for any input."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgkit.elections.counting.apportion import METHODS, apportion, normalise_method
from orgkit.elections.counting.tiebreak import lot_order

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "apportionment"
TABLES = json.loads((GOLDEN / "textbook-tables.json").read_text(encoding="utf-8"))

# textbook-tables.json key → method
TABLE_METHODS = {
    "dhondt": "dhondt",
    "saintelague": "sainte-lague",
    "huntington_hill": "huntington-hill",
    "adams": "adams",
    "hare_lr": "hare",
    "votelib_dhondt": "dhondt",
    "votelib_saintelague": "sainte-lague",
    "votelib_hare": "hare",
    "votelib_droop": "droop",
}


def _cases():
    for table_name, table in TABLES.items():
        if "seats" not in table:
            continue
        for table_key, method in TABLE_METHODS.items():
            if table_key in table:
                yield pytest.param(table, method, table[table_key], id=f"{table_name}-{table_key}")


@pytest.mark.parametrize(("table", "method", "expected"), list(_cases()))
def test_every_method_in_the_textbook_tables(table, method, expected):
    result = apportion(
        votes=dict(zip(table["parties"], table["votes"], strict=True)),
        seats=table["seats"],
        method=method,
    )
    assert result.decided and result.ties == ()
    assert list(result.seats.values()) == expected


def test_every_table_entry_is_covered():
    known = set(TABLE_METHODS) | {
        "parties",
        "votes",
        "seats",
        "modified_saintelague",
        "block_vote_winner_takes_all",
    }
    for table_name, table in TABLES.items():
        if table_name == "alabama_paradox":
            continue
        assert set(table) <= known, table_name


def test_alabama_paradox_through_apportion():
    votes = dict(zip(*(TABLES["alabama_paradox"][k] for k in ("parties", "votes")), strict=True))
    assert apportion(votes=votes, seats=10, method="hamilton").seats == {"A": 4, "B": 4, "C": 2}
    assert apportion(votes=votes, seats=11, method="hare").seats == {"A": 5, "B": 5, "C": 1}


def textbook_seats(votes: dict[str, int], seats: int, method: str) -> dict[str, int]:
    """The definition, written out for two-party houses and nothing else: divisor methods
    give each seat to the highest votes ÷ divisor(seats held) (compared exactly, as
    fractions; Huntington–Hill through squares); largest remainder gives whole quotas, then
    the seats left to the largest remainders."""
    held = dict.fromkeys(votes, 0)
    if method in ("hare", "droop"):
        total = sum(votes.values())
        quota = Fraction(total, seats) if method == "hare" else Fraction(total // (seats + 1) + 1)
        held = {p: int(v // quota) for p, v in votes.items()}
        by_remainder = sorted(votes, key=lambda p: votes[p] - held[p] * quota, reverse=True)
        for party in by_remainder[: seats - sum(held.values())]:
            held[party] += 1
        return held
    divisor = {
        "dhondt": lambda k: Fraction(k + 1),
        "sainte-lague": lambda k: Fraction(2 * k + 1),
        "modified-sainte-lague": lambda k: Fraction(7, 5) if k == 0 else Fraction(2 * k + 1),
        "adams": lambda k: Fraction(k),
    }
    for _ in range(seats):
        if method == "huntington-hill":  # votes² ÷ k(k+1), a party with no seat first
            score = {
                p: (1, 0) if held[p] == 0 else (0, Fraction(v * v, held[p] * (held[p] + 1)))
                for p, v in votes.items()
            }
        else:
            score = {
                p: (1, 0)
                if divisor[method](held[p]) == 0
                else (0, Fraction(v) / divisor[method](held[p]))
                for p, v in votes.items()
            }
        held[max(votes, key=lambda p: score[p])] += 1
    return held


@pytest.mark.parametrize("seats", [3, 5, 7, 9, 11])
@pytest.mark.parametrize("method", METHODS)
def test_the_1922_minority_gets_seats_under_every_method(seats, method):
    votes = {"majority slate": 99, "minority slate": 84}
    result = apportion(votes=votes, seats=seats, method=method)
    assert result.seats == textbook_seats(votes, seats, method)
    # And each method's own column of the published table, where it has one.
    table = TABLES[f"minority_84_of_183_{seats}seats"]
    for key, table_method in TABLE_METHODS.items():
        if table_method == method and key in table:
            assert list(result.seats.values()) == table[key], key
    # The point of the history: every proportional method seats the 84; winner-take-all does not.
    assert result.seats["minority slate"] >= 1
    assert table["block_vote_winner_takes_all"] == [seats, 0]


def test_modified_sainte_lague_tie_is_reported_and_left_open_without_a_seed():
    table = TABLES["wiki_dhondt_8"]
    votes = dict(zip(table["parties"], table["votes"], strict=True))
    result = apportion(votes=votes, seats=8, method="modified-sainte-lague")
    assert not result.decided
    assert result.seats == {"A": 3, "B": 3, "C": 1, "D": 0}
    (tie,) = result.ties
    assert (tie.seats, tie.among, tie.open, tie.drawn) == (1, ("A", "D"), True, ())
    assert tie.level == "14285.7143"
    data = result.to_dict()
    assert data["decided"] is False
    assert data["ties"][0]["among"] == ["A", "D"] and data["ties"][0]["drawn_by_lot"] is None
    json.dumps(data)


def test_tie_is_drawn_by_lot_only_with_a_seed_and_the_draw_is_recorded():
    votes = {"A": 100000, "B": 80000, "C": 30000, "D": 20000}
    result = apportion(votes=votes, seats=8, method="modified-sainte-lague", seed="spring 1922")
    assert result.decided and result.seed == "spring 1922"
    (tie,) = result.ties
    expected = lot_order(seed="spring 1922", purpose=tie.lot_purpose, names=["A", "D"])[0]
    assert tie.drawn == (expected,)
    assert result.seats[expected] == {"A": 4, "D": 1}[expected]
    assert sum(result.seats.values()) == 8
    assert result.award_order[-1].unit == expected and result.award_order[-1].seat == 8
    # Re-running with the recorded seed reproduces the draw.
    again = apportion(votes=votes, seats=8, method="modified-sainte-lague", seed="spring 1922")
    assert again == result
    # Different seeds can give different winners; over a few seeds both appear.
    winners = {
        apportion(votes=votes, seats=8, method="modified-sainte-lague", seed=str(i)).ties[0].drawn
        for i in range(20)
    }
    assert winners == {("A",), ("D",)}


def test_us_house_2020_via_apportion_with_one_seat_minimum():
    with (GOLDEN / "us-house-2020.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    votes = {r["state"]: int(r["apportionment_population"]) for r in rows}
    result = apportion(votes=votes, seats=435, method="huntington-hill", min_seats=1)
    assert result.decided
    assert result.seats == {r["state"]: int(r["huntington_hill_435"]) for r in rows}
    # Hamilton at 435 (peer-computed column) for good measure.
    hamilton = apportion(votes=votes, seats=435, method="hare", min_seats=1)
    assert hamilton.seats == {r["state"]: int(r["hamilton_hare_lr_435"]) for r in rows}


def test_threshold_excludes_units_below_it_but_counts_their_votes_in_the_base():
    votes = {"A": 480, "B": 400, "C": 70, "D": 50}  # of 1000: C 7%, D 5%
    result = apportion(votes=votes, seats=10, method="sainte-lague", threshold_percent=Fraction(5))
    assert result.excluded_by_threshold == ()  # C has 7%, D exactly 5%: both pass
    six = apportion(votes=votes, seats=10, method="sainte-lague", threshold_percent=Fraction(6))
    assert six.excluded_by_threshold == ("D",) and six.seats["D"] == 0
    strict = apportion(
        votes=votes, seats=10, method="sainte-lague", threshold_percent=Fraction(71, 10)
    )
    assert strict.excluded_by_threshold == ("C", "D")
    assert strict.seats["C"] == strict.seats["D"] == 0
    assert sum(strict.seats.values()) == 10
    # Exactly at the threshold passes: D has exactly 5%.
    at = apportion(votes=votes, seats=10, method="dhondt", threshold_percent=Fraction(5))
    assert "D" not in at.excluded_by_threshold
    with pytest.raises(ValueError, match="threshold"):
        apportion(votes=votes, seats=10, method="dhondt", threshold_percent=Fraction(49))
    # Whole numbers and Decimals are exact too.
    assert apportion(votes=votes, seats=10, method="dhondt", threshold_percent=6).seats["D"] == 0
    decimal = apportion(votes=votes, seats=10, method="dhondt", threshold_percent=Decimal("7.1"))
    assert decimal.excluded_by_threshold == ("C", "D")
    assert decimal.threshold_percent == Fraction(71, 10)


def test_min_seats_for_largest_remainder_pins_and_reshares():
    votes = {"big": 9000, "mid": 900, "small": 100}
    plain = apportion(votes=votes, seats=10, method="hare")
    assert plain.seats == {"big": 9, "mid": 1, "small": 0}
    with_minimum = apportion(votes=votes, seats=10, method="hare", min_seats=1)
    assert with_minimum.seats == {"big": 8, "mid": 1, "small": 1}
    with pytest.raises(ValueError, match="minimum seats"):
        apportion(votes=votes, seats=5, method="hare", min_seats=2)


def test_zero_vote_units_get_only_their_minimum():
    votes = {"A": 10, "B": 0}
    assert apportion(votes=votes, seats=3, method="adams").seats == {"A": 3, "B": 0}
    assert apportion(votes=votes, seats=3, method="adams", min_seats=1).seats == {"A": 2, "B": 1}
    assert apportion(votes=votes, seats=3, method="droop", min_seats=1).seats == {"A": 2, "B": 1}


def test_aliases_and_unknown_methods():
    assert normalise_method("Jefferson") == "dhondt"
    assert normalise_method("webster") == "sainte-lague"
    assert normalise_method("Huntington_Hill") == "huntington-hill"
    with pytest.raises(ValueError, match="unknown method"):
        normalise_method("borda")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"votes": {}}, "no units"),
        ({"votes": {"A": -1}}, "negative"),
        ({"votes": {"A": 1.5}}, "whole number"),
        ({"votes": {" ": 3}}, "empty name"),
        ({"votes": {"A": 0, "B": 0}}, "no unit has any votes"),
        ({"seats": 0}, "positive"),
        ({"min_seats": -1}, "minimum"),
        ({"threshold_percent": Fraction(101)}, "between 0 and 100"),
        ({"threshold_percent": 5.0}, "exact number"),
    ],
)
def test_bad_input_raises_value_error(kwargs, message):
    arguments = {"votes": {"A": 3, "B": 2}, "seats": 2, "method": "dhondt", **kwargs}
    with pytest.raises(ValueError, match=message):
        apportion(**arguments)


def test_result_json_is_serialisable_with_quota_and_award_order():
    hare = apportion(votes={"A": 5, "B": 2}, seats=3, method="hare")
    assert hare.to_dict()["quota"] == "7/3"
    dhondt = apportion(votes={"A": 5, "B": 2}, seats=3, method="dhondt", min_seats=1)
    data = dhondt.to_dict()
    assert data["quota"] is None
    assert data["award_order"] == [{"seat": 3, "unit": "A", "quotient": "2.5000"}]
    json.dumps(data)


# --- properties ---------------------------------------------------------------------------

NAMES = st.lists(st.sampled_from("ABCDEFGHIJ"), min_size=1, max_size=8, unique=True)


@st.composite
def elections(draw):
    names = draw(NAMES)
    votes = {name: draw(st.integers(min_value=0, max_value=200_000)) for name in names}
    if sum(votes.values()) == 0:
        votes[names[0]] = 1
    return votes


@settings(max_examples=120, deadline=None)
@given(votes=elections(), seats=st.integers(1, 60), method=st.sampled_from(METHODS))
def test_seats_filled_equals_seats_unless_a_tie_is_reported(votes, seats, method):
    result = apportion(votes=votes, seats=seats, method=method)
    open_seats = sum(t.seats for t in result.ties if t.open)
    assert sum(result.seats.values()) + open_seats == seats
    assert result.decided == (open_seats == 0)
    seeded = apportion(votes=votes, seats=seats, method=method, seed="s")
    assert seeded.decided and sum(seeded.seats.values()) == seats


@settings(max_examples=120, deadline=None)
@given(data=st.data(), votes=elections(), seats=st.integers(1, 60), method=st.sampled_from(METHODS))
def test_input_order_never_changes_the_result(data, votes, seats, method):
    shuffled_names = data.draw(st.permutations(list(votes)))
    shuffled = {name: votes[name] for name in shuffled_names}
    first = apportion(votes=votes, seats=seats, method=method, seed="x")
    second = apportion(votes=shuffled, seats=seats, method=method, seed="x")
    assert first.seats == second.seats
    assert first.ties == second.ties
    unseeded = apportion(votes=shuffled, seats=seats, method=method)
    assert unseeded.ties == apportion(votes=votes, seats=seats, method=method).ties


@settings(max_examples=100, deadline=None)
@given(
    votes=elections(),
    seats=st.integers(1, 60),
    method=st.sampled_from(METHODS),
    threshold=st.fractions(min_value=0, max_value=40, max_denominator=10),
)
def test_threshold_removes_exactly_the_units_below_it(votes, seats, method, threshold):
    total = sum(votes.values())
    below = {n for n, v in votes.items() if Fraction(100 * v, total) < threshold}
    if below == set(votes):
        with pytest.raises(ValueError):
            apportion(votes=votes, seats=seats, method=method, threshold_percent=threshold)
        return
    result = apportion(
        votes=votes, seats=seats, method=method, threshold_percent=threshold, seed="t"
    )
    assert set(result.excluded_by_threshold) == below
    assert all(result.seats[name] == 0 for name in below)
    assert sum(result.seats.values()) == seats


@settings(max_examples=100, deadline=None)
@given(
    votes=elections(),
    seats=st.integers(1, 60),
    method=st.sampled_from(METHODS),
    min_seats=st.integers(0, 5),
)
def test_min_seats_respected(votes, seats, method, min_seats):
    if min_seats * len(votes) > seats:
        with pytest.raises(ValueError):
            apportion(votes=votes, seats=seats, method=method, min_seats=min_seats)
        return
    result = apportion(votes=votes, seats=seats, method=method, min_seats=min_seats)
    assert all(count >= min_seats for count in result.seats.values())
    open_seats = sum(t.seats for t in result.ties if t.open)
    assert sum(result.seats.values()) + open_seats == seats


def test_a_very_large_house_is_fast_and_leaves_out_the_seat_by_seat_record():
    votes = {f"unit {i}": 1_000 + 7 * i for i in range(40)}
    result = apportion(votes=votes, seats=2_000_000, method="huntington-hill", seed="x")
    assert sum(result.seats.values()) == 2_000_000
    assert result.to_dict()["award_order"] is None
