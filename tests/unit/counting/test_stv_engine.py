"""Hand-checked STV behaviour: transfer values, truncation, quotas, weights, withdrawals, ties."""

from __future__ import annotations

from fractions import Fraction

import pytest

from orgkit.elections.counting.ballots import Ballot, Election, election_from_rankings
from orgkit.elections.counting.stv import count_stv

FOOD = election_from_rankings(
    ["Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers"],
    3,
    [
        (4, ["Oranges"]),
        (2, ["Pears", "Oranges"]),
        (8, ["Chocolate", "Strawberries"]),
        (4, ["Chocolate", "Hamburgers"]),
        (1, ["Strawberries"]),
        (1, ["Hamburgers"]),
    ],
)


def test_scottish_worked_example_stage_by_stage():
    r = count_stv(FOOD, rule="scottish")
    assert [st.action for st in r.stages] == [
        "first preferences",
        "surplus",
        "exclusion",
        "exclusion",
    ]
    assert r.stage_votes(2) == {
        "Oranges": "4.00000",
        "Pears": "2.00000",
        "Chocolate": "6.00000",
        "Strawberries": "5.00000",
        "Hamburgers": "3.00000",
    }  # surplus 6 of 12: every paper worth 6/12 = 0.5
    assert r.stages[2].elected == ("Oranges",)  # exactly the quota: no surplus, no stage for it
    assert r.stages[3].excluded == ("Hamburgers",) and r.stages[3].elected == ("Strawberries",)
    assert r.fmt(r.stages[3].non_transferable) == "3.00000"
    assert r.excluded == ("Pears", "Hamburgers") and r.not_elected == ()


def test_transfer_value_is_truncated_to_five_decimals():
    # 7 papers for A (quota 5: 13 valid votes, 1 seat... use 2 seats: floor(13/3)+1 = 5)
    e = election_from_rankings(["A", "B", "C"], 2, [(7, ["A", "B"]), (3, ["B"]), (3, ["C"])])
    r = count_stv(e, rule="scottish")
    # surplus 2 of 7: value per paper 2/7 = 0.285714... -> 0.28571; 7 papers -> 1.99997
    assert r.stage_votes(2)["B"] == "4.99997"
    assert r.fmt(r.stages[1].rounding) == "0.00003"
    assert r.fmt(r.stages[1].non_transferable) == "0.00003"
    assert sum(r.stages[1].votes) + r.stages[1].non_transferable == r.total_votes


def test_later_surplus_uses_value_when_received():
    # 3 seats, quota floor(20/4)+1 = 6. A's surplus 4/10 makes every A>B paper worth 0.4; B then
    # has 9 and a surplus of 3, transferred from *all* B's papers at value x 3/9 (rule 48(3)).
    e = election_from_rankings(
        ["A", "B", "C", "D"],
        3,
        [(10, ["A", "B", "C"]), (5, ["B", "D"]), (2, ["C"]), (3, ["D"])],
    )
    r = count_stv(e, rule="scottish")
    assert r.stage_votes(2)["B"] == "9.00000"
    assert r.stages[1].elected == ("B",)
    # B's own 5 papers: 1 x 3/9 -> 0.33333 each, D +1.66665
    # the 10 papers from A: 0.4 x 3/9 -> 0.13333 each, C +1.33330
    assert r.stage_votes(3) == {"A": "6.00000", "B": "6.00000", "C": "3.33330", "D": "4.66665"}
    assert r.fmt(r.stages[2].rounding) == "0.00005"


def test_integer_vs_exact_quota_and_hare():
    r = count_stv(FOOD, rule="wigm")
    assert r.fmt(r.stages[0].quota) == "5.000000000" and "exact" in r.quota_rule
    r = count_stv(FOOD, rule="wigm", integer_quota=True)
    assert r.fmt(r.stages[0].quota) == "6.000000000"
    r = count_stv(FOOD, rule="wigm", quota="hare")
    assert r.fmt(r.stages[0].quota) == "6.666666667"  # 20/3 rounded up at 9 dp, reached with >=
    assert set(r.elected) == {"Chocolate", "Oranges", "Strawberries"}
    with pytest.raises(ValueError):
        count_stv(FOOD, rule="scottish", quota="hare")
    with pytest.raises(ValueError):
        count_stv(FOOD, rule="nope")


@pytest.mark.parametrize("rule", ["wigm", "meek"])
def test_weighted_ballots_scale_exactly_under_the_exact_quota(rule):
    weighted = election_from_rankings(
        ["A", "B", "C"], 1, [(Fraction(5, 2), ["A"]), (2, ["B", "A"]), (Fraction(3, 2), ["C", "B"])]
    )
    doubled = election_from_rankings(
        ["A", "B", "C"], 1, [(5, ["A"]), (4, ["B", "A"]), (3, ["C", "B"])]
    )
    a, b = count_stv(weighted, rule=rule), count_stv(doubled, rule=rule)
    assert a.elected == b.elected
    # every figure halves (up to truncation at the last decimal); the whole-number Scottish
    # quota does not scale, which is why this property is checked for the exact quota only
    for sa, sb in zip(a.stages, b.stages, strict=True):
        assert all(abs(2 * x - y) <= 2 for x, y in zip(sa.votes, sb.votes, strict=True))


def test_weight_with_too_many_decimals_is_a_clear_error():
    from orgkit.elections.counting.ballots import BallotFormatError

    e = Election(candidates=("A", "B"), seats=1, ballots=(Ballot(Fraction(1, 3), (0,)),))
    with pytest.raises(BallotFormatError, match="needs more than 5 decimal places"):
        count_stv(e, rule="scottish")


@pytest.mark.parametrize("rule", ["scottish", "wigm", "meek"])
def test_withdrawn_is_as_if_never_nominated(rule):
    with_c = count_stv(FOOD, rule=rule, withdrawn=frozenset({FOOD.index_of("Chocolate")}))
    without = election_from_rankings(
        ["Oranges", "Pears", "Strawberries", "Hamburgers"],
        3,
        [
            (4, ["Oranges"]),
            (2, ["Pears", "Oranges"]),
            (8, ["Strawberries"]),
            (4, ["Hamburgers"]),
            (1, ["Strawberries"]),
            (1, ["Hamburgers"]),
        ],
    )
    assert with_c.elected == count_stv(without, rule=rule).elected
    assert with_c.withdrawn == ("Chocolate",)
    assert all(st.votes[FOOD.index_of("Chocolate")] == 0 for st in with_c.stages)
    assert with_c.stages[-1].status[FOOD.index_of("Chocolate")] == "withdrawn"


def test_more_seats_than_candidates_elects_everyone_without_stages():
    for rule in ("scottish", "meek"):
        r = count_stv(FOOD, rule=rule, seats=7)
        assert set(r.elected) == set(FOOD.candidates)
        assert len(r.stages) == 1


def test_no_ballots_at_all_is_settled_by_lot():
    e = Election(candidates=("A", "B", "C"), seats=1, ballots=())
    r = count_stv(e, rule="scottish", seed="x")
    assert len(r.elected) == 1
    assert all(t.method == "lot" for t in r.ties)


def test_lot_is_reproducible_and_depends_on_seed():
    e = election_from_rankings(
        ["A", "B", "C", "D"], 1, [(3, ["A"]), (3, ["B"]), (3, ["C"]), (3, ["D"])]
    )
    winners = {count_stv(e, rule="scottish", seed=f"seed-{i}").elected for i in range(20)}
    assert len(winners) > 1  # different seeds draw differently
    assert count_stv(e, rule="scottish", seed="k") == count_stv(e, rule="scottish", seed="k")


def test_meek_keep_factors_and_quota_recorded():
    r = count_stv(FOOD, rule="meek")
    choc = FOOD.index_of("Chocolate")
    st = r.stages[2]  # after Chocolate's election the keep factor settles at 5/12
    assert st.keep_factors is not None
    assert abs(st.keep_factors[choc] - (10**12 * 5) // 12) <= 10
    data = r.to_dict()
    assert data["stages"][2]["keep_factors"]["Chocolate"].startswith("0.41666")
    assert (
        data["precision"] == 9 and len(data["stages"][0]["votes"]["Oranges"].partition(".")[2]) == 9
    )


def test_text_table_lists_every_stage_and_lots():
    r = count_stv(
        election_from_rankings(["A", "B"], 1, [(1, ["A"]), (1, ["B"])]), rule="scottish", seed="abc"
    )
    text = r.to_text()
    assert "Seed for lots: abc" in text and "by lot" in text and "Stage 2" in text


def test_surplus_order_never_contradicts_order_of_election():
    e = election_from_rankings(
        ["A", "B", "C", "D", "E"],
        3,
        [(5, ["A", "C"]), (5, ["B", "D"]), (1, ["C"]), (1, ["D"]), (1, ["E"])],
    )
    firsts = set()
    for i in range(12):
        r = count_stv(e, rule="scottish", seed=f"k{i}")
        assert r.stages[1].action == "surplus"
        assert r.stages[1].subject[0] == r.elected[0]  # the first elected goes first
        firsts.add(r.elected[0])
        methods = [t.method for t in r.ties]
        assert methods[:2] == ["lot", "order of election"]
    assert firsts == {"A", "B"}
