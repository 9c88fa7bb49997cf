"""Election list pages and endpoints keep a constant number of queries as rows grow
(DESIGN.md rule 6): N rows vs N+20 rows, same count."""

from __future__ import annotations

import pytest
from django.test import Client

from orgkit.elections import services
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting
from tests.support import assert_queries_constant, queries_of

pytestmark = pytest.mark.django_db


def queries(client, url, must_contain):
    return queries_of(client, url, contains=must_contain)


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
    newest = {"title": "Election 002"}

    def more():
        add_elections(world, 3, 20)
        newest["title"] = "Election 022"

    assert_queries_constant(
        lambda: (
            queries(member_client, page, newest["title"]),
            queries(member_client, api, newest["title"]),
        ),
        more,
        at_most=10,
    )


def test_detail_candidates_results_and_who_voted_do_not_grow(world, member_client, commit):
    def build(n_candidates, n_voters, title):
        voters = add_voters(world, n_voters, prefix=title)
        election = make_election(world, title=title)
        candidates = nominate(world, election, voters[:n_candidates])
        open_voting(world, election)
        for i, v in enumerate(voters):
            services.ballot_cast(
                voter=v,
                election=election,
                ranking=[candidates[i % n_candidates].pk, candidates[(i + 1) % n_candidates].pk],
            )
        # Everyone else on the roll votes too, so the organizer can close now.
        for entry in election.roll.filter(voted=False).select_related("member"):
            services.ballot_cast(voter=entry.member, election=election, ranking=[candidates[0].pk])
        with commit(execute=True):
            services.election_close(actor=world.organizer, election=election)
        return election

    small = build(3, 6, "Small")
    big = build(23, 26, "Big")
    for name, marker in [
        ("", "Small 002"),
        ("results/", "Small 002"),
        ("who-voted/", "Small 005"),
        ("receipts/", "All receipt codes"),
    ]:
        n_small = queries(member_client, f"/o/{world.org.slug}/elections/{small.pk}/{name}", marker)
        n_big = queries(
            member_client,
            f"/o/{world.org.slug}/elections/{big.pk}/{name}",
            marker.replace("Small", "Big").replace("005", "025").replace("002", "022"),
        )
        assert n_small == n_big, name
    api = f"/api/v1/orgs/{world.org.slug}/elections/{{}}/candidates/"
    assert queries(member_client, api.format(small.pk), "Small 002") == queries(
        member_client, api.format(big.pk), "Big 022"
    )


def test_results_log_and_protests_do_not_grow_with_protests(world, member_client, running, commit):
    election, candidates, voters = running
    for entry in election.roll.select_related("member"):
        services.ballot_cast(voter=entry.member, election=election, ranking=[candidates[0].pk])
    with commit(execute=True):
        services.election_close(actor=world.organizer, election=election)
    election.refresh_from_db()
    everyone = [world.member, *voters]

    def protest(i):
        p = services.protest_lodge(
            actor=everyone[i % len(everyone)], election=election, text=f"Protest {i:03d}"
        )
        services.protest_answer(actor=world.organizer, protest=p, answer=f"Answer {i:03d}")

    for i in range(2):
        protest(i)
    base = f"/o/{world.org.slug}/elections/{election.pk}/"
    api = f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/protests/"
    seen = {"page": "Protest 001", "api": "Protest 001"}

    def more():
        for i in range(2, 22):
            protest(i)
        seen.update(page="Protest 021", api="Protest 019")

    assert_queries_constant(
        lambda: (
            queries(member_client, base + "results/", seen["page"]),
            queries(member_client, base + "log/", "protest"),
            queries(member_client, api, seen["api"]),
        ),
        more,
        at_most=14,
    )


def test_election_list_counts_without_multiplying_tables(world, running):
    """Candidates and roll are counted in subqueries of their own: a join of both in one GROUP
    BY made PostgreSQL build candidates × roll rows (1.9 s at 10,000 members)."""
    from orgkit.elections.selectors import election_list

    election, candidates, voters = running
    services.candidate_withdraw(actor=candidates[2].member, candidate=candidates[2])
    for voter in voters[3:5]:
        services.ballot_cast(voter=voter, election=election, ranking=[candidates[0].pk])
    listed = election_list(organization=world.org).get(pk=election.pk)
    assert (listed.n_candidates, listed.n_voted) == (2, 2)
    sql = str(election_list(organization=world.org).query)
    # One join only — the body, for its name; the counts join nothing.
    assert sql.count(" JOIN ") == 1 and 'JOIN "organizations_body"' in sql, sql
