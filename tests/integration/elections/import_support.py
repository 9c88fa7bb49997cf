"""Helpers for the imported-election tests: the golden files with their official winners."""

from __future__ import annotations

import json
from pathlib import Path

GOLDEN_STV = Path(__file__).resolve().parents[2] / "golden" / "stv"

#: Official winners of the top-level files (tests/golden/stv/PROVENANCE.md; the same sets
#: tests/unit/counting/test_stv_real_elections.py checks on the engine alone).
TOP_LEVEL = {
    "ireland-2002-dublin-north": {
        "Trevor Sargent (GP)",
        "Sean Ryan (Lab)",
        "Jim Glennon (FF)",
        "G.V. Wright (FF)",
    },
    "ireland-2002-dublin-west": {"Brian Lenihan (FF)", "Joe Higgins (SP)", "Joan Burton (Lab)"},
    "ireland-2002-meath": {
        "Noel Dempsey (FF)",
        "Mary Wallace (FF)",
        "Johnny Brady (FF)",
        "John Bruton (FG)",
        "Damien English (FG)",
    },
    "minneapolis-2013-park-at-large": {"John Erwin", "Annie Young", "Meg Forney"},
    "portland-2024-district1": {"Candace Avalos", "Loretta Smith", "Jamie Dunphy"},
    "albany-ca-2022-city-council": {"John Anthony Miki", "Robin D Lopez"},
    "wikipedia-food-election": {"Chocolate", "Oranges", "Strawberries"},
}


def _scotland_2017() -> dict[str, set[str]]:
    """Official winners as transcribed from the councils' result sheets."""
    folder = GOLDEN_STV / "scotland-2017"
    summary = json.loads((folder / "official-summary.json").read_text())
    return {
        f"scotland-2017/{ward['file']}": {name for name, _stage in ward["elected"]}
        for ward in summary
    }


def _end_row_winners(dump: Path) -> set[str]:
    """The candidates elected ("E") in the final row of a Droop round dump."""
    cells = dump.read_text().splitlines()[-1].split("\t")[4:]
    return {" ".join(cells[i].split()) for i in range(0, len(cells) - 2, 3) if cells[i + 1] == "E"}


def _glasgow_2007() -> dict[str, set[str]]:
    """Glasgow's 2007 wards: Droop's reference count, whose winners are the official ones
    (see PROVENANCE.md)."""
    return {
        f"glasgow-2007/{dump.name.split('.')[0]}.blt": _end_row_winners(dump)
        for dump in sorted((GOLDEN_STV / "glasgow-2007").glob("*.droop-scotland-rounds.tsv"))
    }


#: Droop's test profiles with an equal ranking ("2=3"): refused on purpose, with the line.
REFUSED = {"droop-testsuite/eq1.blt", "droop-testsuite/eq2.blt"}


def _droop_testsuite() -> dict[str, tuple[str, set[str]]]:
    """Droop's own test profiles (peer reference, no official result): the Scottish preset
    against Droop's Scottish dump — except SC-Vm-12, whose Scottish count ends in a lot (the
    app draws with its own seed), counted with Meek against Droop's Meek winners."""
    folder = GOLDEN_STV / "droop-testsuite"
    out = {}
    for path in sorted(folder.glob("*.blt")):
        key = f"droop-testsuite/{path.name}"
        if key in REFUSED:
            continue
        if path.stem == "SC-Vm-12":
            peers = json.loads((GOLDEN_STV / "peer-winners.json").read_text())
            out[key] = ("meek", set(peers["SC-Vm-12"]["droop_meek"]))
        else:
            out[key] = (
                "scottish",
                _end_row_winners(folder / f"{path.stem}.scotland-fixed-p5-d5.rounds.tsv"),
            )
    return out


def official_winners() -> dict[str, tuple[str, set[str]]]:
    """Path under tests/golden/stv → (the preset to count it with, the official winners).
    Scottish wards are counted with the Scottish preset (their statute); the others with each
    preset in turn, as all three elect the official winners."""
    rules = ("scottish", "meek", "wigm")
    out = {
        f"{name}.blt": (rules[i % 3], winners)
        for i, (name, winners) in enumerate(TOP_LEVEL.items())
    }
    out.update({path: ("scottish", w) for path, w in _scotland_2017().items()})
    out.update({path: ("scottish", w) for path, w in _glasgow_2007().items()})
    out.update(_droop_testsuite())
    return out


def every_golden_file() -> list[Path]:
    """Every .blt under tests/golden/stv (the import tests must cover each one)."""
    return sorted(GOLDEN_STV.rglob("*.blt"))
