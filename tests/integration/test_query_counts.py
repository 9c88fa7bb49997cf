"""List pages keep a constant number of queries as rows grow (DESIGN.md rule 6):
N rows vs N+20 rows, all on the page, same count."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from orgkit.organizations import services

pytestmark = pytest.mark.django_db


def count_queries(client: Client, url: str, must_contain: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert must_contain in response.content.decode()
    return len(ctx.captured_queries)


def add_members(world, how_many: int, start: int) -> list:
    added = []
    for i in range(start, start + how_many):
        member = services.member_add(
            actor=world.organizer, email=f"m{i}@example.org", full_name=f"Member {i:03d}",
            branch=world.branch,
        )
        role = services.role_create(actor=world.organizer, body=world.body, name=f"Role {i}")
        services.role_assign(actor=world.organizer, role=role, member=member, how="election", start=date(2026, 1, 1))
        services.body_member_add(actor=world.organizer, body=world.body, member=member, how="elected", start=date(2026, 1, 1))
        added.append(member)
    return added


@pytest.fixture
def organizer_client(world) -> Client:
    client = Client()
    client.force_login(world.organizer.user)
    return client


def test_member_list_query_count_does_not_grow(world, organizer_client):
    url = f"/o/{world.org.slug}/members/"
    add_members(world, 5, 0)
    before = count_queries(organizer_client, url, "Member 004")
    add_members(world, 20, 5)
    after = count_queries(organizer_client, url, "Member 024")
    assert after == before


def test_member_list_fragment_query_count_does_not_grow(world, organizer_client):
    url = f"/o/{world.org.slug}/members/?q=Member"
    add_members(world, 5, 0)
    with CaptureQueriesContext(connection) as before:
        organizer_client.get(url, headers={"HX-Request": "true"})
    add_members(world, 20, 5)
    with CaptureQueriesContext(connection) as after:
        response = organizer_client.get(url, headers={"HX-Request": "true"})
    assert "Member 024" in response.content.decode() and "<html" not in response.content.decode()
    assert len(after.captured_queries) == len(before.captured_queries)


def test_body_page_query_count_does_not_grow(world, organizer_client):
    url = f"/o/{world.org.slug}/bodies/{world.body.slug}/"
    add_members(world, 5, 0)
    before = count_queries(organizer_client, url, "Member 004")
    add_members(world, 20, 5)
    after = count_queries(organizer_client, url, "Member 024")
    assert after == before


def test_body_tree_query_count_does_not_grow(world, organizer_client):
    url = f"/o/{world.org.slug}/bodies/"
    for i in range(5):
        services.body_create(actor=world.organizer, name=f"Body {i:03d}", kind="committee", parent=world.body)
    before = count_queries(organizer_client, url, "Body 004")
    for i in range(5, 25):
        services.body_create(actor=world.organizer, name=f"Body {i:03d}", kind="committee", parent=world.body)
    after = count_queries(organizer_client, url, "Body 024")
    assert after == before


def test_role_page_query_count_does_not_grow(world, organizer_client):
    url = f"/o/{world.org.slug}/roles/{world.role.pk}/"
    members = add_members(world, 25, 0)

    def hand_over(batch, first_day):
        for offset, member in enumerate(batch):
            services.role_assign(
                actor=world.organizer, role=world.role, member=member, how="rotation",
                start=date(2026, 2, 1 + first_day + offset),
            )

    hand_over(members[:5], 0)
    before = count_queries(organizer_client, url, members[4].display_name)
    hand_over(members[5:25], 5)
    after = count_queries(organizer_client, url, members[24].display_name)
    assert after == before


def test_api_member_list_query_count_does_not_grow(world, organizer_client):
    url = f"/api/v1/orgs/{world.org.slug}/members/"
    add_members(world, 5, 0)
    with CaptureQueriesContext(connection) as before:
        assert organizer_client.get(url).json()["count"] == 7
    add_members(world, 20, 5)
    with CaptureQueriesContext(connection) as after:
        assert organizer_client.get(url).json()["count"] == 27
    assert len(after.captured_queries) == len(before.captured_queries)


def test_api_role_list_query_count_does_not_grow(world, organizer_client):
    url = f"/api/v1/orgs/{world.org.slug}/roles/"
    add_members(world, 5, 0)
    with CaptureQueriesContext(connection) as before:
        organizer_client.get(url)
    add_members(world, 20, 5)
    with CaptureQueriesContext(connection) as after:
        assert organizer_client.get(url).json()["count"] == 26
    assert len(after.captured_queries) == len(before.captured_queries)


def test_audit_log_query_count_does_not_grow(world, organizer_client):
    url = f"/o/{world.org.slug}/log/"
    add_members(world, 2, 0)
    before = count_queries(organizer_client, url, "organizations.member.added")
    add_members(world, 20, 2)
    after = count_queries(organizer_client, url, "organizations.member.added")
    assert after == before
