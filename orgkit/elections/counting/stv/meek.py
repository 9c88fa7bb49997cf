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

from dataclasses import replace

from ..ballots import Election
from ..fixedpoint import div_ceil, scale
from ..result import Stage, StvResult
from .common import ELECTED, EXCLUDED, HOPEFUL, STATE_NAMES, WITHDRAWN, TieBreaker, prepare_groups


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
    names = election.candidates
    n = len(names)
    seats = election.seats
    one = scale(precision)
    omega_fx = scale(precision) // scale(omega) if omega <= precision else 0
    rankings, weights, total = prepare_groups(election, precision)
    ties = TieBreaker(names, seed, lookback=False)

    state = [HOPEFUL] * n
    kf = [one] * n
    for k in election.withdrawn:
        state[k] = WITHDRAWN
        kf[k] = 0

    # --- reduced ballots ------------------------------------------------------------------
    # For group g: path[g] (elected candidates passed, in order), pos[g] (index of its first
    # hopeful, or len(ranking) when it has none).
    path: list[tuple[int, ...]] = [()] * len(rankings)
    pos = [0] * len(rankings)
    by_terminal: list[list[int]] = [[] for _ in range(n)]
    agg: dict[tuple[int, ...], dict[int, int]] = {}

    def add(g: int, sign: int) -> None:
        r = rankings[g]
        t = r[pos[g]] if pos[g] < len(r) else -1
        d = agg.get(path[g])
        if d is None:
            d = agg[path[g]] = {}
        nv = d.get(t, 0) + sign * weights[g]
        if nv:
            d[t] = nv
        else:
            d.pop(t, None)
            if not d:
                del agg[path[g]]

    def walk(g: int, start: int, prefix: tuple[int, ...]) -> None:
        r = rankings[g]
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
        path[g] = prefix + tuple(extra) if extra else prefix
        pos[g] = p
        if p < ln:
            by_terminal[r[p]].append(g)

    for g in range(len(rankings)):
        walk(g, 0, ())
        add(g, +1)

    def state_changed(c: int) -> None:
        """Candidate c left the hopeful state: re-walk the groups that stopped at c."""
        groups = by_terminal[c]
        by_terminal[c] = []
        for g in groups:
            add(g, -1)
            prefix = path[g] + (c,) if state[c] == ELECTED else path[g]
            walk(g, pos[g] + 1, prefix)
            add(g, +1)

    # --- distribution ---------------------------------------------------------------------
    def distribute() -> tuple[list[int], int]:
        acc = [0] * n
        exhausted = 0
        for p, terms in agg.items():
            w = one
            if p:
                wt = sum(terms.values())
                for e in p:
                    k = kf[e]
                    acc[e] += (w * k // one) * wt
                    w = w * (one - k) // one
                    if not w:
                        break
            for t, wt in terms.items():
                if t >= 0:
                    acc[t] += w * wt
                else:
                    exhausted += w * wt
        return [a // one for a in acc], exhausted // one

    stages: list[Stage] = []
    elected: list[int] = []
    excluded: list[int] = []
    votes, exhausted = distribute()
    quota = total // (seats + 1)

    def record(action: str, subject: list[int], reason: str, prev: list[int] | None,
               new_el: list[int], new_ex: list[int]) -> None:
        stages.append(
            Stage(
                number=len(stages) + 1,
                action=action,
                subject=tuple(names[c] for c in subject),
                reason=reason,
                votes=tuple(votes),
                transfers=tuple(v - p for v, p in zip(votes, prev, strict=True)) if prev else tuple([0] * n),
                non_transferable=exhausted,
                rounding=total - exhausted - sum(votes),
                quota=quota,
                status=tuple(STATE_NAMES[s] for s in state),
                elected=tuple(names[c] for c in new_el),
                excluded=tuple(names[c] for c in new_ex),
                keep_factors=tuple(kf),
            )
        )

    def seats_left() -> int:
        return seats - len(elected)

    def hopefuls() -> list[int]:
        return [c for c in range(n) if state[c] == HOPEFUL]

    def complete() -> bool:
        return seats_left() <= 0 or len(hopefuls()) <= seats_left()

    def elect(cs: list[int], stage_no: int) -> list[int]:
        order: list[int] = []
        rest = list(cs)
        while rest:
            top = max(votes[c] for c in rest)
            tied = [c for c in rest if votes[c] == top]
            pick = ties.choose(tied, stage=stage_no, purpose="order of election", lowest=False)
            order.append(pick)
            rest.remove(pick)
        for c in order:
            state[c] = ELECTED
            elected.append(c)
            state_changed(c)
        return order

    def find_batch(surplus: int) -> list[int]:
        hs = sorted(hopefuls(), key=lambda c: votes[c])
        groups: list[list[int]] = []
        base = None
        for c in hs:
            if groups and base is not None and base + surplus >= votes[c]:
                groups[-1].append(c)
            else:
                groups.append([c])
                base = votes[c]
        max_defeat = len(hs) - seats_left()
        cum = 0
        count = 0
        best = -1
        for gi in range(len(groups) - 1):
            count += len(groups[gi])
            if count > max_defeat:
                break
            cum += sum(votes[c] for c in groups[gi])
            if cum + surplus < votes[groups[gi + 1][0]]:
                best = gi
        return [c for gi in range(best + 1) for c in groups[gi]]

    # Stage 1: first preferences, before any iteration.
    record("first preferences", [], "count of first preferences", None, [], [])
    if complete():
        # Nothing to count: no more hopefuls than seats (or no seats left).
        done = _finish(hopefuls, seats_left, state, elected, votes, state_changed)
        stages[0] = replace(stages[0], elected=tuple(names[c] for c in done), status=tuple(STATE_NAMES[s] for s in state))

    iterations = 0
    while not complete():
        stage_no = len(stages) + 1
        prev = list(stages[-1].votes)
        last_surplus = None
        outcome = ""
        batch: list[int] = []
        surplus = 0
        while True:
            iterations += 1
            if iterations > max_iterations:
                raise RuntimeError("Meek iteration did not converge")
            votes, exhausted = distribute()
            quota = sum(votes[c] for c in range(n) if state[c] in (HOPEFUL, ELECTED)) // (seats + 1)
            winners = [c for c in hopefuls() if votes[c] > quota]
            if winners:
                outcome = "elected"
                break
            surplus = sum(votes[c] - quota for c in elected)
            if surplus <= omega_fx:
                outcome = "omega"
                break
            if last_surplus is not None and surplus >= last_surplus:
                outcome = "stable"
                break
            if batch_defeat:
                batch = find_batch(surplus)
                if batch:
                    outcome = "batch"
                    break
            last_surplus = surplus
            for c in elected:
                kf[c] = div_ceil(div_ceil(kf[c] * quota, one) * one, votes[c])
        if outcome == "elected":
            new = sorted(winners, key=lambda c: -votes[c])
            snapshot_votes = list(votes)
            order = elect(new, stage_no)
            new_el = list(order)
            if complete():
                new_el += _finish(hopefuls, seats_left, state, elected, votes, state_changed)
            votes = snapshot_votes
            record("election", order, "reached the quota", prev, new_el, [])
            continue
        if outcome == "batch":
            losers = batch
            reason = "sure losers: their votes plus the surplus cannot reach the next candidate"
        else:
            low = min(votes[c] for c in hopefuls())
            near = [c for c in hopefuls() if votes[c] <= low + surplus]
            loser = ties.choose(near, stage=stage_no, purpose="exclusion", lowest=True)
            losers = [loser]
            reason = (
                "lowest total once keep factors converged"
                if outcome == "omega"
                else "lowest total (surplus no longer falling)"
            )
            if len(near) > 1:
                reason += "; candidates within the surplus of the lowest count as tied"
        snapshot_votes = list(votes)
        for c in losers:
            state[c] = EXCLUDED
            kf[c] = 0
            excluded.append(c)
            state_changed(c)
        new_el = _finish(hopefuls, seats_left, state, elected, votes, state_changed) if complete() else []
        votes = snapshot_votes
        record("exclusion", losers, reason, prev, new_el, losers)

    leftover = [c for c in range(n) if state[c] == HOPEFUL]
    return StvResult(
        rule=rule,
        title=election.title,
        candidates=names,
        seats=seats,
        precision=precision,
        display_precision=display_precision if display_precision is not None else precision,
        quota_rule="Droop, exact v/(s+1) recomputed every iteration (must be exceeded)",
        total_votes=total,
        elected=tuple(names[c] for c in elected),
        excluded=tuple(names[c] for c in excluded),
        not_elected=tuple(names[c] for c in sorted(leftover, key=lambda c: -votes[c])),
        withdrawn=tuple(names[c] for c in sorted(election.withdrawn)),
        stages=tuple(stages),
        seed=seed,
        ties=tuple(ties.record),
        options={"precision": precision, "omega": omega, "batch_defeat": batch_defeat},
    )


def _finish(hopefuls, seats_left, state, elected, votes, state_changed) -> list[int]:
    """Elect the remaining hopefuls when they no longer outnumber the vacancies."""
    out: list[int] = []
    if seats_left() > 0:
        for c in sorted(hopefuls(), key=lambda c: -votes[c]):
            state[c] = ELECTED
            elected.append(c)
            out.append(c)
    return out
