"""Hostile input to the counting engine and its command line (issue 8, item 6): every numeric
option is bounded (exit 2 with one line, never a hang), and a .blt file whose parts disagree
is refused with the line at fault instead of being counted wrongly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orgkit.elections.counting.__main__ import main
from orgkit.elections.counting.ballots import BallotFormatError
from orgkit.elections.counting.blt import parse_blt, read_blt

from .conftest import GOLDEN_STV

REPO = Path(__file__).resolve().parents[3]
WARD = GOLDEN_STV / "scotland-2017" / "dundee_2017_ward2.blt"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_huge_precision_is_refused_at_once_not_counted_for_hours():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "orgkit.elections.counting",
            "stv",
            str(WARD),
            "--rule",
            "meek",
            "--precision",
            "100000000",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=30,
    )
    assert proc.returncode == 2
    assert "--precision: must be from 1 to 30" in proc.stderr and proc.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--precision", "0"),
        ("--precision", "31"),
        ("--precision", "-1"),
        ("--precision", "1e9"),
        ("--omega", "0"),
        ("--omega", "100000000"),
        ("--omega", "99999999999999999999"),
        ("--seats", "0"),
        ("--seats", "10001"),
        ("--seats", "9" * 5000),
        ("--seats", "²"),
    ],
)
def test_stv_numeric_options_are_bounded(capsys, option, value):
    code, out, err = run(capsys, "stv", str(WARD), "--rule", "meek", option, value)
    assert code == 2 and out == ""
    assert f"argument {option}:" in err and err.count("\n") == 1 and "Traceback" not in err


def test_stv_options_inside_the_bounds_still_count(capsys):
    code, out, _ = run(
        capsys,
        "stv",
        str(WARD),
        "--rule",
        "meek",
        "--precision",
        "30",
        "--omega",
        "30",
        "--seats",
        "4",
        "--format",
        "json",
    )
    assert code == 0 and '"elected"' in out


@pytest.fixture
def votes_csv(tmp_path) -> Path:
    path = tmp_path / "votes.csv"
    path.write_text("A,100\nB,50\nC,25\n")
    return path


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--seats", "1000001"], "--seats must be a whole number from 1 to 1,000,000"),
        (["--seats", "9" * 5000], "--seats must be a whole number from 1 to 1,000,000"),
        (["--seats", "3", "--min-seats", "99999999999999999999"], "--min-seats must be"),
        (["--seats", "3", "--threshold", "0." + "0" * 5000 + "1"], "--threshold must be"),
    ],
)
def test_apportion_numeric_options_are_bounded(votes_csv, capsys, options, message):
    code, out, err = run(capsys, "apportion", str(votes_csv), "--method", "dhondt", *options)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "digits" not in err


# --- .blt consistency -------------------------------------------------------------------


def blt(candidates: int, names: int, *, title: bool = True, ballots: str = "1 1 2 0\n") -> str:
    lines = [f"{candidates} 2", ballots.rstrip("\n"), "0"]
    lines += [f'"Candidate {i}"' for i in range(1, names + 1)]
    if title:
        lines.append('"Branch committee 2026"')
    return "\n".join(lines) + "\n"


def test_a_header_declaring_one_candidate_more_than_the_names_is_refused(tmp_path, capsys):
    """12 declared, 11 names and a title: the title must not become a twelfth candidate."""
    text = blt(12, 11)
    with pytest.raises(BallotFormatError) as refused:
        parse_blt(text)
    message = str(refused.value)
    title_line = text.splitlines().index('"Branch committee 2026"') + 1
    assert f"line {title_line}:" in message
    assert "declares 12 candidates" in message and "no title" in message
    path = tmp_path / "short.blt"
    path.write_text(text)
    code, out, err = run(capsys, "stv", str(path))
    assert code == 2 and out == "" and f"short.blt:line {title_line}: " in err


def test_names_and_title_as_declared_still_parse():
    election = parse_blt(blt(12, 12))
    assert len(election.candidates) == 12 and election.title == "Branch committee 2026"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (blt(3, 3, title=False), "line 6: the header declares 3 candidates"),  # no title
        (blt(3, 1), "but 2 names follow"),
        (blt(3, 3, ballots="1 1 4 0\n"), "line 2: candidate number 4 out of range 1..3"),
        ('3 2\n-4\n1 1 0\n0\n"A"\n"B"\n"C"\n"T"\n', "line 2: withdrawn candidate 4 out of range"),
        ('3 2\n-0\n1 1 0\n0\n"A"\n"B"\n"C"\n"T"\n', "line 2: withdrawn candidate 0 out of range"),
        (blt(3, 3, ballots="1 1 2\n"), "line 2: ballot line must be '<weight> <candidates...> 0'"),
        ("3 2\n1 1 2 0\n", "no end-of-ballots line"),
        # An early '0' leaves ballots where the names should be.
        ("3 2\n1 1 2 0\n0\n1 2 3 0\nA\nB\nC\nT\n", "line 4: '1 2 3 0' looks like a ballot line"),
    ],
)
def test_inconsistent_blt_files_are_refused_naming_the_line(text, message):
    with pytest.raises(BallotFormatError) as refused:
        parse_blt(text)
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_every_golden_file_has_its_names_and_a_title():
    for path in sorted(GOLDEN_STV.rglob("*.blt")):
        if path.stem in ("eq1", "eq2"):  # equal rankings: refused on purpose
            continue
        election = read_blt(path)
        assert election.title.strip(), path
