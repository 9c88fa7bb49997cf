"""Issue 13, items 7–9 in Chromium: each voter's ballot lists the names in an order of its own
(stable on a second visit) and is reviewed before it is cast; a vote held in a meeting is
closed by the chair once those present have voted, with the reason on the record; and a tie
broken by lot is shown on the results page with the seed that settles it."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from orgkit.core.models import AuditEvent
from orgkit.elections import services
from orgkit.elections.models import Election
from tests.integration.elections.conftest import add_voters, assembly, nominate
from tests.support import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "ballot-basics-2026"


def with_password(member):
    member.user.set_password(PASSWORD)
    member.user.save()
    return member


def meeting_vote(world, *, in_meeting: bool) -> Election:
    now = timezone.now()
    election = services.election_create(
        actor=world.organizer,
        body=assembly(world),
        title="Steering committee",
        seats=2,
        ballot_kind="ranked",
        rule="scottish",
        secrecy="secret",
        in_meeting=in_meeting,
        notice_days=0,
        nominations_open_at=now - timedelta(hours=3),
        nominations_close_at=now - timedelta(hours=1),
        voting_opens_at=now - timedelta(hours=1),
        voting_closes_at=now + timedelta(days=2),
        at=now - timedelta(hours=4),
    )
    services.election_open_nominations(
        actor=world.organizer, election=election, at=now - timedelta(hours=3)
    )
    election.refresh_from_db()
    return election


def ballot_names(page, base, election) -> list[str]:
    page.goto(f"{base}/o/{election.organization.slug}/elections/{election.pk}/vote/")
    return page.locator("tr[data-name]").evaluate_all("rows => rows.map(r => r.dataset.name)")


def test_each_voter_gets_an_order_of_their_own_and_reviews_before_casting(
    world, live_server, new_page
):
    voters = [with_password(m) for m in add_voters(world, 6)]
    election = meeting_vote(world, in_meeting=False)
    nominate(world, election, voters[:5])
    services.election_open_voting(
        actor=world.organizer, election=election, at=election.voting_opens_at
    )
    election.refresh_from_db()
    names = sorted(c.member.display_name for c in election.candidates.all())
    orders = []
    for voter in voters:
        page = new_page()
        sign_in(page, live_server.url, voter.user.email, PASSWORD)
        order = ballot_names(page, live_server.url, election)
        assert sorted(order) == names
        assert ballot_names(page, live_server.url, election) == order  # the same on return
        orders.append(order)
    # Six voters, five names: 120 possible orders, so six identical ones would mean no shuffle.
    assert len({tuple(o) for o in orders}) > 1, orders

    page.get_by_label(f"Rank for {orders[-1][2]}").select_option("1")
    page.get_by_label(f"Rank for {orders[-1][0]}").select_option("2")
    page.get_by_role("button", name="Review my ballot").click()
    assert page.locator("ol.ranking li").all_inner_texts() == [orders[-1][2], orders[-1][0]]
    assert not election.roll.filter(voted=True).exists()  # reviewing casts nothing
    page.get_by_role("button", name="Cast my ballot").click()
    assert page.locator("#receipt-code").inner_text()
    assert election.roll.filter(voted=True).count() == 1


def test_the_chair_closes_a_meeting_vote_once_those_present_have_voted(
    world, live_server, new_page
):
    voters = add_voters(world, 6)
    election = meeting_vote(world, in_meeting=True)
    candidates = nominate(world, election, voters[:3])
    services.election_open_voting(
        actor=world.organizer, election=election, at=election.voting_opens_at
    )
    election.refresh_from_db()
    for voter in voters[:4]:  # four of the roll are at the meeting and vote
        services.ballot_cast(voter=voter, election=election, ranking=[candidates[0].pk])
    with_password(world.organizer)
    page = new_page()
    sign_in(page, live_server.url, world.organizer.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/{world.org.slug}/elections/{election.pk}/")
    page.get_by_label("Why close now?").fill("all 4 members present have voted")
    page.get_by_role("button", name="Close the vote and count (chair)").click()
    page.get_by_role("link", name="Results").first.wait_for()
    election.refresh_from_db()
    assert election.state in ("closed", "counted", "published"), election.state
    closed = AuditEvent.objects.get(verb="elections.election.closed", target_id=str(election.pk))
    assert closed.actor_id == world.organizer.user_id
    assert "all 4 members present have voted" in str(closed.data)


def test_a_tie_broken_by_lot_is_shown_with_its_seed(live_server, new_page):
    call_command("load_demo", stdout=io.StringIO())
    congress = Election.objects.get(title__startswith="Delegates to the Regional Congress")
    page = new_page()
    sign_in(page, live_server.url, "member@demo.orgkit.test", "demo-member-1922")
    page.goto(f"{live_server.url}/o/metalworkers/elections/{congress.pk}/results/")
    ties = page.get_by_role("heading", name="Ties, and how each was settled")
    ties.wait_for()
    text = page.locator("main").inner_text()
    assert "was chosen by lot" in text
    assert f"seed '{congress.seed}'" in text
