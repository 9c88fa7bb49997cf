"""Fill an open election with N synthetic ballots, for benchmarks and load tests only.

The ballots bypass the roll (no receipts, nobody marked as voted), so they are refused
unless ``--synthetic`` is given, and the election's log records that it was done.
"""

from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from orgkit.core.audit import audit_record
from orgkit.elections.events import ElectionEvent
from orgkit.elections.models import Ballot, Candidate, Election
from orgkit.elections.services.ballot_box import ballot_seal
from orgkit.elections.services.voting import ballot_width

BATCH = 20_000


class Command(BaseCommand):
    help = "Fill an open election with N synthetic ranked ballots (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("election_id", type=int)
        parser.add_argument("--ballots", type=int, required=True)
        parser.add_argument("--seed", default="bench")
        parser.add_argument(
            "--synthetic", action="store_true", help="I know these are not real votes."
        )

    def handle(self, *args, election_id, ballots, seed, synthetic, **options):
        if not synthetic:
            raise CommandError("Synthetic ballots bypass the roll: pass --synthetic to confirm.")
        election = Election.objects.filter(pk=election_id).first()
        if election is None or election.state != Election.State.VOTING or not election.is_ranked:
            raise CommandError("Give the id of a ranked election whose voting is open.")
        ids = list(
            Candidate.objects.filter(election=election, on_ballot=True).values_list("pk", flat=True)
        )
        width = ballot_width(election=election)
        rng = random.Random(seed)
        # A few thousand distinct rankings with a skewed popularity, as in real elections.
        pool = [rng.sample(ids, k=rng.randint(1, min(len(ids), 6))) for _ in range(3000)]
        weights = [1 / (i + 1) for i in range(len(pool))]
        started = time.perf_counter()
        done = 0
        while done < ballots:
            n = min(BATCH, ballots - done)
            rows = rng.choices(pool, weights=weights, k=n)
            # Sealed like cast ballots, so the count opens and mixes them as it would real ones.
            with transaction.atomic():
                Ballot.objects.bulk_create(
                    Ballot(
                        organization_id=election.organization_id,
                        election=election,
                        sealed=ballot_seal(election=election, ranking=r, width=width),
                    )
                    for r in rows
                )
            done += n
        audit_record(
            organization=election.organization,
            actor=None,
            verb=ElectionEvent.SYNTHETIC_BALLOTS,
            target=election,
            data={"ballots": ballots},
        )
        self.stdout.write(f"Inserted {ballots} ballots in {time.perf_counter() - started:.1f} s.")
