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
            lambda v=voter: services.ballot_cast(voter=v, election=election, ranking=[candidates[0].pk]),
            lambda v=voter: services.ballot_cast(voter=v, election=election, ranking=[candidates[1].pk]),
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
