"""Out-of-range input through the API: a 400 with a message, nothing saved, never a 500.

Each test here was a 500 (and often a saved bad row) before the shared bounds in
orgkit/core/bounds.py; see issue 8, item 3.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from orgkit.core.models import AuditEvent
from orgkit.rotations.models import Leave, Rotation
from tests.integration.routes.elections import published_election

pytestmark = pytest.mark.django_db

FAR_DATES = ["9999-12-25", "9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"]


def api_for(member) -> APIClient:
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(member.user)
    return client


def events(verb: str) -> int:
    return AuditEvent.objects.filter(verb=verb).count()


@pytest.mark.parametrize("far", FAR_DATES)
def test_leave_with_dates_at_the_ends_of_the_calendar_is_a_400_and_saves_nothing(
    world, weekly, crew, far
):
    url = f"/api/v1/orgs/{world.org.slug}/rotations/leave/"
    for body in (
        {"start": far, "end": far},
        {"start": "2027-01-01", "end": far},
        {"start": far, "end": "2027-01-01"},
    ):
        response = api_for(crew[1]).post(url, body, format="json")
        assert response.status_code == 400, (body, response.status_code)
        assert "between 1900-01-01 and 2200-12-31" in str(response.json()), response.json()
    assert not Leave.objects.filter(member=crew[1]).exists()
    assert events("rotations.leave.added") == 0
    # The member's next ordinary request still works (it used to 500 on the saved bad row).
    ok = api_for(crew[1]).post(url, {"start": "2027-01-04", "end": "2027-01-10"}, format="json")
    assert ok.status_code == 201, ok.content


def test_rotation_anchored_at_the_end_of_the_calendar_is_a_400_and_saves_nothing(world, crew):
    url = f"/api/v1/orgs/{world.org.slug}/rotations/"
    for anchor in ["9999-12-25", "0001-01-01", "2201-01-04"]:
        response = api_for(world.organizer).post(
            url,
            {"role": world.role.pk, "cadence_unit": "weeks", "cadence_every": 1, "anchor": anchor},
            format="json",
        )
        assert response.status_code == 400, (anchor, response.status_code)
        assert "anchor" in response.json()
    assert not Rotation.objects.exists()
    assert events("rotations.rotation.created") == 0


def test_body_seats_and_role_assignments_refuse_far_dates(world):
    org = world.org.slug
    client = api_for(world.organizer)
    seat = client.post(
        f"/api/v1/orgs/{org}/bodies/{world.body.slug}/seats/",
        {"member": world.organizer.pk, "how": "elected", "start": "0001-01-01"},
        format="json",
    )
    assert seat.status_code == 400 and "start" in seat.json()
    seat = client.post(
        f"/api/v1/orgs/{org}/bodies/{world.body.slug}/seats/",
        {
            "member": world.organizer.pk,
            "how": "elected",
            "start": "2026-01-01",
            "end": "9999-12-31",
        },
        format="json",
    )
    assert seat.status_code == 400 and "end" in seat.json()
    assigned = client.post(
        f"/api/v1/orgs/{org}/roles/{world.role.pk}/assignments/",
        {"member": world.organizer.pk, "how": "elected", "start": "9999-12-31"},
        format="json",
    )
    assert assigned.status_code == 400 and "start" in assigned.json()
    assert world.role.assignments.count() == 1


def election_body(world, **changes) -> dict:
    now = timezone.now()
    body = {
        "title": "Far away",
        "body": world.body.pk,
        "seats": 1,
        "notice_days": 15,
        "nominations_open_at": (now + timedelta(days=1)).isoformat(),
        "nominations_close_at": (now + timedelta(days=2)).isoformat(),
        "voting_opens_at": (now + timedelta(days=20)).isoformat(),
        "voting_closes_at": (now + timedelta(days=21)).isoformat(),
    }
    body.update(changes)
    return body


@pytest.mark.parametrize(
    "changes",
    [
        {"voting_closes_at": "9999-12-31T23:59:00Z"},
        {"voting_opens_at": "9999-12-30T00:00:00Z", "voting_closes_at": "9999-12-31T00:00:00Z"},
        {"nominations_open_at": "0001-01-01T00:00:00Z"},
        {
            "nominations_open_at": "0001-01-02T00:00:00Z",
            "nominations_close_at": "0001-01-03T00:00Z",
            "voting_opens_at": "0001-01-04T00:00Z",
            "voting_closes_at": "0001-01-05T00:00:00Z",
        },
    ],
)
def test_election_windows_at_the_ends_of_the_calendar_are_a_400(world, changes):
    from orgkit.elections.models import Election

    url = f"/api/v1/orgs/{world.org.slug}/elections/"
    response = api_for(world.organizer).post(url, election_body(world, **changes), format="json")
    assert response.status_code == 400, response.content
    assert not Election.objects.exists()


def test_changing_a_draft_election_to_a_far_window_is_a_400(world):
    from orgkit.elections.models import Election

    client = api_for(world.organizer)
    created = client.post(
        f"/api/v1/orgs/{world.org.slug}/elections/", election_body(world), format="json"
    )
    assert created.status_code == 201, created.content
    url = f"/api/v1/orgs/{world.org.slug}/elections/{created.json()['id']}/"
    response = client.patch(url, {"voting_closes_at": "9999-12-31T23:00:00Z"}, format="json")
    assert response.status_code == 400, response.content
    assert Election.objects.get().voting_closes_at.year < 2200


def test_apportionment_snapshot_and_windows_are_range_checked(world):
    from orgkit.elections.models import Apportionment

    now = timezone.now()
    body = {
        "congress": world.body.pk,
        "seats": 3,
        "method": "dhondt",
        "snapshot_date": "0001-01-01",
        "nominations_open_at": now.isoformat(),
        "nominations_close_at": (now + timedelta(days=1)).isoformat(),
        "voting_opens_at": (now + timedelta(days=1)).isoformat(),
        "voting_closes_at": (now + timedelta(days=2)).isoformat(),
    }
    url = f"/api/v1/orgs/{world.org.slug}/apportionments/"
    response = api_for(world.organizer).post(url, body, format="json")
    assert response.status_code == 400 and "snapshot_date" in response.json()
    body.update(snapshot_date=str(date.today()), voting_closes_at="9999-12-31T23:59:59Z")
    response = api_for(world.organizer).post(url, body, format="json")
    assert response.status_code == 400 and "voting_closes_at" in response.json()
    assert not Apportionment.objects.exists()


# --- page sizes -------------------------------------------------------------------------

HUGE = "99999999999999999999"  # 10**20 - 1: past a PostgreSQL bigint


@pytest.mark.parametrize(
    "query",
    [
        f"limit={HUGE}",
        f"offset={HUGE}",
        f"limit=10&offset={HUGE}",
        "limit=-1",
        "offset=-5",
        "limit=abc",
        "limit=1e9",
        "offset=9223372036854775808",
        "limit=²",
    ],
)
def test_absurd_limit_and_offset_never_500(world, query):
    for path in ["members/", "log/", "bodies/", "rotations/leave/", "elections/"]:
        response = api_for(world.member).get(f"/api/v1/orgs/{world.org.slug}/{path}?{query}")
        assert response.status_code in (200, 400), (path, query, response.status_code)


def test_page_size_is_capped(world):
    from orgkit.core.pagination import MAX_LIMIT
    from orgkit.organizations import services

    for i in range(MAX_LIMIT + 5):
        services.branch_create(actor=world.organizer, name=f"Branch {i:03d}")
    url = f"/api/v1/orgs/{world.org.slug}/branches/"
    response = api_for(world.member).get(f"{url}?limit=100000")
    assert response.status_code == 200
    assert len(response.json()["results"]) == MAX_LIMIT
    assert response.json()["count"] == MAX_LIMIT + 6
    huge = api_for(world.member).get(f"{url}?limit={HUGE}")
    assert huge.status_code == 200 and len(huge.json()["results"]) == MAX_LIMIT


def test_offset_past_a_bigint_is_a_400_with_a_message(world):
    response = api_for(world.member).get(f"/api/v1/orgs/{world.org.slug}/members/?offset={HUGE}")
    assert response.status_code == 400
    assert "offset" in response.json()


# --- another organization's election ----------------------------------------------------


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "x" * 20_000}, {"text": "Fair?"}])
def test_protest_to_another_organizations_election_is_a_404_whatever_the_body(world, body):
    from orgkit.elections.models import Protest

    election, _ = published_election(world)
    # Otto is an organizer of the other organization; he names world.org's election under his
    # own organization's address, and under world.org's (where he is an outsider).
    otto = APIClient(raise_request_exception=False)
    otto.force_authenticate(world.outsider_user)
    for slug in (world.other_org.slug, world.org.slug):
        url = f"/api/v1/orgs/{slug}/elections/{election.pk}/protests/"
        response = otto.post(url, body, format="json")
        assert response.status_code == 404, (slug, body, response.status_code, response.content)
    assert not Protest.objects.exists()


def test_seating_another_organizations_election_is_a_404_whatever_the_body(world):
    election, _ = published_election(world)
    otto = APIClient(raise_request_exception=False)
    otto.force_authenticate(world.outsider_user)
    url = f"/api/v1/orgs/{world.other_org.slug}/elections/{election.pk}/seat/"
    for body in ({"end": "not a date"}, {"end": "9999-12-31"}, {}):
        assert otto.post(url, body, format="json").status_code == 404


def test_changing_another_organizations_rotation_is_a_404_whatever_the_body(world, weekly):
    otto = APIClient(raise_request_exception=False)
    otto.force_authenticate(world.outsider_user)
    url = f"/api/v1/orgs/{world.other_org.slug}/rotations/{weekly.pk}/"
    for body in ({"term_length": 0}, {"term_length": "x"}, {}):
        assert otto.patch(url, body, format="json").status_code == 404
