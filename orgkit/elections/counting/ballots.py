"""Ballots and elections as plain, typed data.

A ranked ballot is a tuple of candidate *indices* (0-based, into ``Election.candidates``) in
order of preference, with a weight. Identical rankings are grouped into one :class:`Ballot`
whose weight is the number of papers (or the sum of delegate weights): a count touches each
distinct ranking once instead of each paper, which is what makes a million-ballot count fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction

Weight = int | Fraction


class BallotFormatError(ValueError):
    """Malformed ballot input. ``str(error)`` is a one-line message naming the line and problem."""

    def __init__(self, message: str, *, line: int | None = None, source: str | None = None):
        self.line = line
        self.source = source
        self.problem = message
        where = ""
        if source:
            where = f"{source}:"
        if line is not None:
            where = f"{where}line {line}: " if where else f"line {line}: "
        elif where:
            where += " "
        super().__init__(f"{where}{message}")


@dataclass(frozen=True, slots=True)
class Ballot:
    """One ranking (candidate indices, most preferred first) carried by ``weight`` papers."""

    weight: Weight
    ranking: tuple[int, ...]


@dataclass(frozen=True)
class Election:
    """Everything a count needs: candidates, seats, withdrawn candidates and ballots.

    ``withdrawn`` holds candidate indices treated as if never nominated: preferences for them
    are skipped before the count starts.
    """

    candidates: tuple[str, ...]
    seats: int
    ballots: tuple[Ballot, ...]
    withdrawn: frozenset[int] = field(default_factory=frozenset)
    title: str = ""

    def __post_init__(self) -> None:
        n = len(self.candidates)
        if self.seats < 1:
            raise BallotFormatError(f"number of seats must be at least 1 (got {self.seats})")
        if len(set(self.candidates)) != n:
            dupes = sorted({c for c in self.candidates if self.candidates.count(c) > 1})
            raise BallotFormatError(f"duplicate candidate name(s): {', '.join(dupes)}")
        for w in self.withdrawn:
            if not 0 <= w < n:
                raise BallotFormatError(f"withdrawn candidate index {w + 1} out of range 1..{n}")

    @property
    def total_weight(self) -> Weight:
        """Sum of all ballot weights (including ballots that rank nobody)."""
        return sum((b.weight for b in self.ballots), 0)

    def grouped(self) -> Election:
        """Return the same election with identical rankings merged and sorted.

        Sorting makes the result independent of the order ballots were cast in (publication
        never reveals casting order) and makes equal elections compare equal.
        """
        return replace(self, ballots=group_ballots(self.ballots))

    def with_seats(self, seats: int) -> Election:
        """Return a copy with a different number of seats."""
        return replace(self, seats=seats)

    def with_withdrawn(self, withdrawn: Iterable[int]) -> Election:
        """Return a copy with the given candidates (indices) withdrawn."""
        return replace(self, withdrawn=frozenset(withdrawn))

    def index_of(self, name: str) -> int:
        """Index of a candidate by exact name."""
        try:
            return self.candidates.index(name)
        except ValueError:
            raise KeyError(f"no candidate named {name!r}") from None


def group_ballots(ballots: Iterable[Ballot]) -> tuple[Ballot, ...]:
    """Merge ballots with identical rankings (weights add) and sort them by ranking."""
    totals: dict[tuple[int, ...], Weight] = {}
    for b in ballots:
        totals[b.ranking] = totals.get(b.ranking, 0) + b.weight
    return tuple(Ballot(w, r) for r, w in sorted(totals.items()) if w)


def election_from_rankings(
    candidates: Iterable[str],
    seats: int,
    rankings: Iterable[tuple[Weight, Iterable[str]]],
    *,
    withdrawn: Iterable[str] = (),
    title: str = "",
) -> Election:
    """Build a grouped :class:`Election` from ``(weight, [names in order])`` pairs.

    Convenient for tests and for the elections app, which stores ballots by candidate name.
    """
    names = tuple(candidates)
    index = {n: i for i, n in enumerate(names)}
    ballots = []
    for weight, ranking in rankings:
        idx = []
        for name in ranking:
            if name not in index:
                raise BallotFormatError(f"unknown candidate {name!r}")
            i = index[name]
            if i in idx:
                raise BallotFormatError(f"candidate {name!r} ranked twice")
            idx.append(i)
        ballots.append(Ballot(weight, tuple(idx)))
    return Election(
        candidates=names,
        seats=seats,
        ballots=group_ballots(ballots),
        withdrawn=frozenset(index[n] for n in withdrawn),
        title=title,
    )
