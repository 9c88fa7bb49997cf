"""Every list endpoint keeps its query count as rows grow (DESIGN.md rule 6): N rows vs N+20."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from orgkit.organizations import services as org_services
from orgkit.rotations import services as rotation_services
from orgkit.rotations.planning import rotation_replan

pytestmark = pytest.mark.django_db


def queries(client: APIClient, url: str, expected_count: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response.json()["count"] == expected_count
    return len(ctx.captured_queries)


@pytest.fixture
def organizer_api(world) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.organizer.user)
    return client


def add_rows(world, start: int, n: int) -> None:
    """n more of everything the organization lists: branches, bodies, invitations, log events."""
    for i in range(start, start + n):
        branch = org_services.branch_create(actor=world.organizer, name=f"Branch {i:03d}")
        org_services.body_create(actor=world.organizer, name=f"Body {i:03d}", kind="committee", branch=branch,
                                 parent=world.body)
        org_services.invitation_create(actor=world.organizer, email=f"invitee{i}@example.org", branch=branch)


@pytest.mark.parametrize(
    ("path", "per_round", "fixed"),
    [("branches/", 1, 1), ("bodies/", 1, 1), ("invitations/", 1, 1), ("log/", 3, None)],
)
def test_organization_lists(world, organizer_api, path, per_round, fixed):
    url = f"/api/v1/orgs/{world.org.slug}/{path}?limit=1000"
    add_rows(world, 0, 5)
    count = organizer_api.get(url).json()["count"]
    before = queries(organizer_api, url, count)
    add_rows(world, 5, 20)
    after = queries(organizer_api, url, count + 20 * per_round if fixed else organizer_api.get(url).json()["count"])
    assert after == before


def test_rotation_lists(world, weekly, crew):
    client = APIClient()
    client.force_authenticate(crew[1].user)
    base = f"/api/v1/orgs/{world.org.slug}/rotations"

    def grow(turns):
        weekly.plan_ahead_turns = turns
        weekly.save()
        rotation_replan(rotation=weekly)

    def add_leave(n, offset):
        for i in range(n):
            day = date(2031, 1, 1) + timedelta(days=7 * (offset + i))
            rotation_services.leave_add(actor=crew[1], member=crew[1], start=day, end=day)

    grow(10)
    add_leave(2, 0)
    before = [queries(client, f"{base}/{weekly.pk}/turns/", 10), queries(client, f"{base}/leave/", 2),
              queries(client, f"{base}/mine/", client.get(f"{base}/mine/").json()["count"])]
    grow(30)
    add_leave(20, 2)
    after = [queries(client, f"{base}/{weekly.pk}/turns/", 30), queries(client, f"{base}/leave/", 22),
             queries(client, f"{base}/mine/", client.get(f"{base}/mine/").json()["count"])]
    assert after == before
    assert client.get(f"{base}/mine/").json()["count"] > 3  # more turns came with the longer plan


def test_rotation_list(world, crew, organizer_api):
    url = f"/api/v1/orgs/{world.org.slug}/rotations/"

    def add_rotations(start, n):
        for i in range(start, start + n):
            role = org_services.role_create(actor=world.organizer, body=world.body, name=f"Role {i:03d}")
            rotation_services.rotation_create(actor=world.organizer, role=role, cadence_unit="weeks",
                                              cadence_every=1, anchor=date(2030, 1, 7), plan_ahead_turns=2)

    add_rotations(0, 2)
    before = queries(organizer_api, url, 2)
    add_rotations(2, 20)
    assert queries(organizer_api, url, 22) == before
