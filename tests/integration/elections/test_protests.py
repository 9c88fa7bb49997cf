"""Protests: lodged within the period after the results, answered once, all on the record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.elections import services
from orgkit.elections.models import Protest

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world, running, commit):
    election, candidates, voters = running
    for entry in election.roll.select_related("member"):
        services.ballot_cast(voter=entry.member, election=election, ranking=[candidates[0].pk])
    with commit(execute=True):
        services.election_close(actor=world.organizer, election=election)
    election.refresh_from_db()
    return election


def test_protest_before_results_or_after_the_period_is_refused(world, running, published):
    deadline = services.protest_deadline(election=published)
    with pytest.raises(ServiceError, match="protest period ended"):
        services.protest_lodge(
            actor=world.member, election=published, text="Late", at=deadline + timedelta(seconds=1)
        )
    with pytest.raises(ServiceError, match="Say what"):
        services.protest_lodge(actor=world.member, election=published, text="  ")
    assert not Protest.objects.exists()


def test_protest_and_answer_through_the_results_page(world, published):
    member, organizer = Client(), Client()
    member.force_login(world.member.user)
    organizer.force_login(world.organizer.user)
    base = f"/o/{world.org.slug}/elections/{published.pk}/"
    page = member.post(
        base + "protests/", {"text": "Two members were missing from the roll."}, follow=True
    )
    assert "on the record" in page.content.decode()
    protest = Protest.objects.get()
    assert member.post(base + f"protests/{protest.pk}/answer/", {"answer": "x"}).status_code == 403
    page = organizer.post(
        base + f"protests/{protest.pk}/answer/",
        {"answer": "They joined after the roll date."},
        follow=True,
    )
    html = page.content.decode()
    assert "Two members were missing" in html and "They joined after the roll date." in html
    with pytest.raises(ServiceError, match="answered already"):
        services.protest_answer(actor=world.organizer, protest=protest, answer="Changed my mind")
    with pytest.raises(NotAllowed):
        services.protest_answer(actor=world.member, protest=protest, answer="Me too")


def test_the_protest_form_is_offered_only_until_the_deadline(world, published, monkeypatch):
    """A newcomer found "Lodge a protest" after the deadline, only to be refused on sending."""
    client = Client()
    client.force_login(world.member.user)
    url = f"/o/{world.org.slug}/elections/{published.pk}/results/"
    assert "Lodge a protest" in client.get(url).content.decode()
    deadline = services.protest_deadline(election=published)
    monkeypatch.setattr(timezone, "now", lambda: deadline + timedelta(minutes=1))
    html = client.get(url).content.decode()
    assert "Lodge a protest" not in html
    assert "The protest period ended on" in html


def test_candidates_name_observers_who_are_told_when_voting_closes(
    world, running, mailoutbox, commit
):
    election, candidates, voters = running
    candidate_page = Client()
    candidate_page.force_login(candidates[0].member.user)
    base = f"/o/{world.org.slug}/elections/{election.pk}/"
    response = candidate_page.post(
        base + f"candidates/{candidates[0].pk}/observers/", {"member": voters[4].pk}, follow=True
    )
    assert "will observe the count" in response.content.decode()
    # Someone else cannot name observers for this candidate.
    other = Client()
    other.force_login(world.member.user)
    assert (
        other.post(
            base + f"candidates/{candidates[0].pk}/observers/", {"member": voters[5].pk}
        ).status_code
        == 403
    )
    for entry in election.roll.select_related("member"):
        services.ballot_cast(voter=entry.member, election=election, ranking=[candidates[1].pk])
    with commit(execute=True):
        services.election_close(actor=world.organizer, election=election)
    assert any(m.to == [voters[4].user.email] and "counting now" in m.subject for m in mailoutbox)
    log = other.get(base + "log/").content.decode()
    assert voters[4].display_name in log and "voting opened" in log and "named" in log
    entries = log.split('<ul class="events">', 1)[1].split("</ul>")[0]
    assert "voted" not in entries and "ballot" not in entries.lower()  # nothing per voter or ballot
