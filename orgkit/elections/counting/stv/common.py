"""Pieces shared by the STV rules: options, quota, tie-breaking, and the count state.

:class:`CountState` is what both algorithms (:mod:`.gregory` and :mod:`.meek`) carry through a
count: candidates' states and votes, who was elected or excluded and in what order, the stage
records and the tie-breaker. Each algorithm keeps its own working data (parcels; reduced
ballots and keep factors) beside it and calls its helpers to elect, record and finish.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..ballots import BallotFormatError, Election
from ..fixedpoint import div_ceil, scale, to_fixed
from ..result import Stage, StvResult, TieBreak
from ..tiebreak import lot_order

# Candidate states, as small ints because the inner loops compare them millions of times.
HOPEFUL, ELECTED, EXCLUDED, WITHDRAWN = 0, 1, 2, 3
STATE_NAMES = ("hopeful", "elected", "excluded", "withdrawn")

QUOTAS = ("droop", "hare")


@dataclass(frozen=True)
class StvOptions:
    """Options every STV preset understands.

    ``precision`` is decimal places of the fixed-point arithmetic; ``integer_quota`` selects the
    whole-number Droop quota floor(v/(s+1))+1 (reached with >=) instead of the exact v/(s+1)
    (which must be exceeded).
    """

    precision: int = 5
    quota: str = "droop"
    integer_quota: bool = True
    display_precision: int | None = None


def quota_fixed(total: int, seats: int, opts: StvOptions) -> tuple[int, bool]:
    """Return ``(quota, strict)`` in fixed point; ``strict`` means a candidate must *exceed* it."""
    s = scale(opts.precision)
    if opts.quota == "droop":
        if opts.integer_quota:
            whole = Fraction(total, s) // (seats + 1) + 1
            return int(whole) * s, False
        return total // (seats + 1), True
    if opts.quota == "hare":
        if opts.integer_quota:
            return div_ceil(total, seats * s) * s, False
        return div_ceil(total, seats), False
    raise ValueError(f"unknown quota {opts.quota!r} (use one of {', '.join(QUOTAS)})")


def prepare_groups(
    election: Election, precision: int
) -> tuple[list[tuple[int, ...]], list[int], int]:
    """Drop withdrawn candidates from each ranking and convert weights to fixed point.

    Returns rankings, fixed-point weights and the total valid vote (ballots that still rank
    somebody). Blank ballots are not valid votes and do not count towards the quota.
    """
    withdrawn = election.withdrawn
    one = scale(precision)
    rankings: list[tuple[int, ...]] = []
    weights: list[int] = []
    # No merging or sorting is needed: every total is a sum of integers, so neither the order
    # of the groups nor how papers are split between groups can change a figure.
    if not withdrawn and all(type(b.weight) is int for b in election.ballots):
        # Fast path (the usual case): whole-number weights, nobody withdrawn.
        kept = [b for b in election.ballots if b.ranking and b.weight]
        if any(b.weight < 0 for b in kept):
            raise BallotFormatError("negative ballot weight")
        rankings = [b.ranking for b in kept]
        weights = [b.weight * one for b in kept]
        return rankings, weights, sum(weights)
    for b in election.ballots:
        r = b.ranking
        if withdrawn:
            r = tuple(k for k in r if k not in withdrawn)
        if not r:
            continue
        wt = b.weight
        if type(wt) is int:  # the common case, without the cost of a Fraction
            w = wt * one
        else:
            try:
                w = to_fixed(wt, precision)
            except ValueError:
                raise BallotFormatError(
                    f"ballot weight {wt} needs more than {precision} decimal places"
                ) from None
        if w < 0:
            raise BallotFormatError(f"negative ballot weight {wt}")
        if w:
            rankings.append(r)
            weights.append(w)
    return rankings, weights, sum(weights)


class TieBreaker:
    """Settles ties: look back to earlier stages (if the preset says so), then draw a lot.

    Look-back follows the Scottish rules 49(2) and 51(2): the candidates are compared at the
    most recent earlier stage at which their totals differed. When three or more are tied and
    an earlier stage separates only some of them, the ones that stay tied at the extreme are
    carried further back (we narrow rather than restart), and a lot settles what remains.
    """

    def __init__(self, names: Sequence[str], seed: str, lookback: bool) -> None:
        self.names = names
        self.seed = seed
        self.lookback = lookback
        self.record: list[TieBreak] = []

    def choose(
        self,
        tied: list[int],
        *,
        stage: int,
        purpose: str,
        lowest: bool,
        history: Sequence[Sequence[int]] = (),
        settled_order: Sequence[int] | None = None,
    ) -> int:
        """Pick one of ``tied`` (candidate indices): the lowest (exclusion) or highest (surplus).

        ``settled_order``: an order already settled for these candidates (the order in which they
        were elected, itself decided by this rule). It is used instead of drawing a second lot,
        so that a surplus tie can never contradict the order of election.
        """
        if len(tied) == 1:
            return tied[0]
        cands = list(tied)
        if self.lookback:
            for back in range(len(history) - 1, -1, -1):
                row = history[back]
                vals = [row[c] for c in cands]
                target = min(vals) if lowest else max(vals)
                narrowed = [c for c in cands if row[c] == target]
                if len(narrowed) < len(cands):
                    cands = narrowed
                if len(cands) == 1:
                    self.record.append(
                        TieBreak(
                            stage=stage,
                            purpose=purpose,
                            tied=tuple(self.names[c] for c in tied),
                            method="earlier stage",
                            chosen=self.names[cands[0]],
                            detail=f"stage {back + 1}",
                        )
                    )
                    return cands[0]
        if settled_order is not None:
            pick = min(cands, key=list(settled_order).index)
            self.record.append(
                TieBreak(
                    stage=stage,
                    purpose=purpose,
                    tied=tuple(self.names[c] for c in tied),
                    method="order of election",
                    chosen=self.names[pick],
                    detail="equal at every stage; the order already settled when they were elected",
                )
            )
            return pick
        label = f"stage {stage} {purpose}"
        order = lot_order(seed=self.seed, purpose=label, names=[self.names[c] for c in cands])
        chosen = self.names.index(order[0])
        self.record.append(
            TieBreak(
                stage=stage,
                purpose=purpose,
                tied=tuple(self.names[c] for c in tied),
                method="lot",
                chosen=order[0],
                detail=f"seed {self.seed!r}, draw {label!r}",
            )
        )
        return chosen


class CountState:
    """The state of one STV count, shared by the Gregory and Meek algorithms.

    ``state`` is mutated in place and never rebound (the algorithms' inner loops hold a
    reference to it); ``votes`` is rebound freely. Candidates are indices into ``names``.
    """

    __slots__ = (
        "elected",
        "excluded",
        "names",
        "quota",
        "seats",
        "stages",
        "state",
        "ties",
        "title",
        "votes",
        "withdrawn",
    )

    def __init__(self, election: Election, ties: TieBreaker) -> None:
        self.names = election.candidates
        self.seats = election.seats
        self.title = election.title
        self.withdrawn = tuple(sorted(election.withdrawn))
        self.ties = ties
        self.state = [HOPEFUL] * len(self.names)
        for k in election.withdrawn:
            self.state[k] = WITHDRAWN
        self.votes = [0] * len(self.names)
        self.quota = 0
        self.elected: list[int] = []
        self.excluded: list[int] = []
        self.stages: list[Stage] = []

    def seats_left(self) -> int:
        """Vacancies not yet filled."""
        return self.seats - len(self.elected)

    def hopefuls(self) -> list[int]:
        """Continuing candidates, in candidate order."""
        state = self.state
        return [c for c in range(len(state)) if state[c] == HOPEFUL]

    def complete(self) -> bool:
        """Every seat is filled, or the continuing candidates no longer outnumber the seats."""
        left = self.seats_left()
        return left <= 0 or len(self.hopefuls()) <= left

    def order_of_election(
        self, candidates: list[int], *, stage: int, history: Sequence[Sequence[int]] = ()
    ) -> list[int]:
        """``candidates`` in the order they are declared elected: highest total first.

        Equal totals are settled like a surplus tie (an earlier stage, then lot), which is also
        the order their surpluses will go in.
        """
        votes = self.votes
        ordered: list[int] = []
        rest = list(candidates)
        while rest:
            top = max(votes[c] for c in rest)
            tied = [c for c in rest if votes[c] == top]
            pick = self.ties.choose(
                tied, stage=stage, purpose="order of election", lowest=False, history=history
            )
            ordered.append(pick)
            rest.remove(pick)
        return ordered

    def declare_elected(self, candidate: int) -> None:
        """Mark ``candidate`` elected, after those already elected."""
        self.state[candidate] = ELECTED
        self.elected.append(candidate)

    def declare_excluded(self, candidate: int) -> None:
        """Mark ``candidate`` excluded, after those already excluded."""
        self.state[candidate] = EXCLUDED
        self.excluded.append(candidate)

    def fill_last_seats(self) -> list[int]:
        """Elect every continuing candidate, highest total first, if they no longer outnumber
        the vacancies (Scottish rule 52); returns them. Call once :meth:`complete` holds."""
        left = self.seats_left()
        hopeful = self.hopefuls()
        if left <= 0 or len(hopeful) > left:
            return []
        rest = sorted(hopeful, key=lambda c: -self.votes[c])
        for c in rest:
            self.declare_elected(c)
        return rest

    def record(
        self,
        action: str,
        subject: list[int],
        reason: str,
        *,
        previous: list[int] | None,
        new_elected: list[int],
        new_excluded: list[int],
        non_transferable: int,
        rounding: int,
        keep_factors: tuple[int, ...] | None = None,
    ) -> None:
        """Append the next stage, with the current votes, quota and states.

        ``previous`` is the votes at the previous stage (``None`` for the first): transfers are
        the difference.
        """
        names = self.names
        votes = self.votes
        if previous:
            transfers = tuple(v - p for v, p in zip(votes, previous, strict=True))
        else:
            transfers = tuple([0] * len(names))
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                action=action,
                subject=tuple(names[c] for c in subject),
                reason=reason,
                votes=tuple(votes),
                transfers=transfers,
                non_transferable=non_transferable,
                rounding=rounding,
                quota=self.quota,
                status=tuple(STATE_NAMES[s] for s in self.state),
                elected=tuple(names[c] for c in new_elected),
                excluded=tuple(names[c] for c in new_excluded),
                keep_factors=keep_factors,
            )
        )

    def result(
        self,
        *,
        rule: str,
        precision: int,
        display_precision: int | None,
        quota_rule: str,
        total_votes: int,
        options: dict[str, object],
    ) -> StvResult:
        """The finished count; ``display_precision`` ``None`` means the full precision."""
        names = self.names
        votes = self.votes
        return StvResult(
            rule=rule,
            title=self.title,
            candidates=names,
            seats=self.seats,
            precision=precision,
            display_precision=display_precision if display_precision is not None else precision,
            quota_rule=quota_rule,
            total_votes=total_votes,
            elected=tuple(names[c] for c in self.elected),
            excluded=tuple(names[c] for c in self.excluded),
            not_elected=tuple(names[c] for c in sorted(self.hopefuls(), key=lambda c: -votes[c])),
            withdrawn=tuple(names[c] for c in self.withdrawn),
            stages=tuple(self.stages),
            seed=self.ties.seed,
            ties=tuple(self.ties.record),
            options=options,
        )
