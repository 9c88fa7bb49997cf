"""Helpers for the STV golden tests: paths and a reader for the reference counter's rounds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

GOLDEN_STV = Path(__file__).resolve().parents[2] / "golden" / "stv"


def droop_rounds(path: Path) -> list[tuple[str, str, dict[str, Decimal]]]:
    """Read a Droop round dump (.tsv) as ``(round, action, {name: votes})``.

    WIGM/Scottish dumps: the *last* row of each round (after its transfer). Meek dumps: the
    *first* action row of each round -- the state when iteration stopped, before the
    reference counter re-distributes for its own report. Round ``0`` is first preferences.
    """
    lines = [line.rstrip("\n").split("\t") for line in path.read_text().splitlines()]
    meek = "Votes" in lines[0]
    step, first = (4, 6) if meek else (3, 4)
    out: dict[str, tuple[str, dict[str, Decimal]]] = {}
    order: list[str] = []
    for row in lines[1:]:
        if len(row) < first or row[1] in ("log", "round", "iterate") or row[0] == "X":
            continue
        key = row[0]
        if meek and key in out and key != "0":
            continue
        votes = {
            " ".join(row[i].split()): Decimal(row[i + 2]) for i in range(first, len(row), step)
        }
        if key not in out:
            order.append(key)
        out[key] = (row[1], votes)
    return [(k, *out[k]) for k in order]


def stage_decimals(result, stage) -> tuple[Decimal, ...]:
    """A stage's totals as exact Decimals at the count's full precision."""
    return tuple(Decimal(v).scaleb(-result.precision) for v in stage.votes)


def dedup(vectors):
    """Drop vectors equal to their predecessor (stages where nothing moved)."""
    out = []
    for v in vectors:
        if not out or out[-1] != v:
            out.append(v)
    return out


def droop_first_elected_round(path: Path) -> dict[str, int | None]:
    """Round at which Droop first marks each winner elected ('e' or 'E'); None = at the end."""
    first: dict[str, int | None] = {}
    for line in path.read_text().splitlines()[1:]:
        row = line.split("\t")
        if len(row) < 7 or row[1] in ("log", "round", "iterate"):
            continue
        for i in range(4, len(row), 3):
            name = " ".join(row[i].split())
            if row[i + 1] in ("E", "e") and name not in first:
                first[name] = None if row[0] == "X" else int(row[0])
    return first
