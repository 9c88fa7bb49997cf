"""Rounds against the reference counter (Droop 0.14): Glasgow 2007 and Droop's test profiles.

Droop breaks a tie that no earlier stage settles by the order of names in the file; we draw a
lot from a recorded seed. Where a profile has such a tie, the test passes a seed whose lot
happens to agree with Droop's choice (found once by trying seeds) -- which also shows that a
recorded seed reproduces a count exactly.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from orgkit.elections.counting.blt import read_blt
from orgkit.elections.counting.stv import count_stv

from .conftest import GOLDEN_STV, dedup, droop_first_elected_round, droop_rounds, stage_decimals

GLASGOW = GOLDEN_STV / "glasgow-2007"
SUITE = GOLDEN_STV / "droop-testsuite"

GLASGOW_WINNERS = {
    "Anderston-City": {"Craig MacKay", "Philip Braat", "Nina Baker", "Gordon Matheson"},
    "Baillieston": {"John Mason", "Jim Coleman", "Douglas Hay", "David McDonald"},
    "Calton": {"George Redmond", "Alison E Thewliss", "Ruth Simpson"},
    "Canal": {"Billy McAllister", "Ellen Hurcombe", "Jim MacKechnie", "Kieran Wild"},
    "Craigton": {"Iris Gibson", "Alistair Watson", "Ruth Black", "Matthew John Kerr"},
    "Drumchapel-Anniesland": {"Paul Carey", "Bill Kidd", "Steven Purcell", "Jonathan Findlay"},
    "East-Centre": {"Jennifer Dunn", "Patricia Chalmers", "Frank Docherty", "Elaine McDougall"},
    "Garscadden-Scotsounhill": {"Liz Cameron", "Graeme Hendry", "Paul Rooney", "Jean McFadden"},
    "Govan": {"Allison Hunter", "Shaukat Butt", "Stephen Dornan", "John Flanagan"},
    "Greater-Pollock": {"Patricia Duffy", "Alex Glass", "Tommy Morrison", "William O'Rourke"},
    "Hillhead": {"George A Roberts", "Martha Ferguson Wardrop", "Kenneth Elder", "Hanzala Malik"},
    "Langside": {"James Dornan", "Archie Graham", "Paul Coleshill"},
    "Linn": {"David Ritchie", "Sadie Docherty", "Margot Clark", "John McKenzie"},
    "Maryhill-Kelvin": {"Alex Dingwall", "Robert Winter", "Mary Paris", "Mohammed Razaq"},
    "Newlands-Auldburn": {"Colin Deans", "Stephen Curran", "Jim McNally"},
    "North-East": {"Gilbert Davidson", "Grant R Thoms", "Gerald Leonard", "Catherine McMaster"},
    "Partick-West": {"Kenny McLean", "Christopher Mason", "Stuart Clay", "Aileen Colleran"},
    "Pollokshields": {"Irfan Rabbani", "Khalil Malik", "David Meikle"},
    "Shettleston": {"John F McLaughlin", "Tom McKeown", "Euan McLeod", "George Ryan"},
    "Southside-Central": {
        "Jahangir Hanif",
        "Anne Marie Millar",
        "James Scanlon",
        "Danny Alderslowe",
    },
    "Springburn": {"Allan Stewart", "James Todd", "Phil Greene"},
}


def assert_rounds(result, election, ref, places: int) -> None:
    tol = Decimal(1).scaleb(-places)
    assert len(result.stages) == len(ref)
    for stage, (rnd, _action, votes) in zip(result.stages, ref, strict=True):
        ours = stage_decimals(result, stage)
        for i, name in enumerate(election.candidates):
            assert abs(ours[i] - votes[name]) <= tol, (
                f"round {rnd} {name}: {ours[i]} vs {votes[name]}"
            )


def test_all_21_glasgow_wards_present():
    assert len(list(GLASGOW.glob("*.blt"))) == 21 == len(GLASGOW_WINNERS)


@pytest.mark.parametrize("ward", sorted(GLASGOW_WINNERS))
def test_glasgow_2007_rounds_and_winners(ward):
    election = read_blt(GLASGOW / f"{ward}-2007.blt")
    result = count_stv(election, rule="scottish")
    assert set(result.elected) == GLASGOW_WINNERS[ward]
    dump = GLASGOW / f"{ward}-2007.droop-scotland-rounds.tsv"
    assert_rounds(result, election, droop_rounds(dump), places=5)  # 1e-5: i.e. exact at 5 dp
    # each winner is declared at the same stage (Droop round r = our stage r + 1); the order
    # of names within one stage is not meaningful
    declared = {name: st.number for st in result.stages for name in st.elected}
    expected = {
        n: (r + 1 if r is not None else len(result.stages))
        for n, r in droop_first_elected_round(dump).items()
    }
    assert declared == expected


# profile, reference dump, our rule, decimals that must agree, seed, expected winners (in order)
CASES = [
    (
        "SC",
        "meek-o9-guarded-p18-g9-d18",
        "meek",
        6,
        "",
        ["Rebecca Rotzler", "Pat LaMarche", "Steve Kramer", "Kristen Olsen"],
    ),
    ("SC-Vm-12", "meek-o9-guarded-p18-g9-d18", "meek", 6, "", ["A", "B", "X"]),
    (
        "M135",
        "meek-o9-guarded-p18-g9-d18",
        "meek",
        6,
        "s3",
        ["C1", "C2", "C6", "C3", "C4", "C9", "C10"],
    ),
    ("42", "meek-o9-guarded-p18-g9-d18", "meek", 6, "", ["Castor", "Helen"]),
    (
        "SC",
        "wigm-guarded-p18-g9-d18",
        "wigm",
        6,
        "",
        ["Rebecca Rotzler", "Pat LaMarche", "Steve Kramer", "Tom Sevigny"],
    ),
    # A and B tie at 1001 throughout: the lot (seed s3) elects A first and so transfers A's
    # surplus first, as Droop does (Droop lists B first but still transfers A first).
    ("SC-Vm-12", "wigm-guarded-p18-g9-d18", "wigm", 6, "s3", ["A", "B", "X"]),
    ("M135", "wigm-guarded-p18-g9-d18", "wigm", 6, "", ["C1", "C2", "C6", "C3", "C4", "C9", "C10"]),
    ("42", "wigm-guarded-p18-g9-d18", "wigm", 6, "", ["Castor", "Helen"]),
    (
        "SC",
        "scotland-fixed-p5-d5",
        "scottish",
        5,
        "",
        ["Rebecca Rotzler", "Pat LaMarche", "Steve Kramer", "Tom Sevigny"],
    ),
    (
        "M135",
        "scotland-fixed-p5-d5",
        "scottish",
        5,
        "",
        ["C1", "C2", "C6", "C3", "C4", "C9", "C10"],
    ),
    ("42", "scotland-fixed-p5-d5", "scottish", 5, "", ["Castor", "Helen"]),
    ("weak-defeat", "scotland-fixed-p5-d5", "scottish", 5, "", ["E", "D"]),
]


@pytest.mark.parametrize(("profile", "dump", "rule", "places", "seed", "winners"), CASES)
def test_reference_rounds(profile, dump, rule, places, seed, winners):
    election = read_blt(SUITE / f"{profile}.blt")
    result = count_stv(election, rule=rule, seed=seed)
    assert list(result.elected) == winners
    assert_rounds(result, election, droop_rounds(SUITE / f"{profile}.{dump}.rounds.tsv"), places)


@pytest.mark.parametrize(
    ("profile", "seed", "winners"),
    [("SC-Vm-12", "s6", {"A", "B", "Z"}), ("weak-surplus", "s1", {"A", "B", "C", "D"})],
)
def test_scottish_zero_surplus_profiles(profile, seed, winners):
    """A candidate exactly at the quota has no surplus (rule 48: "exceeds"), so we make no
    stage for it; Droop records an empty transfer round. Compare with such rounds removed."""
    election = read_blt(SUITE / f"{profile}.blt")
    result = count_stv(election, rule="scottish", seed=seed)
    assert set(result.elected) == winners
    ref = dedup(
        [
            tuple(v[n] for n in election.candidates)
            for _r, _a, v in droop_rounds(SUITE / f"{profile}.scotland-fixed-p5-d5.rounds.tsv")
        ]
    )
    ours = dedup([stage_decimals(result, st) for st in result.stages])
    assert ours == ref


def test_meek_and_wigm_elect_different_people():
    """The two classic discriminators: Green Party SC 2005 (Olsen vs Sevigny) and Voting matters
    12 (Meek elects X; Scottish 5-dp truncation elects Z)."""
    sc = read_blt(SUITE / "SC.blt")
    assert "Kristen Olsen" in count_stv(sc, rule="meek").elected
    assert "Tom Sevigny" in count_stv(sc, rule="wigm").elected
    assert "Tom Sevigny" in count_stv(sc, rule="scottish").elected
    vm = read_blt(SUITE / "SC-Vm-12.blt")
    assert "X" in count_stv(vm, rule="meek").elected
    assert "Z" in count_stv(vm, rule="scottish", seed="s6").elected


def test_weak_defeat_tie_settled_by_earlier_stage():
    result = count_stv(read_blt(SUITE / "weak-defeat.blt"), rule="scottish")
    (tie,) = result.ties
    assert (tie.stage, tie.purpose, set(tie.tied), tie.method, tie.chosen, tie.detail) == (
        3,
        "exclusion",
        {"B", "C"},
        "earlier stage",
        "B",
        "stage 1",
    )


def test_weak_surplus_tie_drawn_by_lot_and_recorded():
    result = count_stv(read_blt(SUITE / "weak-surplus.blt"), rule="scottish", seed="s1")
    lots = [t for t in result.ties if t.method == "lot"]
    assert lots and all("s1" in t.detail for t in lots)
    assert result.seed == "s1"
    # the same seed gives the same count, a different one may draw differently but is recorded
    assert count_stv(read_blt(SUITE / "weak-surplus.blt"), rule="scottish", seed="s1") == result


def test_equal_rankings_rejected_clearly():
    from orgkit.elections.counting.blt import BallotFormatError

    for name in ("eq1", "eq2"):
        with pytest.raises(
            BallotFormatError, match=r"line \d+: equal rankings \(.*=.*\) are not supported"
        ):
            read_blt(SUITE / f"{name}.blt")
