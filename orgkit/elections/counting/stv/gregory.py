"""Weighted inclusive Gregory method (WIGM): the engine behind the Scottish and WIGM presets.

Papers live in *parcels*: a candidate holds a list of ``(value per paper, ballot groups, total
weight)``. A group sits in exactly one parcel at a time, so its current position in its ranking
is kept once, in ``pos[group]``. A stage moves whole parcels:

* a **surplus** moves every parcel of the elected candidate (inclusive Gregory), each paper at
  ``value * surplus / total`` truncated to the rule's precision (Scottish rule 48(3));
* an **exclusion** moves every parcel of the excluded candidate at its own value (rule 50(4)).

Nothing else is touched, and a ballot group moves at most once per preference it carries, so
the work is proportional to the number of distinct rankings, not the number of papers.
"""

from __future__ import annotations

from collections.abc import Callable

from ..ballots import Election
from ..fixedpoint import scale
from ..result import StvResult
from .common import HOPEFUL, CountState, StvOptions, TieBreaker, prepare_groups, quota_fixed

Parcel = tuple[int, list[int], int]  # (value per paper, ballot groups, total weight)


def count_gregory(
    election: Election,
    *,
    rule: str,
    opts: StvOptions,
    seed: str = "",
    lookback: bool = True,
) -> StvResult:
    """Count ``election`` by WIGM with the given options (see the presets in :mod:`.presets`)."""
    count = _GregoryCount(election, opts, TieBreaker(election.candidates, seed, lookback))
    done = count.first_preferences()
    while not done:
        done = count.next_stage()
    return count.result(
        rule=rule,
        precision=opts.precision,
        display_precision=opts.display_precision,
        quota_rule=_quota_label(opts),
        total_votes=count.total,
        options={
            "precision": opts.precision,
            "quota": opts.quota,
            "integer_quota": opts.integer_quota,
        },
    )


class _GregoryCount(CountState):
    """One WIGM count: the shared count state plus the parcels, each ballot group's place in
    its ranking, the surpluses still to transfer, the running losses and the totals at the end
    of every stage (which the tie-breaker looks back through)."""

    def __init__(self, election: Election, opts: StvOptions, ties: TieBreaker) -> None:
        super().__init__(election, ties)
        self.one = scale(opts.precision)
        self.rankings, self.weights, self.total = prepare_groups(election, opts.precision)
        self.quota, self.strict = quota_fixed(self.total, election.seats, opts)
        self.parcels: list[list[Parcel]] = [[] for _ in self.names]
        self.pos = [0] * len(self.rankings)  # where each group stands in its ranking
        self.history: list[tuple[int, ...]] = []  # the totals at the end of each stage
        self.pending: list[int] = []  # elected candidates whose surplus is still to transfer
        self.non_transferable = 0
        self.rounding = 0

    # -- stages ---------------------------------------------------------------------------

    def first_preferences(self) -> bool:
        """Stage 1: one parcel per candidate, every paper worth one. Returns whether the count
        is over."""
        first: list[list[int]] = [[] for _ in self.names]
        first_weight = [0] * len(self.names)
        for g, ranking in enumerate(self.rankings):
            c = ranking[0]
            first[c].append(g)
            first_weight[c] += self.weights[g]
        for c, groups in enumerate(first):
            if groups:
                self.parcels[c].append((self.one, groups, first_weight[c]))
                self.votes[c] = first_weight[c]  # weight (fixed) x value one / one
        return self._end_stage("first preferences", [], "count of first preferences", None, [])

    def next_stage(self) -> bool:
        """Transfer the largest surplus or, with none left, exclude the lowest candidate.
        Returns whether the count is over."""
        previous = list(self.votes)
        stage = len(self.stages) + 1
        c = self._next_surplus(stage)
        if c is not None:
            self._transfer_surplus(c)
            reason = f"transfer of the surplus of {self.names[c]}"
            return self._end_stage("surplus", [c], reason, previous, [])
        c = self._lowest(stage)
        self._exclude(c)
        reason = f"exclusion of {self.names[c]} (lowest total)"
        return self._end_stage("exclusion", [c], reason, previous, [c])

    def _end_stage(
        self,
        action: str,
        subject: list[int],
        reason: str,
        previous: list[int] | None,
        new_excluded: list[int],
    ) -> bool:
        """Close a stage: keep its totals for later ties, elect whoever reached the quota,
        fill the last seats if the count is over (rule 52), and record the stage."""
        stage = len(self.stages) + 1
        self.history.append(tuple(self.votes))
        new_elected = self._elect_reached(stage)
        done = self.complete()
        if done:
            new_elected += self.fill_last_seats()
        self.record(
            action,
            subject,
            reason,
            previous=previous,
            new_elected=new_elected,
            new_excluded=new_excluded,
            non_transferable=self.non_transferable,
            rounding=self.rounding,
        )
        return done

    # -- election, surplus, exclusion -----------------------------------------------------

    def _reached(self, votes: int) -> bool:
        return votes > self.quota if self.strict else votes >= self.quota

    def _elect_reached(self, stage: int) -> list[int]:
        """Elect the continuing candidates who reached the quota (rule 47), in order."""
        reached = [c for c in self.hopefuls() if self._reached(self.votes[c])]
        # The current stage's totals are the ones that tied: look back from the one before.
        ordered = self.order_of_election(reached, stage=stage, history=self.history[:-1])
        for c in ordered:
            self.declare_elected(c)
            self.pending.append(c)
        return ordered

    def _next_surplus(self, stage: int) -> int | None:
        """The elected candidate whose surplus goes next, largest first (rule 49), or
        ``None``. A candidate exactly at the quota has no surplus (rule 48)."""
        self.pending = [c for c in self.pending if self.votes[c] > self.quota]
        if not self.pending:
            return None
        top = max(self.votes[c] for c in self.pending)
        tied = [c for c in self.pending if self.votes[c] == top]
        c = self.ties.choose(
            tied,
            stage=stage,
            purpose="order of surplus transfer",
            lowest=False,
            history=self.history,
            settled_order=self.elected,
        )
        self.pending.remove(c)
        return c

    def _transfer_surplus(self, c: int) -> None:
        """Pass on all of ``c``'s papers at value x surplus / total (rule 48(3)); ``c`` keeps
        the quota."""
        total = self.votes[c]
        surplus = total - self.quota
        parcels, self.parcels[c] = self.parcels[c], []
        credited, exhausted = self._move(parcels, lambda value: value * surplus // total)
        self.votes[c] = self.quota
        self.non_transferable += surplus - credited
        self.rounding += surplus - credited - exhausted

    def _lowest(self, stage: int) -> int:
        """The continuing candidate with the fewest votes (rule 51; ties by rule 51(2))."""
        hopeful = self.hopefuls()
        low = min(self.votes[c] for c in hopeful)
        tied = [c for c in hopeful if self.votes[c] == low]
        return self.ties.choose(
            tied, stage=stage, purpose="exclusion", lowest=True, history=self.history
        )

    def _exclude(self, c: int) -> None:
        """Exclude ``c`` and pass on every paper at the value it arrived with (rule 50(4))."""
        self.declare_excluded(c)
        total = self.votes[c]
        parcels, self.parcels[c] = self.parcels[c], []
        credited, exhausted = self._move(parcels, lambda value: value)
        self.votes[c] = 0
        self.non_transferable += total - credited
        self.rounding += total - credited - exhausted

    def _move(self, moving: list[Parcel], value_of: Callable[[int], int]) -> tuple[int, int]:
        """Move parcels to each paper's next continuing preference, at ``value_of(value)`` per
        paper; return (votes credited, votes exhausted)."""
        # The innermost loop of the count: everything it touches is a local.
        rankings, weights, pos, state = self.rankings, self.weights, self.pos, self.state
        votes, parcels, one = self.votes, self.parcels, self.one
        credited_total = 0
        exhausted = 0
        for value, groups, _weight in moving:
            new_value = value_of(value)
            buckets: dict[int, list[int]] = {}
            bucket_weight: dict[int, int] = {}
            lost_weight = 0
            for g in groups:
                r = rankings[g]
                ln = len(r)
                p = pos[g] + 1
                while p < ln and state[r[p]] != HOPEFUL:
                    p += 1
                if p < ln:
                    pos[g] = p
                    t = r[p]
                    b = buckets.get(t)
                    if b is None:
                        buckets[t] = [g]
                        bucket_weight[t] = weights[g]
                    else:
                        b.append(g)
                        bucket_weight[t] += weights[g]
                else:
                    lost_weight += weights[g]
            for t, moved in buckets.items():
                w = bucket_weight[t]
                credit = w * new_value // one
                votes[t] += credit
                credited_total += credit
                parcels[t].append((new_value, moved, w))
            exhausted += lost_weight * new_value // one
        return credited_total, exhausted


def _quota_label(opts: StvOptions) -> str:
    if opts.quota == "droop":
        if opts.integer_quota:
            return "Droop, whole number floor(v/(s+1))+1"
        return "Droop, exact v/(s+1) (must be exceeded)"
    return "Hare, whole number ceil(v/s)" if opts.integer_quota else "Hare, exact v/s"
