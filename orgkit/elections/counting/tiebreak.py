"""Drawing lots reproducibly.

A lot must be fair *and* re-drawable: anyone re-running a count with the seed recorded in the
result must get the same draw. So the lot is not `random.random()` but a SHA-256 hash of the
seed, a purpose label (which tie, at which stage) and each candidate's name. The candidate with
the lowest hash is drawn first. Changing the seed reshuffles every lot; nobody can steer a lot
without changing the published seed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def lot_order(*, seed: str, purpose: str, names: Iterable[str]) -> list[str]:
    """Return ``names`` in the order a lot drawn from ``seed`` puts them (first = drawn first).

    ``purpose`` distinguishes separate draws with the same seed, e.g. ``"stage 4 exclusion"``,
    so that two ties in one count do not reuse the same ordering.
    """

    def key(name: str) -> tuple[str, str]:
        digest = hashlib.sha256(f"{seed}\x1f{purpose}\x1f{name}".encode()).hexdigest()
        return (digest, name)

    return sorted(names, key=key)


def draw_one(*, seed: str, purpose: str, names: Iterable[str]) -> str:
    """Draw a single name by lot (the first of :func:`lot_order`)."""
    ordered = lot_order(seed=seed, purpose=purpose, names=names)
    if not ordered:
        raise ValueError("cannot draw a lot among no candidates")
    return ordered[0]
