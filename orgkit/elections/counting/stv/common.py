"""Pieces shared by the STV rules: options, quota, tie-breaking, candidate states."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..ballots import BallotFormatError, Election
from ..fixedpoint import div_ceil, scale, to_fixed
from ..result import TieBreak
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


def prepare_groups(election: Election, precision: int) -> tuple[list[tuple[int, ...]], list[int], int]:
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
