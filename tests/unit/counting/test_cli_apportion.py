"""The ``apportion`` command: in-process through add_arguments/run, and as a real process."""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from orgkit.elections.counting import cli_apportion
from orgkit.elections.counting.cli_apportion import VotesInputError, parse_votes_csv

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "apportionment"
REPO = Path(__file__).resolve().parents[3]


def run_cli(argv, capsys):
    parser = argparse.ArgumentParser(prog="apportion")
    cli_apportion.add_arguments(parser)
    code = cli_apportion.run(parser.parse_args(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def wikipedia_csv(tmp_path):
    path = tmp_path / "wiki.csv"
    path.write_text("name,votes\nA,100000\nB,80000\nC,30000\nD,20000\n", encoding="utf-8")
    return path


@pytest.fixture
def house_csv(tmp_path):
    with (GOLDEN / "us-house-2020.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    path = tmp_path / "house.csv"
    # No header row this time, and a state name with a space in it is quoted by csv.writer.
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow([row["state"], row["apportionment_population"]])
    return path, {row["state"]: int(row["huntington_hill_435"]) for row in rows}


def test_json_output_carries_seats(wikipedia_csv, capsys):
    code, out, err = run_cli(
        [str(wikipedia_csv), "--seats", "8", "--method", "dhondt", "--format", "json"], capsys
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["seats"] == {"A": 4, "B": 3, "C": 1, "D": 0}
    assert data["ties"] == [] and data["decided"] is True
    assert data["gallagher"] == "7.9318"


def test_us_house_2020_through_the_cli(house_csv, capsys):
    path, official = house_csv
    code, out, _ = run_cli(
        [
            str(path),
            "--seats",
            "435",
            "--method",
            "huntington-hill",
            "--min-seats",
            "1",
            "--format",
            "json",
        ],
        capsys,
    )
    assert code == 0
    assert json.loads(out)["seats"] == official


def test_text_output_is_a_table(wikipedia_csv, capsys):
    code, out, _ = run_cli([str(wikipedia_csv), "--seats", "8", "--method", "hare"], capsys)
    assert code == 0
    assert "largest remainder, Hare quota" in out
    assert "Quota 28750.0000 votes" in out
    assert any(line.split()[:1] == ["A"] and line.split()[3] == "3" for line in out.splitlines())


def test_open_tie_exits_non_zero_with_one_line(wikipedia_csv, capsys):
    code, out, err = run_cli(
        [
            str(wikipedia_csv),
            "--seats",
            "8",
            "--method",
            "modified-sainte-lague",
            "--format",
            "json",
        ],
        capsys,
    )
    assert code == cli_apportion.EXIT_TIE_OPEN != 0
    data = json.loads(out)
    assert data["ties"][0]["among"] == ["A", "D"] and data["ties"][0]["seats"] == 1
    assert data["seats"] == {"A": 3, "B": 3, "C": 1, "D": 0}
    assert err.count("\n") == 1 and "--seed" in err and "A, D" in err


def test_seed_draws_the_tie_and_records_it(wikipedia_csv, capsys):
    code, out, err = run_cli(
        [
            str(wikipedia_csv),
            "--seats",
            "8",
            "--method",
            "modified-sainte-lague",
            "--seed",
            "1922",
            "--format",
            "json",
        ],
        capsys,
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["seed"] == "1922" and sum(data["seats"].values()) == 8
    assert data["ties"][0]["drawn_by_lot"] in (["A"], ["D"])
    code, out, _ = run_cli(
        [str(wikipedia_csv), "--seats", "8", "--method", "modified-sainte-lague", "--seed", "1922"],
        capsys,
    )
    assert "Drawn by lot (seed '1922'" in out


def test_threshold_and_min_seats_options(tmp_path, capsys):
    path = tmp_path / "v.csv"
    path.write_text("A,480\nB,400\nC,70\nD,50\n", encoding="utf-8")
    code, out, _ = run_cli(
        [
            str(path),
            "--seats",
            "10",
            "--method",
            "sainte-lague",
            "--threshold",
            "6%",
            "--format",
            "json",
        ],
        capsys,
    )
    assert code == 0
    data = json.loads(out)
    assert data["excluded_by_threshold"] == ["D"] and data["threshold_percent"] == "6"
    code, out, _ = run_cli(
        [str(path), "--seats", "10", "--method", "dhondt", "--min-seats", "1", "--format", "json"],
        capsys,
    )
    assert code == 0 and min(json.loads(out)["seats"].values()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,votes\nA,10\nB,ten\n", "line 3: votes 'ten'"),
        ("A,10\nB,5,7\n", "line 2: expected 2 fields"),
        ("A,10\nA,5\n", "line 2: 'A' appears twice"),
        ("A,10\n,5\n", "line 2: the name is empty"),
        ("A,10\nB,-5\n", "line 2: votes '-5'"),
        ("A,1.5\n", "line 1: votes '1.5'"),
        ("name,votes\n", "no name,votes rows"),
        ('A,10\n"B,5\n', "unreadable CSV"),
    ],
)
def test_bad_csv_names_the_line(tmp_path, capsys, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run_cli([str(path), "--seats", "3", "--method", "dhondt"], capsys)
    assert code == cli_apportion.EXIT_BAD_INPUT
    assert out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--seats", "0", "--method", "dhondt"],
            "--seats must be a whole number from 1 to 1,000,000",
        ),
        (["--seats", "3.5", "--method", "dhondt"], "--seats"),
        (["--seats", "3", "--method", "borda"], "unknown method 'borda'"),
        (["--seats", "3", "--method", "dhondt", "--threshold", "abc"], "--threshold"),
        (["--seats", "3", "--method", "dhondt", "--threshold", "150"], "at most 100"),
        (["--seats", "3", "--method", "dhondt", "--min-seats", "2"], "minimum seats"),
    ],
)
def test_bad_options_give_one_line(wikipedia_csv, capsys, options, message):
    code, out, err = run_cli([str(wikipedia_csv), *options], capsys)
    assert code == cli_apportion.EXIT_BAD_INPUT
    assert message in err and err.count("\n") == 1


def test_unreadable_files(tmp_path, capsys):
    code, _, err = run_cli(
        [str(tmp_path / "missing.csv"), "--seats", "3", "--method", "dhondt"], capsys
    )
    assert code == 2 and "missing.csv: no such file" in err
    binary = tmp_path / "latin1.csv"
    binary.write_bytes("Zürich,5\n".encode("latin-1"))
    code, _, err = run_cli([str(binary), "--seats", "3", "--method", "dhondt"], capsys)
    assert code == 2 and "not UTF-8" in err


def test_parse_votes_csv_accepts_bom_comments_blank_lines_and_quotes():
    text = '\ufeff# branch sizes\nname,votes\n\n"Local 7, Metalworkers", 99\nLocal 12,84\n'
    assert parse_votes_csv(text) == {"Local 7, Metalworkers": 99, "Local 12": 84}
    with pytest.raises(VotesInputError) as caught:
        parse_votes_csv("A,1\nB,x\n", source="f.csv")
    assert str(caught.value).startswith("f.csv:line 2: ") and caught.value.line == 2


def _module(*argv, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "orgkit.elections.counting", "apportion", *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        input=stdin,
        timeout=60,
    )


main_missing = not (REPO / "orgkit" / "elections" / "counting" / "__main__.py").exists()


@pytest.mark.skipif(main_missing, reason="the counting package's __main__ is not there yet")
def test_as_a_real_process(wikipedia_csv):
    done = _module(
        str(wikipedia_csv), "--seats", "8", "--method", "sainte-lague", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["seats"] == {"A": 3, "B": 3, "C": 1, "D": 1}
    tie = _module(str(wikipedia_csv), "--seats", "8", "--method", "modified-sainte-lague")
    assert tie.returncode == 3 and len(tie.stderr.splitlines()) == 1
    bad = _module("-", "--seats", "2", "--method", "adams", stdin="A,1\nB,oops\n")
    assert bad.returncode == 2
    assert (
        bad.stderr.strip()
        == "apportion: <stdin>:line 2: votes 'oops' for 'B' is not a whole number of 0 or more"
    )


def test_the_worked_example_in_the_docs_is_what_the_command_prints(tmp_path, capsys):
    """docs/apportionment.md shows the 1922 count; keep it true."""
    docs = (REPO / "docs" / "apportionment.md").read_text(encoding="utf-8")
    csv_block = docs.split("```csv\n", 1)[1].split("```", 1)[0]
    console_block = docs.split("```console\n", 1)[1].split("```", 1)[0]
    command, *shown = console_block.splitlines()
    assert command == (
        "$ python -m orgkit.elections.counting apportion slates.csv --seats 5 --method dhondt"
    )
    path = tmp_path / "slates.csv"
    path.write_text(csv_block, encoding="utf-8")
    code, out, _ = run_cli([str(path), "--seats", "5", "--method", "dhondt"], capsys)
    assert code == 0
    assert out.splitlines() == shown
