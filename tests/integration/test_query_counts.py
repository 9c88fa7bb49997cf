"""List pages keep a constant number of queries as rows grow (DESIGN.md rule 6):
N rows vs N+20 rows, all on the page, same count, within a fixed budget."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from orgkit.organizations import services
from tests.support import assert_queries_constant, queries_of

pytestmark = pytest.mark.django_db


def add_members(world, how_many: int, start: int) -> list:
    added = []
    for i in range(start, start + how_many):
        member = services.member_add(
            actor=world.organizer,
            email=f"m{i}@example.org",
            full_name=f"Member {i:03d}",
            branch=world.branch,
        )
        role = services.role_create(actor=world.organizer, body=world.body, name=f"Role {i}")
        services.role_assign(
            actor=world.organizer, role=role, member=member, how="election", start=date(2026, 1, 1)
        )
        services.body_member_add(
            actor=world.organizer,
            body=world.body,
            member=member,
            how="elected",
            start=date(2026, 1, 1),
        )
        added.append(member)
    return added


@pytest.fixture
def organizer_client(world) -> Client:
    client = Client()
    client.force_login(world.organizer.user)
    return client


def newest(state: dict) -> str:
    return f"Member {state['n'] - 1:03d}"


@pytest.fixture
def members(world):
    """5 members now; ``grow()`` adds 20 more. ``state['n']`` is how many were added."""
    state = {"n": 5}
    add_members(world, 5, 0)

    def grow():
        add_members(world, 20, state["n"])
        state["n"] += 20

    return state, grow


@pytest.mark.parametrize(
    ("path", "headers", "budget"),
    [
        ("members/", {}, 12),
        ("members/?q=Member", {"HX-Request": "true"}, 12),
        ("members.csv", {}, 12),
        ("bodies/steering-committee/", {}, 16),
    ],
)
def test_member_lists_do_not_grow(world, organizer_client, members, path, headers, budget):
    state, grow = members
    url = f"/o/{world.org.slug}/{path}"

    def measure():
        return queries_of(organizer_client, url, contains=newest(state), headers=headers)

    assert_queries_constant(measure, grow, at_most=budget)
    if headers:  # the fragment, not the page
        assert "<html" not in organizer_client.get(url, headers=headers).content.decode()


def test_body_tree_query_count_does_not_grow(world, organizer_client):
    state = {"n": 0}

    def add(n):
        for i in range(state["n"], state["n"] + n):
            services.body_create(
                actor=world.organizer, name=f"Body {i:03d}", kind="committee", parent=world.body
            )
        state["n"] += n

    add(5)
    assert_queries_constant(
        lambda: queries_of(
            organizer_client, f"/o/{world.org.slug}/bodies/", contains=f"Body {state['n'] - 1:03d}"
        ),
        lambda: add(20),
        at_most=10,
    )


def test_role_page_query_count_does_not_grow(world, organizer_client):
    url = f"/o/{world.org.slug}/roles/{world.role.pk}/"
    people = add_members(world, 25, 0)
    shown = {"last": None}

    def hand_over(batch, first_day):
        for offset, member in enumerate(batch):
            services.role_assign(
                actor=world.organizer,
                role=world.role,
                member=member,
                how="rotation",
                start=date(2026, 2, 1 + first_day + offset),
            )
        shown["last"] = batch[-1].display_name

    hand_over(people[:5], 0)
    assert_queries_constant(
        lambda: queries_of(organizer_client, url, contains=shown["last"]),
        lambda: hand_over(people[5:25], 5),
        at_most=14,
    )


@pytest.mark.parametrize(("path", "budget"), [("members/", 6), ("roles/", 6)])
def test_api_lists_do_not_grow(world, organizer_client, members, path, budget):
    state, grow = members
    url = f"/api/v1/orgs/{world.org.slug}/{path}"

    def measure():
        expected = state["n"] + (
            2 if path == "members/" else 1
        )  # + Olga and Max, or + the world's role
        count = queries_of(organizer_client, url)
        assert organizer_client.get(url).json()["count"] == expected
        return count

    assert_queries_constant(measure, grow, at_most=budget)


def test_audit_log_query_count_does_not_grow(world, organizer_client, members):
    _, grow = members
    assert_queries_constant(
        lambda: queries_of(organizer_client, f"/o/{world.org.slug}/log/", contains="added"),
        grow,
        at_most=10,
    )
