"""Election list pages and endpoints keep a constant number of queries as rows grow
(DESIGN.md rule 6): N rows vs N+20 rows, same count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from orgkit.elections import services
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting

pytestmark = pytest.mark.django_db


def queries(client, url, must_contain):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert must_contain in response.content.decode()
    return len(ctx.captured_queries)


@pytest.fixture
def member_client(world):
    client = Client()
    client.force_login(world.member.user)
    return client


def add_elections(world, start, count):
    for i in range(start, start + count):
        make_election(world, title=f"Election {i:03d}")


def test_election_list_page_and_api(world, member_client):
    add_elections(world, 0, 3)
    page = f"/o/{world.org.slug}/elections/"
    api = f"/api/v1/orgs/{world.org.slug}/elections/"
    before = (queries(member_client, page, "Election 002"), queries(member_client, api, "Election 002"))
    add_elections(world, 3, 20)
    after = (queries(member_client, page, "Election 022"), queries(member_client, api, "Election 022"))
    assert after == before


def test_detail_candidates_results_and_who_voted_do_not_grow(world, member_client, commit):
    def build(n_candidates, n_voters, title):
        voters = add_voters(world, n_voters, prefix=title)
        election = make_election(world, title=title)
        candidates = nominate(world, election, voters[:n_candidates])
        open_voting(world, election)
        for i, v in enumerate(voters):
            services.ballot_cast(voter=v, election=election, ranking=[candidates[i % n_candidates].pk,
                                                                      candidates[(i + 1) % n_candidates].pk])
        # Everyone else on the roll votes too, so the organizer can close now.
        for entry in election.roll.filter(voted=False).select_related("member"):
            services.ballot_cast(voter=entry.member, election=election, ranking=[candidates[0].pk])
        with commit(execute=True):
            services.election_close(actor=world.organizer, election=election)
        return election

    small = build(3, 6, "Small")
    big = build(23, 26, "Big")
    for name, marker in [("", "Small 002"), ("results/", "Small 002"), ("who-voted/", "Small 005"),
                         ("receipts/", "All receipt codes")]:
        n_small = queries(member_client, f"/o/{world.org.slug}/elections/{small.pk}/{name}", marker)
        n_big = queries(member_client, f"/o/{world.org.slug}/elections/{big.pk}/{name}",
                        marker.replace("Small", "Big").replace("005", "025").replace("002", "022"))
        assert n_small == n_big, name
    api = f"/api/v1/orgs/{world.org.slug}/elections/{{}}/candidates/"
    assert queries(member_client, api.format(small.pk), "Small 002") == queries(
        member_client, api.format(big.pk), "Big 022")


def test_results_log_and_protests_do_not_grow_with_protests(world, member_client, running, commit):
    election, candidates, voters = running
    for entry in election.roll.select_related("member"):
        services.ballot_cast(voter=entry.member, election=election, ranking=[candidates[0].pk])
    with commit(execute=True):
        services.election_close(actor=world.organizer, election=election)
    election.refresh_from_db()
    everyone = [world.member, *voters]

    def protest(i):
        p = services.protest_lodge(actor=everyone[i % len(everyone)], election=election, text=f"Protest {i:03d}")
        services.protest_answer(actor=world.organizer, protest=p, answer=f"Answer {i:03d}")

    for i in range(2):
        protest(i)
    base = f"/o/{world.org.slug}/elections/{election.pk}/"
    api = f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/protests/"
    before = [queries(member_client, base + "results/", "Protest 001"),
              queries(member_client, base + "log/", "protest"),
              queries(member_client, api, "Protest 001")]
    for i in range(2, 22):
        protest(i)
    after = [queries(member_client, base + "results/", "Protest 021"),
             queries(member_client, base + "log/", "protest"),
             queries(member_client, api, "Protest 019")]
    assert after == before
