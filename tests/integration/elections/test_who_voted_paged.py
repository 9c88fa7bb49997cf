"""Who voted, for a large roll: a page of 100 at a time with the turnout above it, searchable
by name (issue 15: the page rendered the whole roll — 636 kB for 10,000 members)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from orgkit.elections import services
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_closed(world, commit):
    voters = add_voters(world, 130, prefix="Roll")
    election = make_election(world, seats=1)
    candidates = nominate(world, election, voters[:2])
    open_voting(world, election)
    for voter in voters[:40]:
        services.ballot_cast(voter=voter, election=election, ranking=[candidates[0].pk])
    with commit(execute=True):
        services.election_close(
            actor=None, election=election, at=election.voting_closes_at + timedelta(minutes=1)
        )
    return election


def test_the_roll_is_shown_a_page_at_a_time_with_the_turnout(world, big_closed):
    client = Client()
    client.force_login(world.member.user)
    url = f"/o/{world.org.slug}/elections/{big_closed.pk}/who-voted/"
    on_roll = big_closed.roll.count()
    first = client.get(url).content.decode()
    assert f"40 of {on_roll} on the roll voted." in first
    assert first.count("<tr><td>") == 100
    rest = client.get(url, {"page": 2}).content.decode()
    assert rest.count("<tr><td>") == on_roll - 100
    found = client.get(url, {"q": "Roll 007"}).content.decode()
    assert found.count("<tr><td>") == 1 and "Roll 007" in found
    assert "Nobody on the roll matches" in client.get(url, {"q": "zzz"}).content.decode()
    # Hostile paging and search answer a page, never an error.
    for params in ({"page": "10" * 20}, {"page": "-1"}, {"q": "\x00" * 5}, {"q": "x" * 10_000}):
        assert client.get(url, params).status_code == 200
