"""Bring ballot boxes written before sealing existed under the new rule.

Open elections: give each a data key and seal its plaintext ballots and receipts, so a copy of
the database no longer shows them. Closed and counted ones: rewrite the plaintext rows in a
random order (the mix), so their physical order no longer follows the order cast.
"""

import secrets
import struct

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    from orgkit.core import sealing

    Election = apps.get_model("elections", "Election")
    Ballot = apps.get_model("elections", "Ballot")
    Receipt = apps.get_model("elections", "Receipt")
    Candidate = apps.get_model("elections", "Candidate")
    rng = secrets.SystemRandom()
    for election in Election.objects.filter(state="voting", ballot_key=b""):
        key = sealing.new_data_key()
        election.ballot_key = sealing.wrap_key(key, context=f"election:{election.pk}".encode())
        election.save(update_fields=["ballot_key"])
        width = (
            Candidate.objects.filter(election=election, on_ballot=True).count()
            if election.ballot_kind == "ranked" else 1
        )
        for ballot in Ballot.objects.filter(election=election, sealed__isnull=True):
            payload = struct.pack(
                f">{width}q", *ballot.ranking, *([0] * (width - len(ballot.ranking)))
            )
            ballot.sealed = sealing.seal_with(key, payload, context=f"ballot:{election.pk}".encode())
            ballot.ranking = None
            ballot.save(update_fields=["sealed", "ranking"])
        for receipt in Receipt.objects.filter(election=election, sealed__isnull=True):
            receipt.sealed = sealing.seal_with(
                key, receipt.code.encode(), context=f"receipt:{election.pk}".encode()
            )
            receipt.code = None
            receipt.save(update_fields=["sealed", "code"])
    for election in Election.objects.filter(
        state__in=["closed", "counted", "published"], mixed_at__isnull=True
    ):
        if election.state == "closed":
            continue  # the count will mix it
        ballots = list(Ballot.objects.filter(election=election).values_list("ranking", "weight"))
        codes = list(Receipt.objects.filter(election=election).values_list("code", flat=True))
        rng.shuffle(ballots)
        rng.shuffle(codes)
        Ballot.objects.filter(election=election).delete()
        Receipt.objects.filter(election=election).delete()
        Ballot.objects.bulk_create(
            Ballot(organization_id=election.organization_id, election_id=election.pk,
                   ranking=ranking, weight=weight)
            for ranking, weight in ballots
        )
        Receipt.objects.bulk_create(
            Receipt(organization_id=election.organization_id, election_id=election.pk, code=code)
            for code in codes
        )
        election.mixed_at = timezone.now()
        election.save(update_fields=["mixed_at"])


class Migration(migrations.Migration):
    dependencies = [("elections", "0002_sealed_ballot_box")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
