"""The order in which a voter's ballot lists the names (pure: no Django, no database).

Being listed first wins votes whatever the candidate's merits. Listing the names in a
different random order for each voter cancels that advantage across the electorate, as
OpaVote and most election authorities do. The order is derived, not stored: the same voter
sees the same order on every visit, and nothing about it is kept with the ballot (which stores
only the ranking by candidate), so it cannot link a ballot to anyone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def shuffled_for_voter(ids: Iterable[int], *, election_seed: str, voter_key: str) -> list[int]:
    """``ids`` in this voter's own order: sorted by a hash of the election's seed (fixed when
    voting opened, unknown before), the voter and the id — uniform, repeatable per voter."""

    def key(pk: int) -> bytes:
        return hashlib.sha256(f"{election_seed}\x1f{voter_key}\x1f{pk}".encode()).digest()

    return sorted(ids, key=key)
