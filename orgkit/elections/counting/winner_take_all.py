"""Winner-take-all, counted for comparison with proportional results.

* **Block vote on ranked ballots** — each voter's top N ranked candidates (N = seats) get one
  vote each (times the ballot's weight); the N candidates with most votes win. This is what a
  meeting does when it "votes for the whole committee": a cohesive majority takes every seat.
* **Slate winner-take-all** — the slate with most votes takes every seat.
* :func:`compare_slates` puts both beside a proportional result, with seats per slate and the
  Gallagher and Loosemore–Hanby indices against slate first-preference shares.

Ballots are plain ``(weight, ranking)`` pairs with 0-based candidate indices, so ballots from
any reader can be fed in. Ties for the last seat are reported; a lot is drawn only with a seed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .apportion import SeatTie
from .indices import fraction_as_decimal, gallagher, loosemore_hanby
from .tiebreak import draw_one, lot_order

#: A ballot's weight: a whole number of papers, or an exact fraction for delegate weights.
Weight = int | Fraction


@dataclass(frozen=True)
class WeightedRanking:
    """One ballot (or a group of identical ballots): ``weight`` and candidate indices in order
    of preference."""

    weight: Weight
    ranking: tuple[int, ...]


#: Anything with ``weight`` and ``ranking`` attributes (such as the ballot reader's ``Ballot``)
#: or a plain ``(weight, ranking)`` pair.
BallotLike = Any


@dataclass(frozen=True)
class BlockVoteResult:
    """Votes per candidate under the block vote, who is elected (most votes first) and any
    tie for the last seat(s)."""

    seats: int
    totals: dict[str, Weight]
    elected: tuple[str, ...]
    ties: tuple[SeatTie, ...] = ()
    seed: str | None = None

    @property
    def decided(self) -> bool:
        """True when every seat has an owner."""
        return all(not tie.open for tie in self.ties)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dictionary."""
        return {
            "method": "block-vote",
            "seats": self.seats,
            "totals": {name: _json_weight(total) for name, total in self.totals.items()},
            "elected": list(self.elected),
            "decided": self.decided,
            "ties": [
                {
                    "seats": t.seats,
                    "among": list(t.among),
                    "level": t.level,
                    "drawn_by_lot": list(t.drawn) or None,
                }
                for t in self.ties
            ],
            "seed": self.seed,
        }


def _json_weight(value: Weight) -> int | str:
    """Whole numbers stay numbers in JSON; fractions become exact strings such as "7/2"."""
    if isinstance(value, int):
        return value
    return str(value.numerator) if value.denominator == 1 else str(value)


def _as_ballot(ballot: BallotLike) -> WeightedRanking:
    if isinstance(ballot, WeightedRanking):
        return ballot
    if hasattr(ballot, "weight") and hasattr(ballot, "ranking"):
        # Duck typing keeps this module independent of any particular ballot reader.
        return WeightedRanking(weight=ballot.weight, ranking=tuple(ballot.ranking))
    weight, ranking = ballot
    return WeightedRanking(weight=weight, ranking=tuple(ranking))


def block_vote_totals(
    *,
    candidates: Sequence[str],
    ballots: Iterable[BallotLike],
    seats: int,
    withdrawn: frozenset[int] = frozenset(),
) -> dict[str, Weight]:
    """Each ballot gives its weight to each of its first ``seats`` distinct candidates.

    A candidate repeated on a ballot counts once, at its first place (a voter cannot give one
    candidate two of their N votes). Withdrawn candidates (indices) are skipped as if not on
    the ballot, so the voter's N votes go further down, and they are left out of the totals.
    Raises ValueError on an unknown candidate index or a negative weight.
    """
    if seats <= 0:
        raise ValueError("the number of seats must be positive")
    totals: list[Weight] = [0] * len(candidates)
    for position, raw in enumerate(ballots, start=1):
        ballot = _as_ballot(raw)
        if ballot.weight < 0:
            raise ValueError(f"ballot {position}: weight cannot be negative")
        counted: set[int] = set()
        for index in ballot.ranking:
            if not 0 <= index < len(candidates):
                raise ValueError(f"ballot {position}: no candidate number {index}")
            if index in counted or index in withdrawn:
                continue
            counted.add(index)
            totals[index] += ballot.weight
            if len(counted) == seats:
                break
    return {
        name: total
        for index, (name, total) in enumerate(zip(candidates, totals, strict=True))
        if index not in withdrawn
    }


def block_vote(
    *,
    candidates: Sequence[str],
    ballots: Iterable[BallotLike],
    seats: int,
    seed: str | None = None,
    withdrawn: frozenset[int] = frozenset(),
) -> BlockVoteResult:
    """Count ranked ``ballots`` as a block vote for ``seats`` seats (see module docstring).

    ``withdrawn`` holds candidate indices that cannot be elected and whose places on ballots
    are skipped."""
    if len(set(candidates)) != len(candidates):
        raise ValueError("candidate names must be distinct")
    totals = block_vote_totals(
        candidates=candidates, ballots=ballots, seats=seats, withdrawn=withdrawn
    )
    elected, tie = _top(totals, seats, seed=seed, purpose=f"block vote: last seats of {seats}")
    return BlockVoteResult(
        seats=seats, totals=totals, elected=elected, ties=(tie,) if tie else (), seed=seed
    )


def _top(
    totals: Mapping[str, Weight], seats: int, *, seed: str | None, purpose: str
) -> tuple[tuple[str, ...], SeatTie | None]:
    """The ``seats`` names with the highest totals, and the tie at the boundary if any."""
    order = {name: i for i, name in enumerate(totals)}
    ranked = sorted(totals, key=lambda name: (-totals[name], order[name]))
    if len(ranked) <= seats:
        return tuple(ranked), None
    boundary = totals[ranked[seats - 1]]
    above = [n for n in ranked if totals[n] > boundary]
    level = [n for n in ranked if totals[n] == boundary]
    open_seats = seats - len(above)
    if len(level) == open_seats:
        return tuple(above + level), None
    among = tuple(sorted(level))
    if seed is None:
        return tuple(above), SeatTie(seats=open_seats, among=among, level=str(boundary))
    drawn = tuple(lot_order(seed=seed, purpose=purpose, names=among)[:open_seats])
    tie = SeatTie(open_seats, among, str(boundary), drawn=drawn, lot_purpose=purpose)
    return tuple(above) + drawn, tie


@dataclass(frozen=True)
class SlateWinnerTakeAll:
    """The largest slate takes every seat. ``tied`` lists slates level for first place (then
    ``winner`` is None unless a lot was drawn, recorded in ``drawn_by_lot``)."""

    house_size: int
    votes: dict[str, Weight]
    winner: str | None
    tied: tuple[str, ...] = ()
    drawn_by_lot: bool = False

    @property
    def seats(self) -> dict[str, int]:
        """Seats per slate (all zero while a tie for first place is open)."""
        return {s: (self.house_size if s == self.winner else 0) for s in self.votes}


def slate_winner_take_all(
    *, slate_votes: Mapping[str, Weight], seats: int, seed: str | None = None
) -> SlateWinnerTakeAll:
    """Give every seat to the slate with most votes; a tie for first place is reported, and
    drawn by lot only when ``seed`` is given."""
    if not slate_votes:
        raise ValueError("there are no slates")
    if seats <= 0:
        raise ValueError("the number of seats must be positive")
    best = max(slate_votes.values())
    leaders = tuple(sorted(s for s, v in slate_votes.items() if v == best))
    if len(leaders) == 1:
        return SlateWinnerTakeAll(seats, dict(slate_votes), leaders[0])
    if seed is None:
        return SlateWinnerTakeAll(seats, dict(slate_votes), None, tied=leaders)
    winner = draw_one(seed=seed, purpose="slate winner-take-all", names=leaders)
    return SlateWinnerTakeAll(seats, dict(slate_votes), winner, tied=leaders, drawn_by_lot=True)


def slate_first_preferences(
    *, candidates: Sequence[str], ballots: Iterable[BallotLike], slate_of: Mapping[str, str]
) -> dict[str, Weight]:
    """Votes per slate counting each ballot's first preference only (weighted). Every slate
    named in ``slate_of`` appears, even with 0."""
    totals: dict[str, Weight] = dict.fromkeys(dict.fromkeys(slate_of.values()), 0)
    for raw in ballots:
        ballot = _as_ballot(raw)
        if ballot.ranking:
            slate = slate_of[candidates[ballot.ranking[0]]]
            totals[slate] += ballot.weight
    return totals


def seats_per_slate(*, elected: Iterable[str], slate_of: Mapping[str, str]) -> dict[str, int]:
    """How many of ``elected`` stand for each slate (every slate appears, even with 0)."""
    seats = dict.fromkeys(dict.fromkeys(slate_of.values()), 0)
    for name in elected:
        seats[slate_of[name]] += 1
    return seats


@dataclass(frozen=True)
class SystemRow:
    """One system in a comparison: seats per slate and its disproportionality."""

    system: str
    seats: dict[str, int]
    gallagher: Decimal | None
    loosemore_hanby: Fraction | None


@dataclass(frozen=True)
class SlateComparison:
    """First-preference votes per slate and each system's seats beside them."""

    slate_votes: dict[str, Weight]
    rows: tuple[SystemRow, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dictionary."""
        return {
            "slate_votes": {name: _json_weight(v) for name, v in self.slate_votes.items()},
            "systems": [
                {
                    "system": row.system,
                    "seats": dict(row.seats),
                    "gallagher": None if row.gallagher is None else str(row.gallagher),
                    "loosemore_hanby": None
                    if row.loosemore_hanby is None
                    else str(fraction_as_decimal(row.loosemore_hanby)),
                }
                for row in self.rows
            ],
        }


def compare_slates(
    *,
    candidates: Sequence[str],
    ballots: Sequence[BallotLike],
    seats: int,
    slate_of: Mapping[str, str],
    proportional_elected: Sequence[str] | None = None,
    proportional_name: str = "proportional (STV)",
    seed: str | None = None,
) -> SlateComparison:
    """Seats per slate under the proportional result (if given), the block vote and the slate
    winner-take-all, each with its Gallagher and Loosemore–Hanby index against slate
    first-preference shares. A system left undecided by an open tie gets ``None`` indices."""
    slate_votes = slate_first_preferences(candidates=candidates, ballots=ballots, slate_of=slate_of)
    rows: list[SystemRow] = []

    def add(system: str, seat_map: dict[str, int], decided: bool) -> None:
        if decided and sum(seat_map.values()) > 0 and sum(slate_votes.values()) > 0:
            rows.append(
                SystemRow(
                    system,
                    seat_map,
                    gallagher(votes=slate_votes, seats=seat_map),
                    loosemore_hanby(votes=slate_votes, seats=seat_map),
                )
            )
        else:
            rows.append(SystemRow(system, seat_map, None, None))

    if proportional_elected is not None:
        add(
            proportional_name,
            seats_per_slate(elected=proportional_elected, slate_of=slate_of),
            True,
        )
    block = block_vote(candidates=candidates, ballots=ballots, seats=seats, seed=seed)
    add("block vote", seats_per_slate(elected=block.elected, slate_of=slate_of), block.decided)
    slate_wta = slate_winner_take_all(slate_votes=slate_votes, seats=seats, seed=seed)
    add("slate winner-take-all", slate_wta.seats, slate_wta.winner is not None)
    return SlateComparison(slate_votes=slate_votes, rows=tuple(rows))
