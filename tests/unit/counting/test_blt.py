"""The .blt reader and writer: round trips, options, and one-line errors naming the line."""

from __future__ import annotations

from fractions import Fraction

import pytest

from orgkit.elections.counting.ballots import Ballot, BallotFormatError, Election
from orgkit.elections.counting.blt import format_weight, parse_blt, read_blt, write_blt

from .conftest import GOLDEN_STV

BASIC = """# a comment before the header
4 2
-3
3 1 2 0   # three identical papers
1 2 1 4 0
2 4 0
1 1 2 0
0
"Ann"
"Bob \\"B\\" Smith"
"Cy"
"Dee"
"A test # with hash"
"""


def test_parse_basic_groups_and_merges():
    e = parse_blt(BASIC)
    assert e.candidates == ("Ann", 'Bob "B" Smith', "Cy", "Dee")
    assert e.seats == 2
    assert e.withdrawn == frozenset({2})
    assert e.title == "A test # with hash"
    assert e.ballots == (Ballot(4, (0, 1)), Ballot(1, (1, 0, 3)), Ballot(2, (3,)))


def test_round_trip():
    e = parse_blt(BASIC)
    assert parse_blt(write_blt(e)) == e


def test_round_trip_every_golden_file():
    for path in sorted(GOLDEN_STV.rglob("*.blt")):
        if path.stem in ("eq1", "eq2"):
            continue
        e = read_blt(path)
        assert parse_blt(write_blt(e)) == e, path


def test_fractional_weights_and_droop_options():
    text = '3 1\n[nick a b c]\n[withdrawn c]\n1.5 a b 0\n(id7) 2 b 0\n0\n"A"\n"B"\n"C"\n"T"\n'
    e = parse_blt(text)
    assert e.ballots == (Ballot(Fraction(3, 2), (0, 1)), Ballot(2, (1,)))
    assert e.withdrawn == frozenset({2})
    assert format_weight(Fraction(3, 2)) == "1.5"
    assert "1.5 1 2 0" in write_blt(e)


def test_unquoted_names_and_crlf():
    e = parse_blt("2 1\r\n1 1 0\r\n0\r\nAnn Smith\r\nBob\r\nWard 3\r\n")
    assert e.candidates == ("Ann Smith", "Bob")
    assert e.title == "Ward 3"


def test_variant_end_marker():
    e = parse_blt('2 1\n1 1 0\n0 # end of ballots\n"A"\n"B"\n"T"\n')
    assert e.ballots == (Ballot(1, (0,)),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("x y\n", "line 1: expected '<candidates> <seats>'"),
        ("3 0\n", "line 1: the number of seats must be at least 1"),
        ('2 1\n1 1 3 0\n0\n"A"\n"B"\n', "line 2: candidate number 3 out of range 1..2"),
        ('2 1\n1 1 1 0\n0\n"A"\n"B"\n', "line 2: candidate 1 is ranked twice"),
        (
            '3 1\n1 1 0\n1 2=3 0\n0\n"A"\n"B"\n"C"\n',
            "line 3: equal rankings (2=3) are not supported",
        ),
        ('2 1\n1 1 2\n0\n"A"\n"B"\n', "line 2: ballot line must be '<weight> <candidates...> 0'"),
        ('2 1\nx 1 0\n0\n"A"\n"B"\n', "line 2: ballot weight 'x' is not a number"),
        ('2 1\n-1 1 0\n0\n"A"\n"B"\n', "line 2: withdrawn line: '1' is not -<candidate number>"),
        ("2 1\n1 1 0\n", "no end-of-ballots line"),
        ('2 1\n1 1 0\n0\n"A"\n', "line 4: the header declares 2 candidates but 1 names follow"),
        ('2 1\n1 1 0\n0\n"A"\n"A"\n"T"\n', "line 5: duplicate candidate name 'A'"),
        ('2 1\n1 1 0\n0\n"A\n', "line 4: unterminated quoted name"),
        ('2 1\n1 1 - 2 0\n0\n"A"\n"B"\n', "line 2: skipped preference '-' is not supported"),
        ('2 1\n-5\n0\n"A"\n"B"\n', "line 2: withdrawn candidate 5 out of range 1..2"),
        ('2 1\n[foo]\n0\n"A"\n"B"\n', "line 2: unknown option [foo]"),
    ],
)
def test_errors_name_line_and_problem(text, message):
    with pytest.raises(BallotFormatError) as info:
        parse_blt(text)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_error_line_number_is_first_occurrence_even_after_grouping():
    lines = ["3 1"] + ["1 1 2 0"] * 500 + ["1 1 9 0"] + ["1 1 9 0"] * 3 + ["0", '"A"', '"B"', '"C"']
    with pytest.raises(BallotFormatError, match=r"line 502: candidate number 9"):
        parse_blt("\n".join(lines))


def test_read_blt_names_the_file(tmp_path):
    p = tmp_path / "bad.blt"
    p.write_bytes(b"\xff\xfe garbage")
    with pytest.raises(BallotFormatError, match=r"bad\.blt"):
        read_blt(p)
    with pytest.raises(BallotFormatError, match="cannot read file"):
        read_blt(tmp_path / "missing.blt")


def test_election_validation():
    with pytest.raises(BallotFormatError, match="duplicate candidate"):
        Election(candidates=("a", "a"), seats=1, ballots=())
    with pytest.raises(BallotFormatError, match="seats"):
        Election(candidates=("a",), seats=0, ballots=())
