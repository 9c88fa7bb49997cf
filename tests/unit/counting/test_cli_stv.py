"""The command line: JSON/text output, the official sheet as text, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from orgkit.elections.counting.__main__ import main

from .conftest import GOLDEN_STV

REPO = Path(__file__).resolve().parents[3]
WARD = GOLDEN_STV / "scotland-2017" / "dundee_2017_ward2.blt"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output(capsys):
    code, out, _ = run(
        capsys, "stv", str(WARD), "--rule", "scottish", "--format", "json", "--seed", "abc"
    )
    assert code == 0
    data = json.loads(out)
    assert data["elected"] == [
        "Alan ROSS (SNP)",
        "Roisin SMITH (SNP)",
        "Charlie MALONE (Lab)",
        "Michael MARRA (Lab)",
    ]
    assert data["seed"] == "abc"
    assert [s["number"] for s in data["stages"]] == list(range(1, 11))
    assert data["stages"][0]["votes"]["Alan ROSS (SNP)"] == "1661.00000"
    for stage in data["stages"]:
        assert all(len(v.partition(".")[2]) == 5 for v in stage["votes"].values())


def test_text_reproduces_official_sheet(capsys):
    """Every stage total and transfer the council published appears in the right row and column."""
    code, out, _ = run(capsys, "stv", str(WARD), "--rule", "scottish", "--format", "text")
    assert code == 0
    lines = out.splitlines()
    assert "Quota: 1161.00000" in lines[1] and "Valid votes: 5802.00000" in lines[1]
    header = next(i for i, ln in enumerate(lines) if ln.startswith("Candidate"))
    assert lines[header].split()[1:] == [t for n in range(1, 11) for t in ("Stage", str(n))]
    table: dict[str, list[str]] = {}
    for ln in lines[header + 2 :]:
        if ln.startswith("-"):
            break
        cells = ln.split()
        table[" ".join(cells[:-10]).removesuffix(" *")] = cells[-10:]
    tstart = next(i for i, ln in enumerate(lines) if ln.startswith("Transfers"))
    transfers: dict[str, list[str]] = {}
    for ln in lines[tstart + 1 :]:
        if ln.startswith("-"):
            break
        cells = ln.split()
        transfers[" ".join(cells[:-9])] = cells[-9:]
    official = WARD.with_name("dundee_2017_ward2.official-stages.tsv").read_text().splitlines()
    count = 0
    for row in official:
        if row.startswith(("#", "stage")):
            continue
        stage, _cand, name, total, transfer, _status = row.split("\t")
        assert Decimal(table[name][int(stage) - 1]) == Decimal(total), (stage, name)
        if int(stage) > 1:
            assert Decimal(transfers[name][int(stage) - 2]) == Decimal(transfer), (stage, name)
        count += 1
    assert count == 10 * (len(table) - 1)  # every candidate at every stage (+ Non-transferable row)
    assert (
        "Elected (in order): Alan ROSS (SNP), Roisin SMITH (SNP), Charlie MALONE (Lab), Michael MARRA (Lab)"
        in lines
    )


@pytest.mark.parametrize("rule", ["meek", "wigm"])
def test_other_rules(capsys, rule):
    code, out, _ = run(
        capsys,
        "stv",
        str(GOLDEN_STV / "wikipedia-food-election.blt"),
        "--rule",
        rule,
        "--format",
        "json",
    )
    assert code == 0
    assert set(json.loads(out)["elected"]) == {"Chocolate", "Oranges", "Strawberries"}


def test_seats_withdraw_and_csv(capsys, tmp_path):
    code, out, _ = run(
        capsys,
        "stv",
        str(GOLDEN_STV / "wikipedia-food-election.blt"),
        "--seats",
        "1",
        "--format",
        "json",
    )
    assert json.loads(out)["elected"] == ["Chocolate"]
    code, out, _ = run(
        capsys,
        "stv",
        str(GOLDEN_STV / "wikipedia-food-election.blt"),
        "--withdraw",
        "Chocolate",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert "Chocolate" not in data["elected"] and data["withdrawn"] == ["Chocolate"]
    csv_file = tmp_path / "b.csv"
    csv_file.write_text("weight,r1,r2\n3,A,B\n2,B\n1,C,A\n")
    code, out, _ = run(capsys, "stv", str(csv_file), "--seats", "1", "--format", "json")
    assert code == 0 and json.loads(out)["elected"] == ["A"]
    code, out, _ = run(
        capsys,
        "stv",
        str(GOLDEN_STV / "wikipedia-food-election.blt"),
        "--rule",
        "wigm",
        "--quota",
        "hare",
        "--format",
        "json",
    )
    assert code == 0 and "Hare" in json.loads(out)["quota_rule"]


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        ('3 1\n1 1=2 0\n0\n"A"\n"B"\n"C"\n', [], "line 2: equal rankings (1=2) are not supported"),
        ("garbage\n", [], "line 1: expected '<candidates> <seats>'"),
        ('2 1\n1 1 0\n0\n"A"\n"B"\n"T"\n', ["--seats", "0"], "--seats: must be from 1 to 10000"),
        ('2 1\n1 1 0\n0\n"A"\n"B"\n"T"\n', ["--withdraw", "Zed"], "no candidate named 'Zed'"),
        (
            '2 1\n1 1 0\n0\n"A"\n"B"\n"T"\n',
            ["--rule", "scottish", "--quota", "hare"],
            "scottish preset fixes",
        ),
    ],
)
def test_bad_input_one_line_exit_2(capsys, tmp_path, content, extra, message):
    f = tmp_path / "x.blt"
    f.write_text(content)
    code, out, err = run(capsys, "stv", str(f), *extra)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_and_csv_without_seats(capsys, tmp_path):
    code, _, err = run(capsys, "stv", str(tmp_path / "nope.blt"))
    assert code == 2 and "no such file" in err and err.count("\n") == 1
    (tmp_path / "a.csv").write_text("A,B\n")
    code, _, err = run(capsys, "stv", str(tmp_path / "a.csv"))
    assert code == 2 and "needs --seats" in err


def test_bad_arguments_one_line():
    proc = subprocess.run(
        [sys.executable, "-m", "orgkit.elections.counting", "stv", str(WARD), "--rule", "nope"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "invalid choice" in proc.stderr


def test_real_process_end_to_end():
    proc = subprocess.run(
        [sys.executable, "-m", "orgkit.elections.counting", "stv", str(WARD), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["elected"][0] == "Alan ROSS (SNP)"


def _fuzz_text():
    from hypothesis import strategies as st

    token = st.sampled_from(
        [
            "0",
            "1",
            "2",
            "3",
            "-1",
            "-2",
            "1.5",
            "x",
            "2=3",
            '"A"',
            '"B"',
            '"C',
            "#",
            "[nick a b]",
            "",
            " ",
            "99",
            "-",
        ]
    )
    line = st.lists(token, max_size=6).map(" ".join)
    return st.lists(line, max_size=12).map("\n".join)


def test_fuzzed_files_never_traceback(tmp_path):
    from hypothesis import HealthCheck, given, settings

    @settings(
        max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(
        _fuzz_text(), __import__("hypothesis").strategies.sampled_from(["scottish", "wigm", "meek"])
    )
    def check(text, rule):
        f = tmp_path / "f.blt"
        f.write_text("3 2\n" + text if text.startswith("1") else text)
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["stv", str(f), "--rule", rule, "--format", "json"])
        assert code in (0, 2)
        if code == 2:
            assert err.getvalue().count("\n") == 1
        else:
            json.loads(out.getvalue())

    check()


def test_apportion_subcommand_missing_module_is_one_line(capsys, monkeypatch):
    import orgkit.elections.counting as pkg

    monkeypatch.setitem(sys.modules, "orgkit.elections.counting.cli_apportion", None)
    monkeypatch.delattr(pkg, "cli_apportion", raising=False)
    code, out, err = run(capsys, "apportion", "x.csv", "--seats", "3")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "apportion" in err


def test_apportion_subcommand_dispatches(capsys, tmp_path):
    # The module ships with orgkit: if it cannot be imported that is a failure, not a skip.
    import orgkit.elections.counting.cli_apportion  # noqa: F401

    f = tmp_path / "v.csv"
    f.write_text("name,votes\nA,100000\nB,80000\nC,30000\nD,20000\n")
    code, out, _ = run(
        capsys, "apportion", str(f), "--seats", "8", "--method", "dhondt", "--format", "json"
    )
    assert code == 0 and json.loads(out)["seats"] == {"A": 4, "B": 3, "C": 1, "D": 0}
