"""Races tried for real on PostgreSQL with separate connections: two tabs voting at once,
two workers counting at once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from orgkit.core.errors import ServiceError
from orgkit.elections import services
from orgkit.elections.models import Ballot, ElectionResult, Receipt, VoterRollEntry
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting
from tests.support import race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]


def test_two_tabs_voting_at_once_make_one_ballot(world):
    voters = add_voters(world, 4)
    election = make_election(world)
    candidates = nominate(world, election, voters[:2])
    open_voting(world, election)
    for attempt, voter in enumerate(voters):
        outcomes = race(
            lambda v=voter: services.ballot_cast(
                voter=v, election=election, ranking=[candidates[0].pk]
            ),
            lambda v=voter: services.ballot_cast(
                voter=v, election=election, ranking=[candidates[1].pk]
            ),
        )
        assert sum(isinstance(o, str) for o in outcomes) == 1, outcomes
        assert sum(isinstance(o, ServiceError) for o in outcomes) == 1, outcomes
        assert Ballot.objects.filter(election=election).count() == attempt + 1
        assert Receipt.objects.filter(election=election).count() == attempt + 1
    assert VoterRollEntry.objects.filter(election=election, voted=True).count() == len(voters)


def test_two_workers_counting_at_once_store_one_result(world):
    voters = add_voters(world, 4)
    election = make_election(world, closes_in=timedelta(seconds=30))
    candidates = nominate(world, election, voters[:3])
    open_voting(world, election)
    for i, voter in enumerate(voters):
        services.ballot_cast(voter=voter, election=election, ranking=[candidates[i % 3].pk])
    # Close with the count deferred (no on-commit task yet), then two workers race.
    from django.db import transaction

    from orgkit.elections.lifecycle import transition

    with transaction.atomic():
        transition(election=election, to_state="closed", actor=None)
    outcomes = race(
        lambda: services.election_count(election_id=election.pk),
        lambda: services.election_count(election_id=election.pk),
    )
    assert all(isinstance(o, ElectionResult) for o in outcomes), outcomes
    assert outcomes[0].pk == outcomes[1].pk
    assert ElectionResult.objects.filter(election=election).count() == 1


def test_twenty_voters_at_once_each_cast_exactly_one_ballot(world):
    voters = add_voters(world, 20)
    election = make_election(world)
    candidates = nominate(world, election, voters[:3])
    open_voting(world, election)
    outcomes = race(
        *[
            lambda v=v, i=i: services.ballot_cast(
                voter=v, election=election, ranking=[candidates[i % 3].pk]
            )
            for i, v in enumerate(voters)
        ]
    )
    assert all(isinstance(o, str) for o in outcomes), outcomes
    assert len(set(outcomes)) == 20  # twenty different receipts
    assert Ballot.objects.filter(election=election).count() == 20
    assert Receipt.objects.filter(election=election).count() == 20
    assert VoterRollEntry.objects.filter(election=election, voted=True).count() == 20


def test_votes_racing_the_close_are_each_counted_or_refused(world):
    """Every ballot that got a receipt is in the count; every other was told voting closed."""
    voters = add_voters(world, 12)
    election = make_election(world, closes_in=timedelta(minutes=30))
    candidates = nominate(world, election, voters[:2])
    open_voting(world, election)
    # Everyone else on the roll votes first, so only these twelve are left when the close comes.
    for entry in election.roll.exclude(member__in=voters).select_related("member"):
        services.ballot_cast(voter=entry.member, election=election, ranking=[candidates[0].pk])
    before = Ballot.objects.filter(election=election).count()
    outcomes = race(
        *[
            lambda v=v: services.ballot_cast(
                voter=v,
                election=election,
                ranking=[candidates[1].pk],
                at=election.voting_closes_at - timedelta(seconds=1),
            )
            for v in voters
        ],
        lambda: services.election_close(
            actor=None, election=election, at=election.voting_closes_at
        ),
    )
    receipts = [o for o in outcomes[:-1] if isinstance(o, str)]
    refused = [o for o in outcomes[:-1] if isinstance(o, ServiceError)]
    assert len(receipts) + len(refused) == len(voters), outcomes
    assert all("not open" in e.message for e in refused)
    services.election_count(election_id=election.pk)
    result = ElectionResult.objects.get(election=election)
    assert result.data["ballots"] == before + len(receipts)
    assert set(receipts) <= set(
        Receipt.objects.filter(election=election).values_list("code", flat=True)
    )
