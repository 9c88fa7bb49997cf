"""STV benchmark: 1M synthetic ballots, every preset, and the PyPI peers on the same ballots.

Usage::

    python benchmarks/bench_stv.py [--ballots 1000000] [--seed 2026] [--repeat 3] [--no-peers]

The generator is seeded: 50 candidates in 5 party clusters, 9 seats, voter blocs whose
rankings (length 1-10) are drawn by a Plackett-Luce model over the bloc's own party and then a
second party, so that about 20,000 distinct rankings occur (the exact count is printed). The
ballots are written one per line, shuffled, to a temporary .blt file, and the script times

* parse + group (reading the 1M-line file into grouped ballots),
* the count step of each preset (best of ``--repeat``),

then, if installed (the ``bench`` extra), the peers on the same grouped ballots -- VoteKit
FastSTV, pyrcv, pref_voting (Scottish STV, Meek) and stvpoll (Scottish STV) -- printing time
ratios and whether winners agree where the rules are the same.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orgkit.elections.counting.blt import read_blt  # noqa: E402
from orgkit.elections.counting.stv import count_stv  # noqa: E402

PARTIES = 5
PER_PARTY = 10
SEATS = 9
TARGET_DISTINCT = 20_000


def generate(ballots: int, seed: int) -> tuple[list[str], list[tuple[tuple[int, ...], int]]]:
    """Return candidate names and (ranking, count) pairs summing to ``ballots``."""
    rng = random.Random(seed)
    names = [f"P{p + 1}-{chr(65 + i)}" for p in range(PARTIES) for i in range(PER_PARTY)]
    party_share = [0.30, 0.25, 0.20, 0.15, 0.10]
    blocs = []
    for _ in range(300):
        p = rng.choices(range(PARTIES), weights=party_share)[0]
        q = rng.choice([x for x in range(PARTIES) if x != p])
        # Bloc taste over candidates: a few favourites, a long tail.
        taste = {c: rng.paretovariate(1.2) for c in range(PARTIES * PER_PARTY)}
        blocs.append((p, q, taste, rng.random() + 0.2))
    lengths = range(1, 11)
    length_w = [12, 10, 9, 8, 7, 6, 5, 4, 3, 3]

    def pl(cands, taste, k):
        # Plackett-Luce sample of k items: sort by U^(1/w).
        return sorted(cands, key=lambda c: -(rng.random() ** (1.0 / taste[c])))[:k]

    hits: dict[tuple[int, ...], float] = {}
    while len(hits) < TARGET_DISTINCT:
        p, q, taste, bw = rng.choices(blocs, weights=[b[3] for b in blocs])[0]
        length = rng.choices(lengths, weights=length_w)[0]
        own = min(length, rng.choice([1, 2, 3, 4, 5, 6, 10]))
        first = pl(range(p * PER_PARTY, (p + 1) * PER_PARTY), taste, own)
        rest = (
            pl(range(q * PER_PARTY, (q + 1) * PER_PARTY), taste, length - own)
            if length > own
            else []
        )
        r = tuple(first + rest)
        hits[r] = hits.get(r, 0.0) + 1.0
    pool = list(hits)
    weights = [hits[r] ** 1.5 for r in pool]  # popular rankings much more popular
    counts = dict.fromkeys(pool, 1)
    for r in rng.choices(pool, weights=weights, k=ballots - len(pool)):
        counts[r] += 1
    return names, list(counts.items())


def write_file(names, grouped, path: Path, seed: int) -> None:
    rng = random.Random(seed + 1)
    lines = []
    for r, n in grouped:
        line = "1 " + " ".join(str(c + 1) for c in r) + " 0"
        lines.extend([line] * n)
    rng.shuffle(lines)  # one line per paper, in no particular order
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"{len(names)} {SEATS}\n")
        fh.write("\n".join(lines))
        fh.write("\n0\n")
        fh.write("\n".join(f'"{n}"' for n in names))
        fh.write('\n"Synthetic 1M-ballot benchmark"\n')


def best(fn, repeat: int):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


# ---- peers (optional) ------------------------------------------------------------------
def peer_runners(election):
    """Yield (label, same_rule_as, prepare, run) for each installed peer."""
    names = list(election.candidates)
    groups = [(b.ranking, int(b.weight)) for b in election.ballots]
    for peer in (_votekit_runners, _pyrcv_runners, _stvpoll_runners, _pref_voting_runners):
        try:
            yield from peer(election, names, groups)
        except ImportError:
            pass


def _votekit_runners(election, names, groups):
    from votekit import RankBallot, RankProfile
    from votekit.elections import FastSTV

    def vk_prep():
        return RankProfile(
            ballots=[RankBallot(ranking=[{names[c]} for c in r], weight=w) for r, w in groups],
            candidates=names,
        )

    def vk_run(profile):
        e = FastSTV(profile, n_seats=election.seats, transfer="fractional", quota="droop")
        return {c for s in e.get_elected() for c in s}

    yield "votekit FastSTV (floats)", None, vk_prep, vk_run


def _pyrcv_runners(election, names, groups):
    import pyrcv
    from pyrcv.types import RaceData, RaceMetadata

    def rcv_prep():
        return RaceData(
            RaceMetadata("bench", election.seats, names),
            [[c + 1 for c in r] for r, _ in groups],
            [w for _, w in groups],
        )

    def rcv_run(data):
        res = pyrcv.run_rcv(data)
        return {names[int(c) - 1] for rr in res.rounds for c in rr.elected}

    yield "pyrcv (floats)", None, rcv_prep, rcv_run


def _stvpoll_runners(election, names, groups):
    from stvpoll.scottish_stv import ScottishSTV

    def sp_prep():
        return None

    def sp_run(_):
        poll = ScottishSTV(election.seats, names)
        for r, w in groups:
            poll.add_ballot([names[c] for c in r], w)
        return set(poll.calculate().as_dict()["winners"])

    yield "stvpoll ScottishSTV", "scottish", sp_prep, sp_run


def _pref_voting_runners(election, names, groups):
    from pref_voting import proportional_methods as pm
    from pref_voting.profiles_with_ties import ProfileWithTies

    def pv_prep():
        return ProfileWithTies(
            [{c: i + 1 for i, c in enumerate(r)} for r, _ in groups],
            rcounts=[w for _, w in groups],
            candidates=list(range(len(names))),
        )

    def pv_scot(profile):
        return {names[c] for c in pm.stv_scottish(profile, num_seats=election.seats)}

    def pv_meek(profile):
        return {names[c] for c in pm.stv_meek(profile, num_seats=election.seats)}

    yield "pref_voting stv_scottish", "scottish", pv_prep, pv_scot
    if os.environ.get("BENCH_PREF_VOTING_MEEK", "1") == "1":
        yield "pref_voting stv_meek (floats)", "meek", pv_prep, pv_meek


def run_isolated(prep, run, repeat: int, timeout: float, ours=None):
    """Run a peer in a forked child so a slow or crashing peer cannot stop the benchmark.

    ``ours`` (a callable) is timed in the same child just before the peer, so that the ratio
    compares two figures taken under the same machine load.
    """
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    queue = ctx.Queue()

    def child():
        try:
            data = prep()
            mine = best(ours, repeat)[0] if ours is not None else 0.0
            secs, winners = best(lambda: run(data), repeat)
            queue.put(("ok", secs, winners, mine))
        except Exception as exc:  # report, do not crash the benchmark
            queue.put((f"failed: {exc.__class__.__name__}: {str(exc)[:60]}", 0.0, set(), 0.0))

    proc = ctx.Process(target=child)
    proc.start()
    try:
        return queue.get(timeout=timeout)
    except Exception:
        return (f"did not finish within {timeout:.0f} s (stopped)", 0.0, set(), 0.0)
    finally:
        proc.join(1)
        if proc.is_alive():
            proc.kill()
            proc.join()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ballots", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--peer-timeout", type=float, default=300.0, help="seconds allowed per peer")
    args = ap.parse_args()

    t = time.perf_counter()
    names, grouped = generate(args.ballots, args.seed)
    gen_time = time.perf_counter() - t
    lengths = [len(r) for r, _ in grouped]
    print(
        f"generated {sum(n for _, n in grouped):,} ballots, {len(names)} candidates, {SEATS} seats "
        f"in {gen_time:.1f} s; distinct rankings: {len(grouped):,} (length {min(lengths)}-{max(lengths)})"
    )

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.blt"
        write_file(names, grouped, path, args.seed)
        size = path.stat().st_size
        parse_time, election = best(lambda: read_blt(path), 1)
    print(
        f"parse + group of {args.ballots:,} lines ({size / 1e6:.1f} MB): {parse_time:.3f} s "
        f"-> {len(election.ballots):,} groups"
    )

    ours: dict[str, tuple[float, set[str]]] = {}
    print(f"\n{'count step':38} {'seconds':>9} {'parse+group+count':>18}   elected")
    for rule in ("scottish", "wigm", "meek"):
        secs, result = best(
            lambda rule=rule: count_stv(election, rule=rule, seed="bench"), args.repeat
        )
        ours[rule] = (secs, set(result.elected))
        print(
            f"orgkit {rule:31} {secs:9.3f} {parse_time + secs:18.3f}   {', '.join(result.elected)}"
            f"  [{len(result.stages)} stages]"
        )

    if args.no_peers:
        return 0
    print(
        f"\n{'peer (same grouped ballots)':34} {'peer s':>8} {'ours s':>8} {'peer/ours':>9}  winners"
    )
    for label, same, prep, run in peer_runners(election):
        repeat = 1 if ("pref_voting" in label or "stvpoll" in label) else args.repeat
        ref_rule = same or "scottish"
        status, secs, winners, mine = run_isolated(
            prep,
            run,
            repeat,
            args.peer_timeout,
            ours=lambda r=ref_rule: count_stv(election, rule=r, seed="bench"),
        )
        if status != "ok":
            print(f"{label:34} {status}")
            continue
        ref = ours[ref_rule][1]
        agree = "same winners" if winners == ref else f"DIFFERENT: {sorted(winners ^ ref)}"
        kind = f"rule = ours {same}" if same else "similar rule; vs ours scottish"
        print(f"{label:34} {secs:8.3f} {mine:8.3f} {secs / mine:9.1f}  {agree} ({kind})")
    print("(ours s: our count re-timed in the same child process just before the peer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
