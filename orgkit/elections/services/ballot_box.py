"""The ballot box: ballots and receipts sealed while voting is open, mixed when it closes.

Why it exists (docs/elections.md, "Ballot secrecy"): casting marks the roll and writes the
ballot and the receipt in one transaction, so on PostgreSQL the three rows share the hidden
``xmin`` and sit side by side in physical order (``ctid``, and so in a dump). "No foreign key"
is not enough. So:

1. While voting is open every ballot and receipt is **sealed** (AES-GCM) under the election's
   own data key, which is stored only wrapped under the master key from the environment. A copy
   of the database taken during voting holds ciphertexts of one fixed length per election:
   nothing about any ballot's content, not even how many candidates it ranks.
2. When the count starts, :func:`ballot_box_mix` opens every ballot and receipt, deletes the
   sealed rows and writes them again in plaintext, each table in its own random order, all in
   one transaction: every new row then carries the same ``xmin`` (the mix's) and a random
   place. The data key is destroyed in the same transaction, so every older copy of the sealed
   rows (dead tuples, WAL, a backup from voting day) is noise even to someone who later gets
   the master key — unless they also kept a copy of the wrapped key from before the mix.
3. After the commit :func:`vacuum_ballot_box` removes the dead rows on PostgreSQL.

The roll still flips "not voted" → "voted" in the casting transaction, so one ballot per voter
stays a database guarantee.
"""

from __future__ import annotations

import logging
import secrets
import struct
import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from django.db import connection

from orgkit.core import sealing
from orgkit.elections.models import Ballot, Election, Receipt

logger = logging.getLogger(__name__)

# Bulk writes in slices: a million ballots must not be one statement.
MIX_BATCH = 5_000


def _key_context(election_id: int) -> bytes:
    return f"election:{election_id}".encode()


def ballot_key_create(*, election: Election) -> None:
    """Give ``election`` a fresh data key (stored wrapped). Call when voting opens."""
    election.ballot_key = sealing.wrap_key(
        sealing.new_data_key(), context=_key_context(election.pk)
    )


@lru_cache(maxsize=64)
def _unwrapped(election_id: int, wrapped: bytes) -> bytes:
    # Keyed by the wrapped bytes too, so a destroyed or replaced key is never served stale.
    return sealing.unwrap_key(wrapped, context=_key_context(election_id))


def _data_key(election: Election) -> bytes:
    if not election.ballot_key:
        raise sealing.SealError("this election's ballot key is gone (the box was mixed)")
    return _unwrapped(election.pk, bytes(election.ballot_key))


def encode_ranking(ranking: Sequence[int], *, width: int) -> bytes:
    """The ranking as ``width`` big-endian 64-bit ids, zero-padded: every ballot of an election
    seals to the same length whatever it ranks."""
    if len(ranking) > width:
        raise ValueError("ranking longer than the ballot")
    return struct.pack(f">{width}q", *ranking, *([0] * (width - len(ranking))))


def decode_ranking(payload: bytes) -> list[int]:
    values = struct.unpack(f">{len(payload) // 8}q", payload)
    return [v for v in values if v]


def ballot_seal(*, election: Election, ranking: Sequence[int], width: int) -> bytes:
    """A sealed ballot for ``election`` (``width``: how many names the ballot prints)."""
    return sealing.seal_with(
        _data_key(election),
        encode_ranking(ranking, width=width),
        context=f"ballot:{election.pk}".encode(),
    )


def receipt_seal(*, election: Election, code: str) -> bytes:
    return sealing.seal_with(
        _data_key(election), code.encode(), context=f"receipt:{election.pk}".encode()
    )


def ballot_box_mix(*, election: Election, at: datetime) -> int:
    """Open, shuffle and rewrite ``election``'s ballots and receipts, then destroy its key.

    Call inside the counting transaction with the election row locked. Idempotent: an election
    already mixed is left alone. Returns how many ballots were mixed.
    """
    if election.mixed_at is not None:
        return 0
    key = _data_key(election) if election.ballot_key else None

    def opened(sealed, context: bytes) -> bytes:
        if key is None:
            raise sealing.SealError("a sealed row, but the election has no ballot key")
        return sealing.unseal_with(key, bytes(sealed), context=context)

    # A row without ``sealed`` was written before sealing existed (see migration 0003).
    ballot_context = f"ballot:{election.pk}".encode()
    ballots = [
        (ranking if sealed is None else decode_ranking(opened(sealed, ballot_context)), weight)
        for sealed, ranking, weight in Ballot.objects.filter(election=election)
        .values_list("sealed", "ranking", "weight")
        .iterator(chunk_size=MIX_BATCH)
    ]
    receipt_context = f"receipt:{election.pk}".encode()
    codes = [
        code if sealed is None else opened(sealed, receipt_context).decode()
        for sealed, code in Receipt.objects.filter(election=election)
        .values_list("sealed", "code")
        .iterator(chunk_size=MIX_BATCH)
    ]
    # Two independent shuffles: the n-th receipt must not sit beside the n-th ballot either.
    rng = secrets.SystemRandom()
    rng.shuffle(ballots)
    rng.shuffle(codes)
    Ballot.objects.filter(election=election).delete()
    Receipt.objects.filter(election=election).delete()
    org_id = election.organization_id
    _insert(
        Ballot,
        ["organization_id", "election_id", "ranking", "weight"],
        ((org_id, election.pk, ranking, weight) for ranking, weight in ballots),
    )
    _insert(
        Receipt,
        ["organization_id", "election_id", "code"],
        ((org_id, election.pk, code) for code in codes),
    )
    election.ballot_key = b""
    election.mixed_at = at
    election.save(update_fields=["ballot_key", "mixed_at"])
    return len(ballots)


def _insert(model, columns: list[str], rows) -> None:
    """Write rows with fresh random ids: COPY on PostgreSQL (a million ballots in seconds),
    bulk INSERTs elsewhere."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in ["id", *columns])
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row((uuid.uuid4(), *row))
        return
    model.objects.bulk_create(
        (model(**dict(zip(columns, row, strict=True))) for row in rows), batch_size=MIX_BATCH
    )


def vacuum_ballot_box() -> None:
    """Remove dead row versions left by a mix (PostgreSQL; outside any transaction).

    The dead rows hold only ciphertext under a destroyed key, so this is the second lock on the
    door, not the first: skipped, with a log line, where it cannot run.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = [Ballot._meta.db_table, Receipt._meta.db_table, Election._meta.db_table]
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {', '.join(tables)}")
    except Exception:  # a failed vacuum must not undo or hide a stored result
        logger.exception("VACUUM of the ballot box failed; autovacuum will get to it")
