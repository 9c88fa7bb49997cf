"""Messages that say what happened (issue 13, item 13): pressing "Record past turns" twice gave
two contradictory messages; leave that had already ended was "recorded" and then missing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from orgkit.rotations.models import Leave

pytestmark = pytest.mark.django_db


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_recording_past_turns_twice_says_one_thing_each_time(world, weekly):
    client = Client()
    client.force_login(world.organizer.user)
    url = f"/o/{world.org.slug}/rotations/{weekly.pk}/import-history/"
    first = flashed(client.post(url))
    client.get(f"/o/{world.org.slug}/rotations/{weekly.pk}/")  # the page shows (consumes) it
    again = flashed(client.post(url))
    assert len(first) == 1 and len(again) == 1, (first, again)
    assert again == ["There were no unrecorded past turns; nothing changed."]
    assert "recorded from the role's history" not in again[0]


def test_leave_that_has_ended_is_listed_as_earlier_leave(world, weekly):
    client = Client()
    client.force_login(world.member.user)
    mine = f"/o/{world.org.slug}/rotations/mine/"
    response = client.post(
        f"/o/{world.org.slug}/rotations/mine/leave/",
        {"start": "2026-10-01", "end": "2026-10-20", "note": "harvest"},
    )
    (message,) = flashed(response)
    assert "already ended, so no plan changed" in message
    assert Leave.objects.filter(member=world.member).count() == 1
    page = client.get(mine).content.decode()
    assert "Earlier leave" in page and "harvest" in page
    assert "No leave to come." in page


def test_a_turn_that_has_started_cannot_be_previewed_for_a_move(world, weekly, crew, monkeypatch):
    """Found by the page crawler: "find cover" on a turn that began an hour earlier answered 500
    (the preview planned from a future that no longer held the turn)."""
    from django.utils import timezone
    from rest_framework.test import APIClient

    from orgkit.rotations.models import Turn

    turn = Turn.objects.filter(rotation=weekly).order_by("start").first()
    monkeypatch.setattr(timezone, "now", lambda: turn.starts_at + timedelta(hours=1))
    client = Client()
    client.force_login(crew[2].user)
    response = client.get(f"/o/{world.org.slug}/rotations/turns/{turn.pk}/cover/")
    assert response.status_code == 302
    assert flashed(response) == ["This turn has already started; it can no longer be moved."]
    api = APIClient()
    api.force_authenticate(crew[2].user)
    answer = api.get(f"/api/v1/orgs/{world.org.slug}/rotations/turns/{turn.pk}/cover/")
    assert answer.status_code == 400
