"""Congress delegates: seats shared among branches by membership, one election per branch,
winners seated on the congress body."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from orgkit.core.errors import ServiceError
from orgkit.elections import services
from orgkit.elections.models import Apportionment, Election
from orgkit.organizations import services as org_services
from orgkit.organizations.models import BodyMember
from tests.integration.elections.conftest import add_voters

pytestmark = pytest.mark.django_db


@pytest.fixture
def branches(world):
    south = org_services.branch_create(actor=world.organizer, name="South Block")
    east = org_services.branch_create(actor=world.organizer, name="East Block")
    add_voters(world, 9, prefix="North", branch=world.branch)  # North: 1 + 9 = 10
    add_voters(world, 6, prefix="South", branch=south)
    add_voters(world, 1, prefix="East", branch=east)
    congress = org_services.body_create(actor=world.organizer, name="Congress", kind="congress")
    return congress, south, east


def windows(now):
    return {
        "nominations_open_at": now - timedelta(hours=3),
        "nominations_close_at": now + timedelta(hours=1),
        "voting_opens_at": now + timedelta(hours=1),
        "voting_closes_at": now + timedelta(hours=3),
        "notice_days": 0,
    }


def test_seats_are_shared_by_membership_with_every_method_kept(world, branches):
    congress, south, east = branches
    now = timezone.now()
    record = services.apportionment_create(
        actor=world.organizer,
        congress=congress,
        seats=5,
        method="dhondt",
        snapshot_date=now.date(),
        **windows(now),
    )
    methods = record.table["methods"]
    assert record.table["votes"] == {"East Block": 1, "North Block": 10, "South Block": 6}
    assert methods["dhondt"]["seats"] == {"East Block": 0, "North Block": 3, "South Block": 2}
    assert set(methods) == {"dhondt", "sainte-lague", "huntington-hill", "hare", "droop"}
    assert methods["huntington-hill"]["seats"]["East Block"] == 1  # HH gives every unit a seat
    titles = sorted(Election.objects.filter(apportionment=record).values_list("title", "seats"))
    assert titles == [
        ("Congress delegates: North Block", 3),
        ("Congress delegates: South Block", 2),
    ]
    # With a minimum of one seat per branch, East gets its delegate.
    floor = services.apportionment_create(
        actor=world.organizer,
        congress=congress,
        seats=5,
        method="dhondt",
        min_one_seat=True,
        snapshot_date=now.date(),
        **windows(now),
    )
    assert floor.table["methods"]["dhondt"]["seats"]["East Block"] == 1
    assert Election.objects.filter(apportionment=floor).count() == 3


def test_members_who_joined_after_the_snapshot_do_not_count(world, branches):
    congress, *_ = branches
    yesterday = timezone.localdate() - timedelta(days=1)
    counts = services.branch_membership(organization=world.org, on=yesterday)
    assert counts == {"East Block": 0, "North Block": 0, "South Block": 0}
    with pytest.raises(ServiceError, match="No branch has members"):
        services.apportionment_create(
            actor=world.organizer,
            congress=congress,
            seats=5,
            method="dhondt",
            snapshot_date=yesterday,
            **windows(timezone.now()),
        )
    assert not Apportionment.objects.exists()


def test_branch_winners_are_seated_on_the_congress(world, branches, commit):
    congress, south, east = branches
    now = timezone.now()
    record = services.apportionment_create(
        actor=world.organizer,
        congress=congress,
        seats=5,
        method="dhondt",
        snapshot_date=now.date(),
        nominations_open_at=now - timedelta(minutes=5),
        nominations_close_at=now + timedelta(hours=1),
        voting_opens_at=now + timedelta(hours=1),
        voting_closes_at=now + timedelta(hours=3),
        notice_days=0,
    )
    election = Election.objects.get(apportionment=record, title__endswith="South Block")
    election = services.election_open_nominations(actor=world.organizer, election=election)
    voters = list(south.members.all())
    for m in voters[:3]:
        services.candidate_nominate(actor=m, election=election, member=m)
    election.refresh_from_db()
    services.election_open_voting(
        actor=world.organizer, election=election, at=election.voting_opens_at
    )
    candidates = list(election.candidates.order_by("pk"))
    at = election.voting_opens_at + timedelta(minutes=1)
    for i, m in enumerate(voters):
        services.ballot_cast(voter=m, election=election, ranking=[candidates[i % 2].pk], at=at)
    with commit(execute=True):
        services.election_close(actor=None, election=election, at=election.voting_closes_at)
    election.refresh_from_db()
    client = Client()
    client.force_login(world.organizer.user)
    response = client.post(
        f"/o/{world.org.slug}/elections/{election.pk}/seat/", {"end": ""}, follow=True
    )
    assert "2 delegates seated on Congress" in response.content.decode()
    seated = BodyMember.objects.filter(body=congress, how="elected")
    assert {s.member_id for s in seated} == {candidates[0].member_id, candidates[1].member_id}
    page = client.get(f"/o/{world.org.slug}/bodies/{congress.slug}/").content.decode()
    assert candidates[0].member.display_name in page
    again = client.post(f"/o/{world.org.slug}/elections/{election.pk}/seat/", follow=True)
    assert "seated already" in again.content.decode() and seated.count() == 2
    # The apportionment page shows every method and the branch elections.
    html = client.get(f"/o/{world.org.slug}/elections/apportionments/{record.pk}/").content.decode()
    assert "Huntington–Hill" in html and "Congress delegates: South Block" in html


def test_apportion_page_reports_bad_input(world, branches):
    client = Client()
    client.force_login(world.organizer.user)
    response = client.post(f"/o/{world.org.slug}/elections/apportion/", {"seats": "0"})
    assert response.status_code == 400
    assert client.get(f"/o/{world.org.slug}/elections/apportion/").status_code == 200
