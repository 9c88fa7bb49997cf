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


def test_cover_and_swap_previews_and_an_arranged_swap_through_the_api(world, weekly, crew):
    from orgkit.rotations.models import Swap, Turn

    org = f"/api/v1/orgs/{world.org.slug}/rotations"
    first, second = Turn.objects.filter(rotation=weekly).order_by("start")[:2]
    before = dict(Turn.objects.filter(rotation=weekly).values_list("start", "holder_id"))
    coverer = next(m for m in crew if m.pk not in (first.holder_id, second.holder_id))

    preview = api_for(coverer).get(f"{org}/turns/{first.pk}/cover/")
    assert preview.status_code == 200
    assert preview.json()["moves"] == [
        {
            "start": first.start.isoformat(),
            "old_holder": first.holder.display_name,
            "new_holder": coverer.display_name,
            "chosen": True,
        }
    ]
    swap_preview = api_for(first.holder).get(
        f"{org}/turns/{second.pk}/swaps/", {"offered_turn": first.pk}
    )
    assert [(m["start"], m["chosen"]) for m in swap_preview.json()["moves"]] == [
        (first.start.isoformat(), True),
        (second.start.isoformat(), True),
    ]
    assert api_for(coverer).get(f"{org}/turns/{second.pk}/swaps/").status_code == 400

    body = {"first_turn": first.pk, "second_turn": second.pk}
    assert api_for(crew[1]).post(f"{org}/{weekly.pk}/swaps/", body).status_code == 403
    assert api_for(crew[1]).get(f"{org}/{weekly.pk}/swaps/", body).status_code == 403
    shown = api_for(world.organizer).get(f"{org}/{weekly.pk}/swaps/", body)
    assert len(shown.json()["moves"]) == 2
    arranged = api_for(world.organizer).post(f"{org}/{weekly.pk}/swaps/", body)
    assert arranged.status_code == 201 and arranged.json()["status"] == Swap.Status.ACCEPTED
    after = dict(Turn.objects.filter(rotation=weekly).values_list("start", "holder_id"))
    assert after == {
        **before,
        first.start: before[second.start],
        second.start: before[first.start],
    }
    turn = api_for(crew[1]).get(f"{org}/{weekly.pk}/turns/").json()["results"][0]
    assert (turn["status"], turn["covered_for"]) == ("swapped", before[first.start])
