"""Meek STV (Hill, Wichmann & Woodall, Algorithm 123, The Computer Journal 30, 1987), fixed point.

Each elected candidate keeps a fraction ``kf`` (keep factor) of every vote that reaches them and
passes the rest on; hopeful candidates keep everything (kf = 1), excluded ones nothing (kf = 0).
Keep factors are iterated until every elected candidate holds a quota to within ``omega``.

Arithmetic follows the reference counter's Meek rule (Droop, "OpenSTV" rounding): at each
elected candidate a ballot keeps ``floor(w*kf)`` and passes ``floor(w*(1-kf))``; the quota is
``votes/(seats+1)`` (votes = everything not exhausted) and must be exceeded; a keep factor is
updated to ``ceil(ceil(kf*quota)/vote)``. Sure losers are defeated in a batch when their total
plus the surplus cannot reach the next candidate.

Speed: a ballot only depends on the elected candidates it passes before its first hopeful
candidate. Each ballot group is therefore reduced to ``(elected path, first hopeful)`` and the
groups are aggregated on that key; the iteration touches those few aggregates, not the
ballots. When a candidate changes state only the groups that stopped at that candidate are
re-walked, so over a whole count each group is walked once along its ranking.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from ..ballots import Election
from ..fixedpoint import div_ceil, scale
from ..result import StvResult
from .common import ELECTED, HOPEFUL, STATE_NAMES, CountState, TieBreaker, prepare_groups


def count_meek(
    election: Election,
    *,
    rule: str = "meek",
    precision: int = 12,
    omega: int = 9,
    display_precision: int | None = 9,
    seed: str = "",
    batch_defeat: bool = True,
    max_iterations: int = 100_000,
) -> StvResult:
    """Count ``election`` by Meek STV.

    ``precision``: decimal places of the fixed-point arithmetic; ``omega``: iteration stops when
    the total surplus is at most ``10**-omega``; ``batch_defeat``: defeat several sure losers at
    once (never changes the winners, saves rounds).
    """
    count = _MeekCount(
        election,
        precision=precision,
        omega=omega,
        ties=TieBreaker(election.candidates, seed, lookback=False),
        batch_defeat=batch_defeat,
        max_iterations=max_iterations,
    )
    count.first_stage()
    while not count.complete():
        count.next_round()
    return count.result(
        rule=rule,
        precision=precision,
        display_precision=display_precision,
        quota_rule="Droop, exact v/(s+1) recomputed every iteration (must be exceeded)",
        total_votes=count.total,
        options={"precision": precision, "omega": omega, "batch_defeat": batch_defeat},
    )


class _ReducedBallots:
    """Ballot groups reduced to ``(elected path, first hopeful)`` and aggregated on that key.

    For group ``g``: ``path[g]`` is the elected candidates it passes, in order; ``pos[g]`` the
    index of its first hopeful in its ranking (``len(ranking)`` when it has none).
    ``by_terminal[c]`` lists the groups that stop at hopeful ``c``; ``aggregates[path][c]`` is
    the weight of the groups with that path stopping at ``c`` (``-1``: exhausted).
    ``state`` is the count's candidate states, read as they change.
    """

    # Slots: the walk below reads these attributes once per ballot group and state change.
    __slots__ = ("aggregates", "by_terminal", "path", "pos", "rankings", "state", "weights")

    def __init__(self, rankings: list[tuple[int, ...]], weights: list[int], state: list[int]):
        self.rankings = rankings
        self.weights = weights
        self.state = state
        self.path: list[tuple[int, ...]] = [()] * len(rankings)
        self.pos = [0] * len(rankings)
        self.by_terminal: list[list[int]] = [[] for _ in state]
        self.aggregates: dict[tuple[int, ...], dict[int, int]] = {}
        for g in range(len(rankings)):
            self._place(g, 0, ())

    def left_hopeful(self, c: int) -> None:
        """Candidate ``c`` was just elected or excluded: re-walk the groups that stopped at c."""
        groups = self.by_terminal[c]
        self.by_terminal[c] = []
        path, pos = self.path, self.pos
        passes_through = self.state[c] == ELECTED
        for g in groups:
            self._take_out(g)
            self._place(g, pos[g] + 1, path[g] + (c,) if passes_through else path[g])

    def _place(self, g: int, start: int, prefix: tuple[int, ...]) -> None:
        """Walk group ``g`` from ``start`` along its ranking to its first hopeful, adding the
        elected candidates it passes to ``prefix``, and add its weight at that key."""
        r = self.rankings[g]
        state = self.state
        ln = len(r)
        p = start
        extra: list[int] = []
        while p < ln:
            s = state[r[p]]
            if s == HOPEFUL:
                break
            if s == ELECTED:
                extra.append(r[p])
            p += 1
        path = prefix + tuple(extra) if extra else prefix
        self.path[g] = path
        self.pos[g] = p
        if p < ln:
            terminal = r[p]
            self.by_terminal[terminal].append(g)
        else:
            terminal = -1
        terms = self.aggregates.get(path)
        if terms is None:
            self.aggregates[path] = {terminal: self.weights[g]}
        else:
            terms[terminal] = terms.get(terminal, 0) + self.weights[g]

    def _take_out(self, g: int) -> None:
        """Take group ``g``'s weight away from its current key (dropping emptied entries)."""
        r = self.rankings[g]
        p = self.pos[g]
        path = self.path[g]
        terminal = r[p] if p < len(r) else -1
        terms = self.aggregates[path]
        weight = terms[terminal] - self.weights[g]
        if weight:
            terms[terminal] = weight
        else:
            del terms[terminal]
            if not terms:
                del self.aggregates[path]


@dataclass(frozen=True, slots=True)
class _RoundEnd:
    """Why a round's iteration stopped: someone passed the quota (``candidates``: who), the
    surplus fell to omega or stopped falling, or sure losers were found (``candidates``)."""

    outcome: Literal["elected", "omega", "stable", "batch"]
    candidates: tuple[int, ...] = ()
    surplus: int = 0


class _MeekCount(CountState):
    """One Meek count: the shared count state plus keep factors and the reduced ballots."""

    def __init__(
        self,
        election: Election,
        *,
        precision: int,
        omega: int,
        ties: TieBreaker,
        batch_defeat: bool,
        max_iterations: int,
    ) -> None:
        super().__init__(election, ties)
        self.one = scale(precision)
        self.omega = scale(precision) // scale(omega) if omega <= precision else 0
        self.batch_defeat = batch_defeat
        self.max_iterations = max_iterations
        self.iterations = 0
        rankings, weights, self.total = prepare_groups(election, precision)
        self.keep = [self.one] * len(self.names)
        for k in election.withdrawn:
            self.keep[k] = 0
        self.ballots = _ReducedBallots(rankings, weights, self.state)
        self.exhausted = 0

    # -- rounds ---------------------------------------------------------------------------

    def first_stage(self) -> None:
        """Stage 1: first preferences, before any iteration (every keep factor is 1)."""
        self.distribute()
        self.quota = self.total // (self.seats + 1)
        self._record("first preferences", [], "count of first preferences", None, [], [])
        if self.complete():
            # Nothing to count: no more hopefuls than seats (or no seats left).
            done = self.fill_last_seats()
            self.stages[0] = replace(
                self.stages[0],
                elected=tuple(self.names[c] for c in done),
                status=tuple(STATE_NAMES[s] for s in self.state),
            )

    def next_round(self) -> None:
        """One stage: iterate until someone is elected or someone must be excluded."""
        stage = len(self.stages) + 1
        previous = list(self.stages[-1].votes)
        end = self._iterate()
        if end.outcome == "elected":
            self._elect(list(end.candidates), stage, previous)
        else:
            self._exclude(end, stage, previous)

    def _iterate(self) -> _RoundEnd:
        """Distribute and adjust the keep factors until a round-ending event."""
        last_surplus: int | None = None
        while True:
            self.iterations += 1
            if self.iterations > self.max_iterations:
                raise RuntimeError("Meek iteration did not converge")
            self.distribute()
            continuing = sum(
                v for v, s in zip(self.votes, self.state, strict=True) if s in (HOPEFUL, ELECTED)
            )
            self.quota = continuing // (self.seats + 1)
            winners = [c for c in self.hopefuls() if self.votes[c] > self.quota]
            if winners:
                return _RoundEnd("elected", tuple(winners))
            surplus = sum(self.votes[c] - self.quota for c in self.elected)
            if surplus <= self.omega:
                return _RoundEnd("omega", surplus=surplus)
            if last_surplus is not None and surplus >= last_surplus:
                return _RoundEnd("stable", surplus=surplus)
            if self.batch_defeat:
                batch = self._sure_losers(surplus)
                if batch:
                    return _RoundEnd("batch", tuple(batch), surplus)
            last_surplus = surplus
            self._update_keep_factors()

    def _elect(self, winners: list[int], stage: int, previous: list[int]) -> None:
        """Declare ``winners`` elected, highest first, and fill the last seats if that ends
        the count."""
        order = self.order_of_election(winners, stage=stage)
        for c in order:
            self.declare_elected(c)
            self.ballots.left_hopeful(c)
        new_elected = list(order)
        if self.complete():
            new_elected += self.fill_last_seats()
        self._record("election", order, "reached the quota", previous, new_elected, [])

    def _exclude(self, end: _RoundEnd, stage: int, previous: list[int]) -> None:
        """Exclude the sure losers, or the lowest candidate, and fill the last seats if that
        ends the count."""
        if end.outcome == "batch":
            losers = list(end.candidates)
            reason = "sure losers: their votes plus the surplus cannot reach the next candidate"
        else:
            losers, reason = self._lowest(end, stage)
        for c in losers:
            self.declare_excluded(c)
            self.keep[c] = 0
            self.ballots.left_hopeful(c)
        new_elected = self.fill_last_seats() if self.complete() else []
        self._record("exclusion", losers, reason, previous, new_elected, losers)

    def _lowest(self, end: _RoundEnd, stage: int) -> tuple[list[int], str]:
        """The lowest hopeful, and why. Candidates within the surplus of the lowest are tied:
        the arithmetic cannot separate them, so a lot is drawn."""
        hopeful = self.hopefuls()
        low = min(self.votes[c] for c in hopeful)
        near = [c for c in hopeful if self.votes[c] <= low + end.surplus]
        loser = self.ties.choose(near, stage=stage, purpose="exclusion", lowest=True)
        if end.outcome == "omega":
            reason = "lowest total once keep factors converged"
        else:
            reason = "lowest total (surplus no longer falling)"
        if len(near) > 1:
            reason += "; candidates within the surplus of the lowest count as tied"
        return [loser], reason

    # -- arithmetic -----------------------------------------------------------------------

    def distribute(self) -> None:
        """Pass every reduced ballot along its path at the current keep factors: set ``votes``
        and ``exhausted`` (each elected candidate keeps floor(w x kf), passes floor(w x
        (1 - kf)))."""
        one, keep = self.one, self.keep
        acc = [0] * len(keep)
        exhausted = 0
        for path, terms in self.ballots.aggregates.items():
            w = one
            if path:
                weight = sum(terms.values())
                for e in path:
                    k = keep[e]
                    acc[e] += (w * k // one) * weight
                    w = w * (one - k) // one
                    if not w:
                        break
            for t, weight in terms.items():
                if t >= 0:
                    acc[t] += w * weight
                else:
                    exhausted += w * weight
        self.votes = [a // one for a in acc]
        self.exhausted = exhausted // one

    def _update_keep_factors(self) -> None:
        """kf = ceil(ceil(kf x quota) / votes): rounded up, so nobody falls below the quota by
        rounding."""
        one, quota, votes, keep = self.one, self.quota, self.votes, self.keep
        for c in self.elected:
            keep[c] = div_ceil(div_ceil(keep[c] * quota, one) * one, votes[c])

    def _sure_losers(self, surplus: int) -> list[int]:
        """The largest set of lowest hopefuls whose votes plus ``surplus`` stay below the next
        hopeful up (never so many that too few would be left for the seats)."""
        votes = self.votes
        ranked = sorted(self.hopefuls(), key=lambda c: votes[c])
        # Candidates within the surplus of each other cannot be separated: keep them together.
        groups: list[list[int]] = []
        base = 0
        for c in ranked:
            if groups and base + surplus >= votes[c]:
                groups[-1].append(c)
            else:
                groups.append([c])
                base = votes[c]
        max_defeat = len(ranked) - self.seats_left()
        cumulative = 0
        count = 0
        best = -1
        for gi in range(len(groups) - 1):
            count += len(groups[gi])
            if count > max_defeat:
                break
            cumulative += sum(votes[c] for c in groups[gi])
            if cumulative + surplus < votes[groups[gi + 1][0]]:
                best = gi
        return [c for gi in range(best + 1) for c in groups[gi]]

    def _record(
        self,
        action: str,
        subject: list[int],
        reason: str,
        previous: list[int] | None,
        new_elected: list[int],
        new_excluded: list[int],
    ) -> None:
        """Record a stage with Meek's figures: exhausted votes, rounding loss, keep factors."""
        self.record(
            action,
            subject,
            reason,
            previous=previous,
            new_elected=new_elected,
            new_excluded=new_excluded,
            non_transferable=self.exhausted,
            rounding=self.total - self.exhausted - sum(self.votes),
            keep_factors=tuple(self.keep),
        )
