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

from ..ballots import Election
from ..fixedpoint import scale
from ..result import Stage, StvResult
from .common import (
    ELECTED,
    EXCLUDED,
    HOPEFUL,
    STATE_NAMES,
    WITHDRAWN,
    StvOptions,
    TieBreaker,
    prepare_groups,
    quota_fixed,
)

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
    names = election.candidates
    n = len(names)
    seats = election.seats
    places = opts.precision
    one = scale(places)
    rankings, weights, total = prepare_groups(election, places)
    quota, strict = quota_fixed(total, seats, opts)
    ties = TieBreaker(names, seed, lookback)

    state = [HOPEFUL] * n
    for k in election.withdrawn:
        state[k] = WITHDRAWN
    votes = [0] * n
    parcels: list[list[Parcel]] = [[] for _ in range(n)]

    # First preferences: one parcel per candidate, every paper worth one.
    pos = [0] * len(rankings)
    first: list[list[int]] = [[] for _ in range(n)]
    firstw = [0] * n
    for g, r in enumerate(rankings):
        c = r[0]
        first[c].append(g)
        firstw[c] += weights[g]
    for c in range(n):
        if first[c]:
            parcels[c].append((one, first[c], firstw[c]))
            votes[c] = firstw[c]  # weight (fixed) x value one / one

    history: list[tuple[int, ...]] = []
    stages: list[Stage] = []
    elected: list[int] = []
    excluded: list[int] = []
    pending: list[int] = []  # elected candidates whose surplus is still to be transferred
    non_transferable = 0
    rounding = 0

    def reached(v: int) -> bool:
        return v > quota if strict else v >= quota

    def elect_new(stage_no: int) -> list[int]:
        new = [c for c in range(n) if state[c] == HOPEFUL and reached(votes[c])]
        # Order of election within a stage: highest total first; equal totals settled like a
        # surplus tie (an earlier stage, then lot), which is also the order surpluses go in.
        ordered: list[int] = []
        rest = list(new)
        while rest:
            top = max(votes[c] for c in rest)
            tied = [c for c in rest if votes[c] == top]
            pick = ties.choose(tied, stage=stage_no, purpose="order of election", lowest=False, history=history[:-1]) if len(tied) > 1 else tied[0]
            ordered.append(pick)
            rest.remove(pick)
        for c in ordered:
            state[c] = ELECTED
            elected.append(c)
            pending.append(c)
        return ordered

    def record(number: int, action: str, subject: list[int], reason: str, prev: list[int] | None,
               new_elected: list[int], new_excluded: list[int]) -> None:
        stages.append(
            Stage(
                number=number,
                action=action,
                subject=tuple(names[c] for c in subject),
                reason=reason,
                votes=tuple(votes),
                transfers=tuple(v - p for v, p in zip(votes, prev, strict=True)) if prev else tuple([0] * n),
                non_transferable=non_transferable,
                rounding=rounding,
                quota=quota,
                status=tuple(STATE_NAMES[s] for s in state),
                elected=tuple(names[c] for c in new_elected),
                excluded=tuple(names[c] for c in new_excluded),
            )
        )

    def seats_left() -> int:
        return seats - len(elected)

    def finish_if_done(stage_no: int, new_elected: list[int]) -> bool:
        """Rule 52: when continuing candidates no longer outnumber vacancies, they are elected."""
        if seats_left() <= 0:
            return True
        hopeful = [c for c in range(n) if state[c] == HOPEFUL]
        if len(hopeful) <= seats_left():
            rest = sorted(hopeful, key=lambda c: -votes[c])
            for c in rest:
                state[c] = ELECTED
                elected.append(c)
            new_elected.extend(rest)
            return True
        return False

    def move(parcel_list: list[Parcel], value_of) -> tuple[int, int]:
        """Move parcels to the next continuing preference; return (credited, exhausted)."""
        credited_total = 0
        exhausted = 0
        for value, groups, _w in parcel_list:
            nv = value_of(value)
            buckets: dict[int, list[int]] = {}
            bw: dict[int, int] = {}
            lost_w = 0
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
                        bw[t] = weights[g]
                    else:
                        b.append(g)
                        bw[t] += weights[g]
                else:
                    lost_w += weights[g]
            for t, ents in buckets.items():
                w = bw[t]
                credit = w * nv // one
                votes[t] += credit
                credited_total += credit
                parcels[t].append((nv, ents, w))
            exhausted += lost_w * nv // one
        return credited_total, exhausted

    # ---- stage 1 ------------------------------------------------------------------------
    history.append(tuple(votes))
    new = elect_new(1)
    done = finish_if_done(1, new)
    record(1, "first preferences", [], "count of first preferences", None, new, [])
    history[-1] = tuple(votes)

    stage_no = 1
    while not done:
        prev = list(votes)
        stage_no += 1
        # Surpluses first, largest first (rule 49); a candidate exactly at quota has none.
        pending[:] = [c for c in pending if votes[c] > quota]
        if pending:
            top = max(votes[c] for c in pending)
            tied = [c for c in pending if votes[c] == top]
            c = ties.choose(
                tied, stage=stage_no, purpose="order of surplus transfer", lowest=False,
                history=history, settled_order=elected,
            )
            pending.remove(c)
            total_c = votes[c]
            surplus = total_c - quota
            plist = parcels[c]
            parcels[c] = []
            credited, exhausted = move(plist, lambda v, s=surplus, t=total_c: v * s // t)
            votes[c] = quota
            non_transferable += surplus - credited
            rounding += surplus - credited - exhausted
            action, subject, reason = "surplus", [c], f"transfer of the surplus of {names[c]}"
            new_excl: list[int] = []
        else:
            hopeful = [c for c in range(n) if state[c] == HOPEFUL]
            low = min(votes[c] for c in hopeful)
            tied = [c for c in hopeful if votes[c] == low]
            c = ties.choose(tied, stage=stage_no, purpose="exclusion", lowest=True, history=history)
            state[c] = EXCLUDED
            excluded.append(c)
            total_c = votes[c]
            plist = parcels[c]
            parcels[c] = []
            credited, exhausted = move(plist, lambda v: v)
            votes[c] = 0
            non_transferable += total_c - credited
            rounding += total_c - credited - exhausted
            action, subject, reason = "exclusion", [c], f"exclusion of {names[c]} (lowest total)"
            new_excl = [c]
        history.append(tuple(votes))
        new = elect_new(stage_no)
        done = finish_if_done(stage_no, new)
        record(stage_no, action, subject, reason, prev, new, new_excl)

    hopeful_left = [c for c in range(n) if state[c] == HOPEFUL]
    return StvResult(
        rule=rule,
        title=election.title,
        candidates=names,
        seats=seats,
        precision=places,
        display_precision=opts.display_precision if opts.display_precision is not None else places,
        quota_rule=_quota_label(opts),
        total_votes=total,
        elected=tuple(names[c] for c in elected),
        excluded=tuple(names[c] for c in excluded),
        not_elected=tuple(names[c] for c in sorted(hopeful_left, key=lambda c: -votes[c])),
        withdrawn=tuple(names[c] for c in sorted(election.withdrawn)),
        stages=tuple(stages),
        seed=seed,
        ties=tuple(ties.record),
        options={"precision": places, "quota": opts.quota, "integer_quota": opts.integer_quota},
    )


def _quota_label(opts: StvOptions) -> str:
    if opts.quota == "droop":
        return "Droop, whole number floor(v/(s+1))+1" if opts.integer_quota else "Droop, exact v/(s+1) (must be exceeded)"
    return "Hare, whole number ceil(v/s)" if opts.integer_quota else "Hare, exact v/s"
