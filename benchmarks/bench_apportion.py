"""Benchmark: orgkit's exact apportionment against the PyPI ``apportionment`` package.

Run:  python benchmarks/bench_apportion.py [--quick]

Each case is timed in the same run for orgkit (exact integers) and, when the optional peer is
installed (``pip install apportionment``), for the peer in its float mode and its
``fractions=True`` mode (skipped where it would build an enormous table of Fractions). The
script checks that the seats agree and prints times (best of several runs) and ratios
(peer time ÷ orgkit time: above 1 means orgkit is faster). This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere, without installing orgkit
    sys.path.insert(0, str(REPO))

from orgkit.elections.counting.apportion import apportion  # noqa: E402

HOUSE_CSV = REPO / "tests" / "golden" / "apportionment" / "us-house-2020.csv"

# orgkit method → the peer's name for it
PEER_NAMES = {
    "dhondt": "dhondt",
    "sainte-lague": "saintelague",
    "modified-sainte-lague": "modified_saintelague",
    "huntington-hill": "huntington",
    "adams": "adams",
    "hare": "largest_remainder",
}

# Above this many table cells (units × seats) the peer's Fraction mode is not attempted.
PEER_FRACTION_CELL_LIMIT = 300_000


def best_time(function: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Best wall time of ``repeats`` calls, and the last call's value."""
    best = float("inf")
    value = None
    for _ in range(repeats):
        start = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - start)
    return best, value


def us_house() -> dict[str, int]:
    with HOUSE_CSV.open(encoding="utf-8") as handle:
        return {
            row["state"]: int(row["apportionment_population"]) for row in csv.DictReader(handle)
        }


def synthetic(units: int, seed: int) -> dict[str, int]:
    """Seeded, skewed vote counts (a few large units, many small), as real lists have."""
    rng = random.Random(seed)
    return {f"U{i:05d}": int(rng.paretovariate(1.2) * 10_000) + i for i in range(units)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller cases")
    options = parser.parse_args()
    repeats = 3 if options.quick else 7

    try:
        import apportionment.methods as peer  # type: ignore[import-not-found]
    except ImportError:  # the optional `bench` extra is not installed
        peer = None

    house = us_house()
    cases: list[tuple[str, dict[str, int], int, str]] = [
        ("US House 2020", house, 435, method) for method in PEER_NAMES
    ]
    big_units, big_seats = (200, 2_000) if options.quick else (1_000, 10_000)
    cases += [
        (
            "Wikipedia 1.4 tie",
            {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000},
            8,
            "modified-sainte-lague",
        ),
        ("synthetic 100 units", synthetic(100, 1), 1_000, "dhondt"),
        ("synthetic 100 units", synthetic(100, 1), 1_000, "huntington-hill"),
        (f"synthetic {big_units} units", synthetic(big_units, 2), big_seats, "sainte-lague"),
        (f"synthetic {big_units} units", synthetic(big_units, 2), big_seats, "hare"),
    ]

    header = (
        f"{'case':<24} {'method':<22} {'seats':>6} {'orgkit ms':>10} "
        f"{'peer float ms':>14} {'ratio':>6} {'peer exact ms':>14} {'ratio':>6}  agree"
    )
    print(header)
    print("-" * len(header))
    for label, votes, seats, method in cases:
        ours_time, ours = best_time(
            lambda v=votes, s=seats, m=method: apportion(votes=v, seats=s, method=m), repeats
        )
        ours_seats = list(ours.seats.values())
        float_cell = exact_cell = float_ratio = exact_ratio = "-"
        agree = "n/a (peer not installed)"
        if peer is not None:
            values = list(votes.values())
            names = list(votes)  # the peer's default names run out after 52 units
            name = PEER_NAMES[method]
            float_time, float_seats = best_time(
                lambda n=name, v=values, s=seats, p=names: peer.compute(
                    n, v, s, parties=p, verbose=False
                ),
                repeats,
            )
            float_cell, float_ratio = f"{float_time * 1000:.2f}", f"{float_time / ours_time:.1f}"
            agreement = [list(map(int, float_seats)) == ours_seats]
            if len(values) * seats <= PEER_FRACTION_CELL_LIMIT:
                exact_time, exact_seats = best_time(
                    lambda n=name, v=values, s=seats, p=names: peer.compute(
                        n, v, s, fractions=True, parties=p, verbose=False
                    ),
                    max(1, repeats // 3),
                )
                exact_cell = f"{exact_time * 1000:.2f}"
                exact_ratio = f"{exact_time / ours_time:.1f}"
                agreement.append(list(map(int, exact_seats)) == ours_seats)
            agree = "yes" if all(agreement) else "NO"
            if not ours.decided:
                # The peer breaks ties silently by list order; orgkit reports them instead.
                agree = f"tie: orgkit reports it, the peer silently gives {list(float_seats)}"
        print(
            f"{label:<24} {method:<22} {seats:>6} {ours_time * 1000:>10.2f} "
            f"{float_cell:>14} {float_ratio:>6} {exact_cell:>14} {exact_ratio:>6}  {agree}"
        )
    print()
    print("ratio = peer time / orgkit time (above 1: orgkit faster). orgkit is exact throughout;")
    print("the peer's fractions=True mode still divides in floats for huntington-hill and")
    print("modified-sainte-lague, so those 'exact' columns are float figures.")


if __name__ == "__main__":
    main()
