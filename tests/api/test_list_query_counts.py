"""Every list endpoint keeps its query count as rows grow (DESIGN.md rule 6): N rows vs N+20."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rest_framework.test import APIClient

from orgkit.organizations import services as org_services
from orgkit.rotations import services as rotation_services
from orgkit.rotations.planning import rotation_replan
from tests.support import assert_queries_constant, queries_of

pytestmark = pytest.mark.django_db


def rows_listed(body: dict) -> int:
    """The total a page reports; the audit log's keyset pages report none, and its first page
    holds every row while there are fewer than the limit."""
    return body["count"] if "count" in body else len(body["results"])


def queries(client: APIClient, url: str, expected_count: int) -> int:
    count = queries_of(client, url)
    assert rows_listed(client.get(url).json()) == expected_count
    return count


@pytest.fixture
def organizer_api(world) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.organizer.user)
    return client


def add_rows(world, start: int, n: int) -> None:
    """n more of everything the organization lists: branches, bodies, invitations, log events."""
    for i in range(start, start + n):
        branch = org_services.branch_create(actor=world.organizer, name=f"Branch {i:03d}")
        org_services.body_create(
            actor=world.organizer,
            name=f"Body {i:03d}",
            kind="committee",
            branch=branch,
            parent=world.body,
        )
        org_services.invitation_create(
            actor=world.organizer, email=f"invitee{i}@example.org", branch=branch
        )


@pytest.mark.parametrize(
    ("path", "per_round", "fixed"),
    [("branches/", 1, 1), ("bodies/", 1, 1), ("invitations/", 1, 1), ("log/", 3, None)],
)
def test_organization_lists(world, organizer_api, path, per_round, fixed):
    url = f"/api/v1/orgs/{world.org.slug}/{path}?limit=1000"
    add_rows(world, 0, 5)
    state = {"count": rows_listed(organizer_api.get(url).json())}

    def measure():
        return queries(organizer_api, url, state["count"])

    def grow():
        add_rows(world, 5, 20)
        state["count"] = (
            state["count"] + 20 * per_round if fixed else rows_listed(organizer_api.get(url).json())
        )

    assert_queries_constant(measure, grow, at_most=6)


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
    sizes = {"turns": 10, "leave": 2}

    def measure():
        return (
            queries(client, f"{base}/{weekly.pk}/turns/", sizes["turns"]),
            queries(client, f"{base}/leave/", sizes["leave"]),
            queries(client, f"{base}/mine/", client.get(f"{base}/mine/").json()["count"]),
        )

    def more():
        grow(30)
        add_leave(20, 2)
        sizes.update(turns=30, leave=22)

    assert_queries_constant(measure, more, at_most=8)
    assert client.get(f"{base}/mine/").json()["count"] > 3  # more turns came with the longer plan


def test_rotation_list(world, crew, organizer_api):
    url = f"/api/v1/orgs/{world.org.slug}/rotations/"

    def add_rotations(start, n):
        for i in range(start, start + n):
            role = org_services.role_create(
                actor=world.organizer, body=world.body, name=f"Role {i:03d}"
            )
            rotation_services.rotation_create(
                actor=world.organizer,
                role=role,
                cadence_unit="weeks",
                cadence_every=1,
                anchor=date(2030, 1, 7),
                plan_ahead_turns=2,
            )

    add_rotations(0, 2)
    size = {"n": 2}

    def more():
        add_rotations(2, 20)
        size["n"] = 22

    assert_queries_constant(lambda: queries(organizer_api, url, size["n"]), more, at_most=6)
