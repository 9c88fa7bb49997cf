"""CSV ranked ballots: one ballot per row, candidate names in order of preference.

An optional leading ``weight`` column is recognised by a header row whose first cell is
``weight``; then every row starts with the ballot's weight (a delegate carrying a branch's
votes). Without that header every cell is a candidate name. Empty cells are skipped so that
rows of different lengths, as spreadsheets export them, are fine.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from .ballots import Ballot, BallotFormatError, Election, group_ballots
from .blt import _parse_weight, format_weight

__all__ = ["parse_csv", "read_csv", "write_csv"]


class _CandidateIndex:
    """Candidate name → index. Fixed when the caller names the candidates (an unknown name is
    refused); otherwise names are taken in order of first appearance."""

    def __init__(self, candidates: Iterable[str] | None) -> None:
        self.known = list(candidates) if candidates is not None else None
        self.names: list[str] = list(self.known) if self.known is not None else []
        self.index: dict[str, int] = {n: i for i, n in enumerate(self.names)}

    def of(self, name: str, err) -> int:
        if name not in self.index:
            if self.known is not None:
                raise err(f"unknown candidate {name!r}")
            self.index[name] = len(self.names)
            self.names.append(name)
        return self.index[name]


def parse_csv(
    text: str,
    *,
    seats: int,
    candidates: Iterable[str] | None = None,
    withdrawn: Iterable[str] = (),
    title: str = "",
    source: str | None = None,
) -> Election:
    """Parse CSV ballots. Candidates default to the names in order of first appearance."""
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = list(csv.reader(io.StringIO(text)))
    index = _CandidateIndex(candidates)
    weighted = bool(rows) and bool(rows[0]) and rows[0][0].strip().lower() == "weight"
    totals: dict[tuple[int, ...], object] = {}
    for lineno, row in enumerate(rows, start=1):
        if weighted and lineno == 1:
            continue
        ballot = _read_row(row, weighted=weighted, index=index, lineno=lineno, source=source)
        if ballot is not None:
            ranking, weight = ballot
            totals[ranking] = totals.get(ranking, 0) + weight  # type: ignore[operator]
    if not index.names:
        raise BallotFormatError("no candidates found", source=source)
    missing = [w for w in withdrawn if w not in index.index]
    if missing:
        raise BallotFormatError(
            f"withdrawn candidate {missing[0]!r} is not a candidate", source=source
        )
    return Election(
        candidates=tuple(index.names),
        seats=seats,
        ballots=group_ballots(Ballot(w, r) for r, w in totals.items()),  # type: ignore[arg-type]
        withdrawn=frozenset(index.index[w] for w in withdrawn),
        title=title,
    )


def _read_row(
    row: list[str], *, weighted: bool, index: _CandidateIndex, lineno: int, source: str | None
) -> tuple[tuple[int, ...], object] | None:
    """One ballot row as ``(ranking, weight)``; ``None`` for a blank or comment row."""
    cells = [c.strip() for c in row]
    if not any(cells) or cells[0].startswith("#"):
        return None

    def err(msg: str) -> BallotFormatError:
        return BallotFormatError(msg, line=lineno, source=source)

    weight: object = 1
    if weighted:
        weight = _parse_weight(cells[0], err) if cells[0] else 1
        cells = cells[1:]
    ranking: list[int] = []
    for cell in filter(None, cells):
        if "=" in cell:
            raise err(f"equal rankings ({cell}) are not supported: one name per cell")
        k = index.of(cell, err)
        if k in ranking:
            raise err(f"candidate {cell!r} is ranked twice")
        ranking.append(k)
    return tuple(ranking), weight


def read_csv(path: str | Path, *, seats: int, **kwargs) -> Election:
    """Read a CSV ballot file (UTF-8)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BallotFormatError(f"cannot read file: {exc}", source=str(p)) from None
    return parse_csv(text, seats=seats, source=str(p), **kwargs)


def write_csv(election: Election, *, weights: bool = True) -> str:
    """Render grouped ballots as CSV (with a ``weight`` column unless ``weights=False``).

    Without weights each group is written as ``weight`` identical rows, so weights must be
    whole numbers.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if weights:
        w.writerow(
            [
                "weight",
                *[
                    f"rank{i + 1}"
                    for i in range(max((len(b.ranking) for b in election.ballots), default=0))
                ],
            ]
        )
    for b in group_ballots(election.ballots):
        names = [election.candidates[k] for k in b.ranking]
        if weights:
            w.writerow([format_weight(b.weight), *names])
        else:
            if b.weight != int(b.weight):
                raise ValueError("fractional weights need the weight column")
            for _ in range(int(b.weight)):
                w.writerow(names)
    return buf.getvalue()
