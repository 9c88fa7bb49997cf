"""From grouped ballots to a stored result: the engine's count beside winner-take-all.

Pure (no database): the counting service fetches grouped ballots and candidates, calls
:func:`tally`, and stores the dict it returns. Everything in the dict is JSON-ready.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgkit.elections.counting.apportion import apportion
from orgkit.elections.counting.ballots import Ballot, Election, group_ballots
from orgkit.elections.counting.indices import gallagher
from orgkit.elections.counting.stv.presets import count_stv
from orgkit.elections.counting.winner_take_all import (
    block_vote,
    compare_slates,
    slate_winner_take_all,
)

SLATE_METHODS = ("dhondt", "sainte-lague")


@dataclass(frozen=True)
class CandidateInfo:
    id: int
    name: str
    slate: str = ""
    withdrawn: bool = False


def unique_names(candidates: Sequence[CandidateInfo]) -> list[str]:
    """Display names made unique (two members may share a name; the engine needs distinct)."""
    seen: dict[str, int] = {}
    for c in candidates:
        seen[c.name] = seen.get(c.name, 0) + 1
    return [f"{c.name} (#{c.id})" if seen[c.name] > 1 else c.name for c in candidates]


def percent(part: int, whole: int) -> str:
    """A share for display, e.g. "45.9%" (never used to decide anything)."""
    return "–" if not whole else f"{100 * part / whole:.1f}%"


def engine_election(
    *,
    candidates: Sequence[CandidateInfo],
    seats: int,
    grouped: Sequence[tuple[Sequence[int], int]],
    title: str = "",
) -> Election:
    """The engine's Election: candidate ids in stored rankings become 0-based indices."""
    index = {c.id: i for i, c in enumerate(candidates)}
    ballots = [Ballot(weight, tuple(index[c] for c in ranking)) for ranking, weight in grouped]
    return Election(
        candidates=tuple(unique_names(candidates)),
        seats=seats,
        ballots=group_ballots(ballots),
        withdrawn=frozenset(i for i, c in enumerate(candidates) if c.withdrawn),
        title=title,
    )


def first_choice_elected(election: Election, elected: Sequence[str]) -> dict:
    """How many voters (by weight) saw their first (standing) choice elected."""
    winners = {election.candidates.index(n) for n in elected}
    hit = total = 0
    for b in election.ballots:
        first = next((c for c in b.ranking if c not in election.withdrawn), None)
        if first is None:
            continue
        total += b.weight
        hit += b.weight if first in winners else 0
    return {"voters": int(hit), "of": int(total), "share": percent(int(hit), int(total))}


def tally_ranked(
    *,
    candidates: Sequence[CandidateInfo],
    seats: int,
    grouped,
    rule: str,
    seed: str,
    title: str = "",
) -> dict:
    """STV with the chosen preset, the block vote on the same ballots, and (when candidates
    stand on slates) seats per slate under each with the Gallagher index."""
    election = engine_election(candidates=candidates, seats=seats, grouped=grouped, title=title)
    names = list(election.candidates)
    stv = count_stv(election, rule=rule, seed=seed)
    block = block_vote(
        candidates=names,
        ballots=election.ballots,
        seats=seats,
        seed=seed,
        withdrawn=election.withdrawn,
    )
    data = {
        "kind": "ranked",
        "rule": rule,
        "seed": seed,
        "seats": seats,
        "ballots": int(election.total_weight),
        "candidates": [
            {"id": c.id, "name": n, "slate": c.slate, "withdrawn": c.withdrawn}
            for c, n in zip(candidates, names, strict=True)
        ],
        "elected": list(stv.elected),
        "stv": stv.to_dict(),
        "block_vote": block.to_dict(),
        "first_choice": {
            "stv": first_choice_elected(election, stv.elected),
            "block_vote": first_choice_elected(election, block.elected),
        },
        "slates": None,
    }
    if any(c.slate for c in candidates) and election.ballots:
        # An independent is a slate of one: lumping independents together would invent a party.
        slate_of = {
            n: c.slate or f"{n} (independent)" for c, n in zip(candidates, names, strict=True)
        }
        comparison = compare_slates(
            candidates=names,
            ballots=election.ballots,
            seats=seats,
            slate_of=slate_of,
            proportional_elected=list(stv.elected),
            proportional_name=f"STV ({rule})",
            seed=seed,
        )
        data["slates"] = comparison.to_dict()
    return data


def tally_slates(
    *,
    candidates: Sequence[CandidateInfo],
    slates: dict[int, str],
    seats: int,
    grouped,
    rule: str,
    seed: str,
) -> dict:
    """List PR: seats per slate by ``rule``, beside the other divisor method and the slate
    winner-take-all, each with its Gallagher index; seats go to each slate's candidates in
    nomination order."""
    votes = dict.fromkeys(sorted(slates.values()), 0)
    for ranking, weight in grouped:
        votes[slates[ranking[0]]] += int(weight)
    data: dict = {
        "kind": "slate",
        "rule": rule,
        "seed": seed,
        "seats": seats,
        "ballots": sum(votes.values()),
        "slate_votes": votes,
        "systems": [],
        "elected": [],
        "candidates": [
            {"id": c.id, "name": n, "slate": c.slate, "withdrawn": c.withdrawn}
            for c, n in zip(candidates, unique_names(candidates), strict=True)
        ],
    }
    if not data["ballots"]:
        return data
    chosen = None
    for method in (rule, *[m for m in SLATE_METHODS if m != rule]):
        result = apportion(votes=votes, seats=seats, method=method, seed=seed)
        data["systems"].append(
            {
                "system": result.title,
                "seats": result.seats,
                "gallagher": str(gallagher(votes=votes, seats=result.seats)),
            }
        )
        chosen = chosen or result
    wta = slate_winner_take_all(slate_votes=votes, seats=seats, seed=seed)
    data["systems"].append(
        {
            "system": "slate winner-take-all",
            "seats": wta.seats,
            "gallagher": str(gallagher(votes=votes, seats=wta.seats)),
        }
    )
    # Seats go to each slate's candidates in nomination order, in the order the divisor
    # table awards them (so "elected" reads seat 1, seat 2, …).
    names = unique_names(candidates)
    lists = {
        slate: [
            n
            for c, n in zip(candidates, names, strict=True)
            if c.slate == slate and not c.withdrawn
        ]
        for slate in votes
    }
    order = [step.unit for step in chosen.award_order] or [
        slate for slate, won in chosen.seats.items() for _ in range(won)
    ]
    for slate in order:
        if lists[slate]:
            data["elected"].append(lists[slate].pop(0))
    return data
