"""Issue 5, the congress half, in Chromium: an organizer shares congress seats among branches
by membership, sees every method side by side, and — once a branch election is counted —
seats its winners on the congress, where they appear with their term."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from orgkit.elections import services
from orgkit.elections.models import Election
from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from tests.support import make_user, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "congress-pass-2026"


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_apportion_seats_then_seat_the_winners(live_server, new_page):
    lead = make_user("lead@example.org", "Lina Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Dock Workers", slug="dock")
    organizer = Member.objects.get(organization=org)
    north = org_services.branch_create(actor=organizer, name="North Quay")
    south = org_services.branch_create(actor=organizer, name="South Quay")
    members = {}
    for branch, names in (
        (north, ["Ada", "Ben", "Cleo", "Dev", "Eli", "Fay"]),
        (south, ["Gus", "Hal", "Ivy"]),
    ):
        for name in names:
            members[name] = org_services.member_add(
                actor=organizer,
                email=f"{name.lower()}@example.org",
                full_name=f"{name} Dock",
                branch=branch,
                joined_on=date(2025, 1, 1),
            )
    org_services.body_create(actor=organizer, name="Port Congress", kind="congress")

    page = new_page()
    sign_in(page, live_server.url, "lead@example.org", PASSWORD)
    page.goto(f"{live_server.url}/o/dock/elections/apportion/")
    page.get_by_label("Congress (delegates are seated here)").select_option(label="Port Congress")
    page.get_by_label("Delegate seats").fill("3")
    page.get_by_label("Share seats by").select_option("dhondt")
    page.get_by_label("Count members on").fill(timezone.localdate().isoformat())
    page.get_by_label("Notice (days before voting opens)").fill("0")
    now = timezone.now()
    # A schedule that can still run (one already over is refused); time then passes below.
    for label, moment in (
        ("Nominations open at", now + timedelta(hours=1)),
        ("Nominations close at", now + timedelta(hours=2)),
        ("Voting opens at", now + timedelta(hours=3)),
        ("Voting closes at", now + timedelta(days=1, hours=4)),
    ):
        page.get_by_label(label).fill(local_input(moment))
    page.get_by_role("button", name="Share the seats and set up the branch elections").click()
    page.get_by_role("heading", name="3 delegates to Port Congress").wait_for()
    table = page.locator("table.apportionment").inner_text()
    assert "North Quay" in table and "South Quay" in table and "(used)" in table
    branch_elections = {e.title: e for e in Election.objects.filter(organization=org)}
    north_election = next(e for t, e in branch_elections.items() if "North Quay" in t)
    assert north_election.seats == 2  # D'Hondt: 6 and 3 members share 3 seats 2–1
    # Four hours pass: nominations opened 3 hours ago, voting an hour ago.
    Election.objects.filter(organization=org).update(
        nominations_open_at=F("nominations_open_at") - timedelta(hours=4),
        nominations_close_at=F("nominations_close_at") - timedelta(hours=4),
        voting_opens_at=F("voting_opens_at") - timedelta(hours=4),
        voting_closes_at=F("voting_closes_at") - timedelta(hours=4),
    )

    # Run the North Quay election through its services (nominate, vote, close → counted).
    north_election.refresh_from_db()
    services.election_open_nominations(
        actor=organizer, election=north_election, at=now - timedelta(hours=3)
    )
    north_election.refresh_from_db()
    for name in ("Ada", "Ben", "Cleo"):
        services.candidate_nominate(
            actor=members[name],
            election=north_election,
            member=members[name],
            statement="",
            slate_name="",
            at=now - timedelta(hours=2, minutes=30),
        )
    services.election_open_voting(
        actor=organizer, election=north_election, at=now - timedelta(minutes=59)
    )
    north_election.refresh_from_db()
    ids = {
        c.member.user.full_name.split()[0]: c.pk
        for c in north_election.candidates.select_related("member__user")
    }
    for voter, ranking in (
        ("Ada", ["Ada", "Ben"]),
        ("Ben", ["Ben", "Ada"]),
        ("Cleo", ["Cleo"]),
        ("Dev", ["Ada"]),
        ("Eli", ["Ben"]),
        ("Fay", ["Cleo", "Ada"]),
    ):
        services.ballot_cast(
            voter=members[voter], election=north_election, ranking=[ids[n] for n in ranking]
        )
    services.election_close(actor=organizer, election=north_election)  # everyone voted: closes now
    north_election.refresh_from_db()
    assert north_election.state == "published"

    page.goto(f"{live_server.url}/o/dock/elections/{north_election.pk}/results/")
    page.get_by_role("button", name="Seat the delegates on Port Congress").click()
    page.get_by_text("The delegates were seated on").wait_for()
    page.get_by_role("link", name="Port Congress").first.click()
    seats = page.locator("table.data").last.inner_text()
    elected = north_election.results.get(recount_of__isnull=True).data["elected"]
    assert len(elected) == 2
    for name in elected:
        assert name in seats
    assert "elected" in seats
