"""Schedules that could never run are refused when they are set, and an organizer can call off
an election that has not closed — recorded with the reason, its ballots never deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from orgkit.core.audit import audit_events_for
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.elections import services
from orgkit.elections.lifecycle import IllegalTransition
from orgkit.elections.models import Ballot, Election, ElectionEvent
from tests.integration.elections.conftest import assembly, make_election, nominate

pytestmark = pytest.mark.django_db


def draft(world, **windows):
    now = timezone.now()
    return services.election_create(
        actor=world.organizer,
        body=assembly(world),
        title="Treasurer",
        seats=1,
        notice_days=0,
        **(
            windows
            or {
                "nominations_open_at": now + timedelta(days=1),
                "nominations_close_at": now + timedelta(days=2),
                "voting_opens_at": now + timedelta(days=3),
                "voting_closes_at": now + timedelta(days=4),
            }
        ),
    )


def test_a_schedule_already_over_is_refused_when_it_is_set(world):
    now = timezone.now()
    with pytest.raises(ServiceError, match="Nominations would already be over") as refused:
        draft(
            world,
            nominations_open_at=now - timedelta(days=9),
            nominations_close_at=now - timedelta(days=8),
            voting_opens_at=now - timedelta(days=7),
            voting_closes_at=now - timedelta(days=6),
        )
    assert refused.value.field == "nominations_close_at"
    assert not Election.objects.exists()
    election = draft(world)
    with pytest.raises(ServiceError, match="Nominations would already be over"):
        services.election_update(
            actor=world.organizer,
            election=election,
            nominations_open_at=now - timedelta(days=2),
            nominations_close_at=now - timedelta(hours=1),
        )
    assert Election.objects.get(pk=election.pk).nominations_close_at > now


def test_an_organizer_cancels_a_draft_with_the_reason_on_the_record(world):
    election = draft(world)
    services.election_cancel(
        actor=world.organizer, election=election, reason="The post was merged into another."
    )
    election.refresh_from_db()
    assert election.state == "cancelled"
    move = ElectionEvent.objects.get(election=election, to_state="cancelled")
    assert move.note == "The post was merged into another."
    assert move.actor == world.organizer
    event = audit_events_for(organization=world.org).get(verb="elections.election.cancelled")
    assert event.data["reason"] == "The post was merged into another."
    with pytest.raises(IllegalTransition):
        services.election_open_nominations(actor=world.organizer, election=election)


def test_a_stuck_election_is_cancelled_and_its_ballots_stay(world):
    from tests.integration.elections.conftest import add_voters, open_voting

    voters = add_voters(world, 3)
    election = make_election(world, closes_in=timedelta(hours=2))
    candidates = nominate(world, election, voters[:2])
    open_voting(world, election)
    services.ballot_cast(voter=voters[2], election=election, ranking=[candidates[0].pk])
    services.election_cancel(
        actor=world.organizer, election=election, reason="The roll was drawn from the wrong body."
    )
    assert Election.objects.get(pk=election.pk).state == "cancelled"
    assert Ballot.objects.filter(election=election).count() == 1
    # The clock leaves it alone: nothing closes or counts a cancelled election.
    assert services.elections_close_due(at=election.voting_closes_at + timedelta(minutes=1)) == 0
    assert Election.objects.get(pk=election.pk).state == "cancelled"


def test_cancelling_needs_an_organizer_a_reason_and_an_open_election(world):
    election = draft(world)
    with pytest.raises(ServiceError, match="Say why") as refused:
        services.election_cancel(actor=world.organizer, election=election, reason="   ")
    assert refused.value.field == "reason"
    with pytest.raises(ServiceError, match="under 300"):
        services.election_cancel(actor=world.organizer, election=election, reason="x" * 301)
    with pytest.raises(NotAllowed):
        services.election_cancel(actor=world.member, election=election, reason="I lost.")
    with pytest.raises(NotAllowed):
        services.election_cancel(actor=None, election=election, reason="the system")
    assert Election.objects.get(pk=election.pk).state == "draft"
    assert not ElectionEvent.objects.filter(election=election, to_state="cancelled").exists()


def test_a_closed_election_cannot_be_cancelled(world, running):
    election, _candidates, _voters = running
    services.election_close(actor=None, election=election, at=election.voting_closes_at)
    with pytest.raises(IllegalTransition):
        services.election_cancel(actor=world.organizer, election=election, reason="Too close.")
    assert Election.objects.get(pk=election.pk).state == "closed"


def test_the_page_says_an_election_is_stuck_and_cancels_it(world):
    election = make_election(world, closes_in=timedelta(hours=2))  # in nominations, no one standing
    Election.objects.filter(pk=election.pk).update(
        voting_closes_at=timezone.now() - timedelta(minutes=1)
    )
    organizer, member = Client(), Client()
    organizer.force_login(world.organizer.user)
    member.force_login(world.member.user)
    url = f"/o/{world.org.slug}/elections/{election.pk}/"
    page = organizer.get(url).content.decode()
    assert "The voting window has passed without voting opening" in page
    assert "Cancel the election" in page
    assert "Cancel the election" not in member.get(url).content.decode()
    assert member.post(url + "cancel/", {"reason": "mine"}).status_code == 403
    done = organizer.post(url + "cancel/", {"reason": "Nobody stood."}, follow=True)
    body = done.content.decode()
    assert (
        "The election is cancelled" in body and "This election was cancelled: Nobody stood." in body
    )
    assert Election.objects.get(pk=election.pk).state == "cancelled"


def test_the_api_cancels_and_refuses_without_a_reason(world):
    election = draft(world)
    client = Client()
    client.force_login(world.organizer.user)
    url = f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/cancel/"
    refused = client.post(url, {}, content_type="application/json")
    assert refused.status_code == 400 and "reason" in refused.json()
    assert Election.objects.get(pk=election.pk).state == "draft"
    done = client.post(url, {"reason": "Merged posts."}, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == "cancelled"


def test_a_vote_held_in_a_meeting_is_closed_by_the_chair_with_the_reason(world):
    from tests.integration.elections.conftest import add_voters, open_voting

    voters = add_voters(world, 3)
    election = make_election(world, closes_in=timedelta(hours=2))
    # Set as a vote held in a meeting (make_election opens nominations at once).
    Election.objects.filter(pk=election.pk).update(in_meeting=True)
    candidates = nominate(world, election, voters[:2])
    open_voting(world, election)
    services.ballot_cast(voter=voters[2], election=election, ranking=[candidates[0].pk])
    with pytest.raises(ServiceError, match="Say why voting closes now") as refused:
        services.election_close(actor=world.organizer, election=election, reason="")
    assert refused.value.field == "reason"
    with pytest.raises(ServiceError, match="runs its whole window"):
        services.election_close(actor=None, election=election, reason="the clock")
    assert Election.objects.get(pk=election.pk).state == "voting"
    client = Client()
    client.force_login(world.organizer.user)
    done = client.post(
        f"/o/{world.org.slug}/elections/{election.pk}/move/",
        {"to": "closed", "reason": "All 3 members present have voted."},
        follow=True,
    )
    assert Election.objects.get(pk=election.pk).state in ("closed", "counted", "published")
    move = ElectionEvent.objects.get(election=election, to_state="closed")
    assert move.note == "All 3 members present have voted." and move.actor == world.organizer
    assert "Done: the election is now" in done.content.decode()


def test_an_election_by_post_or_online_cannot_be_closed_early_and_says_why(world, running):
    election, _candidates, _voters = running
    client = Client()
    client.force_login(world.organizer.user)
    page = client.get(f"/o/{world.org.slug}/elections/{election.pk}/").content.decode()
    assert "runs its whole window, so nobody loses the chance to vote" in page
    refused = client.post(
        f"/o/{world.org.slug}/elections/{election.pk}/move/",
        {"to": "closed", "reason": "We are in a hurry."},
        follow=True,
    )
    assert "runs its whole window" in refused.content.decode()
    assert Election.objects.get(pk=election.pk).state == "voting"
