"""A server whose sealing key changed while an election was open (ORGKIT_SEALING_KEY, or
SECRET_KEY without it, rotated by an operator) cannot seal ballots into that election's box.
The voter is told so and nothing is written — it was a 500 (found by the production-recipe
test, whose processes first ran with another key)."""

from __future__ import annotations

import base64
import secrets

import pytest
from rest_framework.test import APIClient

from orgkit.core.errors import ServiceError
from orgkit.elections import services
from orgkit.elections.models import Ballot, Receipt, VoterRollEntry
from orgkit.elections.services import ballot_box

pytestmark = pytest.mark.django_db


@pytest.fixture
def key_rotated(monkeypatch):
    monkeypatch.setenv(
        "ORGKIT_SEALING_KEY", base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    )
    ballot_box._unwrapped.cache_clear()
    yield
    ballot_box._unwrapped.cache_clear()


def test_a_ballot_the_box_cannot_take_is_refused_with_the_reason_and_nothing_written(
    world, running, key_rotated
):
    election, candidates, voters = running
    with pytest.raises(ServiceError) as refused:
        services.ballot_cast(voter=voters[0], election=election, ranking=[candidates[0].pk])
    assert refused.value.code == "ballot_box_unreadable"
    assert not Ballot.objects.filter(election=election).exists()
    assert not Receipt.objects.filter(election=election).exists()
    assert not VoterRollEntry.objects.filter(election=election, voted=True).exists()

    api = APIClient()
    api.force_authenticate(voters[1].user)
    answer = api.post(
        f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/vote/",
        {"ranking": [candidates[0].pk]},
        format="json",
    )
    assert answer.status_code == 400
    assert "tell your organizers" in str(answer.json())
