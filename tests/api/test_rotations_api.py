"""The rotations API: plan, act on turns, swap, fairness — the same services as the pages."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def api_for(member) -> APIClient:
    client = APIClient()
    client.force_authenticate(member.user)
    return client


def test_turns_skip_swap_and_fairness_through_the_api(world, weekly, crew):
    base = f"/api/v1/orgs/{world.org.slug}/rotations/{weekly.pk}"
    turns = api_for(crew[1]).get(f"{base}/turns/").json()["results"]
    assert [t["holder_name"] for t in turns[:4]] == [
        "Ana Alder",
        "Bo Birch",
        "Cy Cedar",
        "Max Member",
    ]
    assert turns[0]["reasons"][0]["text"] == "never served"

    skipped = api_for(crew[1]).post(
        f"/api/v1/orgs/{world.org.slug}/rotations/turns/{turns[0]['id']}/skip/"
    )
    assert skipped.status_code == 200 and skipped.json()["holder_name"] != "Ana Alder"

    refused = api_for(crew[3]).post(
        f"/api/v1/orgs/{world.org.slug}/rotations/turns/{turns[1]['id']}/skip/"
    )
    assert refused.status_code == 403

    turns = api_for(crew[1]).get(f"{base}/turns/").json()["results"]
    bo_turn = next(t for t in turns if t["holder_name"] == "Bo Birch")
    cy_turn = next(t for t in turns if t["holder_name"] == "Cy Cedar")
    swap = api_for(crew[2]).post(
        f"/api/v1/orgs/{world.org.slug}/rotations/turns/{cy_turn['id']}/swaps/",
        {"offered_turn": bo_turn["id"]},
        format="json",
    )
    assert swap.status_code == 201
    accepted = api_for(crew[3]).post(
        f"/api/v1/orgs/{world.org.slug}/rotations/swaps/{swap.json()['id']}/accept/"
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"

    fairness = api_for(crew[0]).get(f"{base}/fairness/?months=12").json()
    assert sum(m["planned"] for m in fairness["members"]) == len(
        api_for(crew[0]).get(f"{base}/turns/").json()["results"]
    )
    assert 0 <= fairness["balance_percent"] <= 100


def test_rules_change_and_leave_through_the_api(world, weekly, crew):
    base = f"/api/v1/orgs/{world.org.slug}/rotations"
    assert (
        api_for(crew[0])
        .patch(f"{base}/{weekly.pk}/", {"term_length": 2}, format="json")
        .status_code
        == 403
    )
    response = api_for(world.organizer).patch(
        f"{base}/{weekly.pk}/", {"term_length": 2}, format="json"
    )
    assert response.status_code == 200 and response.json()["term_length"] == 2
    bad = api_for(crew[3]).post(
        f"{base}/leave/", {"start": "2027-01-10", "end": "2027-01-01"}, format="json"
    )
    assert bad.status_code == 400 and "ends before it starts" in bad.json()["end"][0]
    ok = api_for(crew[3]).post(
        f"{base}/leave/", {"start": "2027-01-01", "end": "2027-01-10"}, format="json"
    )
    assert ok.status_code == 201
    assert [item["start"] for item in api_for(crew[3]).get(f"{base}/leave/").json()["results"]] == [
        "2027-01-01"
    ]


def test_creating_a_rotation_for_a_role_that_already_rotates_is_a_400(world, weekly):
    response = api_for(world.organizer).post(
        f"/api/v1/orgs/{world.org.slug}/rotations/",
        {
            "role": world.role.pk,
            "cadence_unit": "weeks",
            "cadence_every": 2,
            "anchor": str(date(2027, 1, 4)),
        },
        format="json",
    )
    assert response.status_code == 400 and "already rotates" in response.json()["role"][0]
