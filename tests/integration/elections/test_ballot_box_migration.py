"""Upgrading a database written before ballots were sealed: open elections get a key and sealed
rows, counted ones a mixed box (migration elections.0003)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from orgkit.core import sealing

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("elections", "0001_initial")]
AFTER = [("elections", "0003_seal_and_mix_existing_boxes")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    """Leave the database at every app's newest migration, as the tests after this expect:
    this test moves elections back to 0001 and forward only to 0003."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_open_elections_are_sealed_and_counted_ones_mixed(world):
    apps = migrate(BEFORE)
    Election = apps.get_model("elections", "Election")
    Ballot = apps.get_model("elections", "Ballot")
    Receipt = apps.get_model("elections", "Receipt")
    Candidate = apps.get_model("elections", "Candidate")
    Body = apps.get_model("organizations", "Body")
    Member = apps.get_model("organizations", "Member")
    body = Body.objects.get(pk=world.body.pk)
    member = Member.objects.get(pk=world.member.pk)
    from django.utils import timezone

    now = timezone.now()
    made = {}
    for state in ("voting", "published"):
        election = Election.objects.create(
            organization_id=world.org.pk,
            body=body,
            title=state,
            seats=1,
            state=state,
            nominations_open_at=now,
            nominations_close_at=now,
            voting_opens_at=now,
            voting_closes_at=now + timezone.timedelta(hours=1),
        )
        candidate = Candidate.objects.create(
            organization_id=world.org.pk,
            election=election,
            member=member,
            nominated_by=member,
            status="standing",
            on_ballot=True,
        )
        for i in range(5):
            Ballot.objects.create(
                organization_id=world.org.pk, election=election, ranking=[candidate.pk]
            )
            Receipt.objects.create(
                organization_id=world.org.pk, election=election, code=f"CODE-{state}-{i}"
            )
        made[state] = election.pk

    apps = migrate(AFTER)
    Election = apps.get_model("elections", "Election")
    Ballot = apps.get_model("elections", "Ballot")
    Receipt = apps.get_model("elections", "Receipt")
    voting = Election.objects.get(pk=made["voting"])
    assert bytes(voting.ballot_key)
    key = sealing.unwrap_key(bytes(voting.ballot_key), context=f"election:{voting.pk}".encode())
    sealed = list(Ballot.objects.filter(election=voting))
    assert len(sealed) == 5 and all(b.ranking is None and b.sealed for b in sealed)
    assert sealing.unseal_with(key, bytes(sealed[0].sealed), context=f"ballot:{voting.pk}".encode())
    assert not Receipt.objects.filter(election=voting, code__isnull=False).exists()

    published = Election.objects.get(pk=made["published"])
    assert published.mixed_at is not None
    assert Ballot.objects.filter(election=published, ranking__isnull=False).count() == 5
    assert sorted(Receipt.objects.filter(election=published).values_list("code", flat=True)) == [
        f"CODE-published-{i}" for i in range(5)
    ]
