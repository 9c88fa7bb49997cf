"""Fair-election rules: the notice goes to every eligible member in time and once; voting
cannot open without it; non-voters get one reminder that says nothing about ballots."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from orgkit.core.errors import ServiceError
from orgkit.elections import services, tasks
from orgkit.elections.models import Election
from tests.integration.elections.conftest import add_voters, assembly, nominate

pytestmark = pytest.mark.django_db


def election_with_notice(world, days_until_voting=20, notice_days=15, set_up_days_ago=0):
    now = timezone.now()
    return services.election_create(
        actor=world.organizer,
        body=assembly(world),
        title="Officers",
        seats=2,
        notice_days=notice_days,
        nominations_open_at=now,
        nominations_close_at=now + timedelta(days=days_until_voting - 1),
        voting_opens_at=now + timedelta(days=days_until_voting),
        voting_closes_at=now + timedelta(days=days_until_voting + 2),
        at=now - timedelta(days=set_up_days_ago),
    )


def test_notice_reaches_every_eligible_member_once(world, mailoutbox, commit):
    add_voters(world, 3)
    election = election_with_notice(world)
    client = Client()
    client.force_login(world.organizer.user)
    with commit(execute=True):
        response = client.post(f"/o/{world.org.slug}/elections/{election.pk}/notice/", follow=True)
    assert "on its way" in response.content.decode()
    notices = [m for m in mailoutbox if m.subject == "Election notice: Officers"]
    assert len(notices) == 5 and "Nominations:" in notices[0].body
    again = client.post(f"/o/{world.org.slug}/elections/{election.pk}/notice/", follow=True)
    assert "goes out once" in again.content.decode()


def test_a_schedule_the_notice_cannot_meet_is_refused_when_it_is_set(world):
    with pytest.raises(ServiceError, match="15 days' notice, voting can open on") as refused:
        election_with_notice(world, days_until_voting=10)
    assert refused.value.field == "voting_opens_at"
    assert not Election.objects.exists()
    election = election_with_notice(world, days_until_voting=20)
    with pytest.raises(ServiceError, match="15 days' notice"):
        services.election_update(
            actor=world.organizer,
            election=election,
            nominations_close_at=timezone.now() + timedelta(days=2),
            voting_opens_at=timezone.now() + timedelta(days=3),
        )
    assert Election.objects.get(pk=election.pk).voting_opens_at == election.voting_opens_at


def test_a_late_notice_is_refused_and_voting_cannot_open_without_one(world):
    voters = add_voters(world, 2)
    # Set up in time (ten days ago), but nobody sent the notice while there was time.
    late = election_with_notice(world, days_until_voting=10, set_up_days_ago=10)
    with pytest.raises(ServiceError, match="Too late"):
        services.election_send_notice(actor=world.organizer, election=late)
    election = services.election_open_nominations(actor=world.organizer, election=late)
    nominate(world, election, voters[:1])
    with pytest.raises(ServiceError, match="10|15 days before voting opens"):
        services.election_open_voting(
            actor=world.organizer, election=election, at=election.voting_opens_at
        )
    assert Election.objects.get(pk=election.pk).state == "nominations"


def test_reminder_goes_once_to_non_voters_only(world, mailoutbox, commit):
    voters = add_voters(world, 3)
    election = election_with_notice(world)
    services.election_send_notice(actor=world.organizer, election=election)
    election = services.election_open_nominations(actor=world.organizer, election=election)
    candidates = nominate(world, election, voters[:1])
    services.election_open_voting(
        actor=world.organizer, election=election, at=election.voting_opens_at
    )
    election.refresh_from_db()
    at = election.voting_opens_at + timedelta(hours=1)
    services.ballot_cast(voter=voters[0], election=election, ranking=[candidates[0].pk], at=at)
    with commit(execute=True):
        assert services.elections_remind_due(at=election.voting_closes_at - timedelta(hours=2)) == 4
        assert services.elections_remind_due(at=election.voting_closes_at - timedelta(hours=1)) == 0
    reminders = [m for m in mailoutbox if m.subject.startswith("Reminder")]
    assert len(reminders) == 4 and voters[0].user.email not in {m.to[0] for m in reminders}
    assert tasks.remind_non_voters() == 0  # not due now


def test_voting_open_email_carries_every_statement_on_equal_terms(world, mailoutbox, commit):
    from tests.integration.elections.conftest import make_election, open_voting

    voters = add_voters(world, 2)
    election = make_election(world)
    nominate(world, election, voters)
    with commit(execute=True):
        open_voting(world, election)
    opened = [m for m in mailoutbox if m.subject.startswith("Voting is open")]
    assert len(opened) == 4
    assert all("I am Voter 000." in m.body and "I am Voter 001." in m.body for m in opened)
