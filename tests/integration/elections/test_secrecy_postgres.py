"""The attacker with a copy of the database (docs/elections.md, "Ballot secrecy").

A reader with SQL — system columns included — or a ``pg_dump`` tries every join the hostile
review tried: ``xmin`` (rows written in one transaction share it), physical order (``ctid``,
which is also a dump's order), ids and timestamps. Each voter casts a ranking no one else casts,
so a correct match is unmistakable. After the close no strategy may beat chance; during voting
no ballot content may be readable at all.

Chance: pairing two lists of n at random gets on average one pair right (the number right is
about Poisson(1)); seven or more right happens less than once in 10,000 runs. Before ballots
were sealed and mixed, the ``xmin`` join got every voter right.
"""

from __future__ import annotations

import itertools
import random
import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.db import connection

from orgkit.elections import services
from orgkit.elections.models import Election
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting
from tests.support import skip_or_fail

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]

VOTERS = 36
# More right than this, by any strategy, is not chance (P(Poisson(1) >= 7) < 1e-4).
CHANCE_CEILING = 6


def sql(query: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


@pytest.fixture
def cast_election(world):
    """36 voters, each with a ranking nobody else chose, and each voter's receipt."""
    voters = add_voters(world, VOTERS)
    election = make_election(world, seats=3, closes_in=timedelta(minutes=30))
    candidates = nominate(world, election, voters[:6])
    open_voting(world, election)
    ids = [c.pk for c in candidates]
    rankings = random.Random(7).sample(list(itertools.permutations(ids, 4)), VOTERS)
    truth = {}
    for voter, ranking in zip(voters, rankings, strict=True):
        receipt = services.ballot_cast(voter=voter, election=election, ranking=list(ranking))
        truth[voter.pk] = (list(ranking), receipt)
    return election, truth


def pairs_right(voters_in_order: list[int], ballots_in_order: list, truth, *, field: int) -> int:
    """Pair the n-th voter with the n-th ballot (or receipt); how many pairs are true?"""
    return sum(
        truth[voter][field] == item
        for voter, item in zip(voters_in_order, ballots_in_order, strict=False)
    )


def dump_rows(table: str) -> list[dict[str, str]]:
    """The rows of ``table`` in the order ``pg_dump`` writes them."""
    if not shutil.which("pg_dump"):
        skip_or_fail("pg_dump is not installed", required=True)
    db = connection.settings_dict
    out = subprocess.run(
        [
            "pg_dump",
            "--data-only",
            f"--table={table}",
            "-h",
            db["HOST"] or "127.0.0.1",
            "-p",
            str(db["PORT"] or 5432),
            "-U",
            db["USER"] or "root",
            db["NAME"],
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    block = re.search(r"^COPY \S+ \(([^)]*)\) FROM stdin;\n(.*?)^\\\.$", out, re.S | re.M)
    if not block:
        return []
    columns = [c.strip().strip('"') for c in block.group(1).split(",")]
    return [
        dict(zip(columns, line.split("\t"), strict=True)) for line in block.group(2).splitlines()
    ]


def parse_array(text: str) -> list[int]:
    return [int(x) for x in text.strip("{}").split(",") if x]


def test_during_voting_a_copy_holds_no_ballot_content(cast_election):
    election, truth = cast_election
    rows = sql(
        "SELECT ranking, sealed, weight FROM elections_ballot WHERE election_id = %s", [election.pk]
    )
    assert len(rows) == VOTERS
    assert all(ranking is None for ranking, _, _ in rows)
    # Every ballot seals to one length: not even how many names it ranks shows.
    assert len({len(bytes(sealed)) for _, sealed, _ in rows}) == 1
    receipts = sql(
        "SELECT code, sealed FROM elections_receipt WHERE election_id = %s", [election.pk]
    )
    assert all(code is None for code, _ in receipts)
    dumped = "\n".join("\t".join(r.values()) for r in dump_rows("elections_receipt"))
    assert not any(code in dumped for _, code in truth.values())
    # The only key that opens them is wrapped under one that is not in the database.
    key = sql("SELECT ballot_key FROM elections_election WHERE id = %s", [election.pk])[0][0]
    assert bytes(key) and len(bytes(key)) > 32


def test_after_the_count_no_join_links_a_voter_to_a_ballot_or_receipt(cast_election):
    election, truth = cast_election
    services.election_close(actor=None, election=election, at=election.voting_closes_at)
    services.election_count(election_id=election.pk, at=election.voting_closes_at)
    election.refresh_from_db()
    assert election.state == Election.State.PUBLISHED and bytes(election.ballot_key) == b""

    # 1. The same transaction id: roll row ↔ ballot row, roll row ↔ receipt row.
    by_xmin = sql(
        """SELECT r.member_id, b.ranking FROM elections_voterrollentry r
           JOIN elections_ballot b ON b.xmin::text = r.xmin::text AND b.election_id = r.election_id
           WHERE r.election_id = %s""",
        [election.pk],
    )
    assert sum(truth[m][0] == list(rk) for m, rk in by_xmin) <= CHANCE_CEILING
    by_xmin = sql(
        """SELECT r.member_id, c.code FROM elections_voterrollentry r
           JOIN elections_receipt c ON c.xmin::text = r.xmin::text AND c.election_id = r.election_id
           WHERE r.election_id = %s""",
        [election.pk],
    )
    assert sum(truth[m][1] == code for m, code in by_xmin) <= CHANCE_CEILING

    # 2. Physical order: voters in the order they voted (their roll rows' xmin, or ctid)
    #    against ballots and receipts in the order they lie on disk, or by id.
    voted_order = [
        m
        for (m,) in sql(
            "SELECT member_id FROM elections_voterrollentry WHERE election_id = %s AND voted "
            "ORDER BY xmin::text::bigint",
            [election.pk],
        )
    ]
    roll_disk_order = [
        m
        for (m,) in sql(
            "SELECT member_id FROM elections_voterrollentry WHERE election_id = %s AND voted "
            "ORDER BY ctid",
            [election.pk],
        )
    ]
    for order_by in ("ctid", "id", "xmin::text::bigint, ctid"):
        ballots = [
            list(r)
            for (r,) in sql(
                f"SELECT ranking FROM elections_ballot WHERE election_id = %s ORDER BY {order_by}",
                [election.pk],
            )
        ]
        codes = [
            c
            for (c,) in sql(
                f"SELECT code FROM elections_receipt WHERE election_id = %s ORDER BY {order_by}",
                [election.pk],
            )
        ]
        assert len(ballots) == len(codes) == VOTERS
        for voters in (voted_order, roll_disk_order):
            assert pairs_right(voters, ballots, truth, field=0) <= CHANCE_CEILING, order_by
            assert pairs_right(voters, codes, truth, field=1) <= CHANCE_CEILING, order_by
        # Nor does a receipt sit beside its own ballot.
        receipt_to_ranking = {code: ranking for ranking, code in truth.values()}
        assert (
            sum(receipt_to_ranking[c] == b for c, b in zip(codes, ballots, strict=True))
            <= CHANCE_CEILING
        )

    # 3. A dump, read in the order it was written.
    dumped_ballots = [
        parse_array(row["ranking"])
        for row in dump_rows("elections_ballot")
        if row["election_id"] == str(election.pk)
    ]
    dumped_codes = [
        row["code"]
        for row in dump_rows("elections_receipt")
        if row["election_id"] == str(election.pk)
    ]
    assert sorted(map(tuple, dumped_ballots)) == sorted(tuple(r) for r, _ in truth.values())
    for voters in (voted_order, roll_disk_order):
        assert pairs_right(voters, dumped_ballots, truth, field=0) <= CHANCE_CEILING
        assert pairs_right(voters, dumped_codes, truth, field=1) <= CHANCE_CEILING

    # 4. No time on either table to sort by.
    timed = sql(
        """SELECT table_name, column_name FROM information_schema.columns
           WHERE table_name IN ('elections_ballot', 'elections_receipt')
             AND data_type IN ('date', 'timestamp with time zone', 'timestamp without time zone',
                               'time without time zone', 'bigint', 'integer')
             AND column_name NOT IN ('organization_id', 'election_id', 'weight')"""
    )
    assert timed == []
