"""The count runs in a real Celery worker: closing an election queues count_election after
commit, a worker counts and publishes. (Skips locally without a broker; CI requires it.)"""

from __future__ import annotations

from datetime import timedelta

import pytest

from orgkit.elections import services
from orgkit.elections.models import Election, ElectionResult
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting
from tests.integration.test_celery_worker import real_worker, wait_for  # noqa: F401 (fixture)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_closing_queues_a_count_that_a_worker_publishes(world, real_worker):  # noqa: F811
    voters = add_voters(world, 4)
    election = make_election(world, closes_in=timedelta(hours=1))
    candidates = nominate(world, election, voters[:3])
    open_voting(world, election)
    for entry in election.roll.select_related("member"):
        services.ballot_cast(
            voter=entry.member, election=election, ranking=[candidates[0].pk, candidates[1].pk]
        )
    services.election_close(actor=world.organizer, election=election)
    published = wait_for(
        lambda: Election.objects.filter(pk=election.pk, state="published").exists()
    )
    assert published, "the worker did not count and publish the election"
    result = ElectionResult.objects.get(election=election)
    assert result.data["elected"][0] == candidates[0].member.display_name
    assert result.data["stv"]["seed"] == Election.objects.get(pk=election.pk).seed
