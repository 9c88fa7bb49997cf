"""The elections API: set up, nominate, vote, results, receipts — and its refusals."""

from __future__ import annotations

import warnings
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from orgkit.elections.models import Ballot, Election
from orgkit.organizations import services as org_services

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def base(world) -> str:
    return f"/api/v1/orgs/{world.org.slug}/elections/"


def setup_payload(body_id, **extra):
    now = timezone.now()
    return {
        "title": "Delegates",
        "body": body_id,
        "seats": 2,
        "rule": "meek",
        "notice_days": 0,
        "nominations_open_at": (now - timedelta(hours=1)).isoformat(),
        "nominations_close_at": (now + timedelta(hours=1)).isoformat(),
        "voting_opens_at": (now + timedelta(hours=1)).isoformat(),
        "voting_closes_at": (now + timedelta(hours=3)).isoformat(),
        **extra,
    }


def test_a_whole_election_through_the_api(world, django_capture_on_commit_callbacks):
    assembly = org_services.body_create(
        actor=world.organizer, name="All", kind="assembly", membership="organization"
    )
    organizer, member = api_for(world.organizer.user), api_for(world.member.user)
    assert member.post(base(world), setup_payload(assembly.pk), format="json").status_code == 403
    created = organizer.post(base(world), setup_payload(assembly.pk), format="json")
    assert created.status_code == 201, created.json()
    one = f"{base(world)}{created.json()['id']}/"
    assert (
        organizer.post(one + "move/", {"to": "nominations"}, format="json").json()["state"]
        == "nominations"
    )

    me = member.post(
        one + "candidates/",
        {"member": world.member.pk, "statement": "Rotate the chair."},
        format="json",
    )
    boss = member.post(one + "candidates/", {"member": world.organizer.pk}, format="json")
    assert me.status_code == 201 and boss.status_code == 201
    # Nominated by someone else: Olga stands once she agrees, and only she can.
    assert boss.json()["status"] == "consent"
    consent = one + f"candidates/{boss.json()['id']}/consent/"
    refused = member.post(consent, format="json")
    assert refused.status_code == 400 and "Only the nominee" in refused.json()["detail"]
    assert organizer.post(consent, format="json").json()["status"] == "standing"
    twice = member.post(one + "candidates/", {"member": world.member.pk}, format="json")
    assert twice.status_code == 400 and "already nominated" in twice.json()["member"][0]
    assert [c["name"] for c in member.get(one + "candidates/").json()["results"]] == [
        "Max Member",
        "Olga Organizer",
    ]

    early = organizer.post(one + "move/", {"to": "voting"}, format="json")
    assert early.status_code == 400 and "cannot open earlier" in early.json()["detail"]
    Election.objects.filter(pk=created.json()["id"]).update(  # time passes
        nominations_close_at=timezone.now(), voting_opens_at=timezone.now()
    )
    opened = organizer.post(one + "move/", {"to": "voting"}, format="json").json()
    assert opened["state"] == "voting" and len(opened["seed"]) == 32

    bad = member.post(one + "vote/", {"ranking": [me.json()["id"], me.json()["id"]]}, format="json")
    assert bad.status_code == 400 and "only once" in bad.json()["ranking"][0]
    receipt = member.post(one + "vote/", {"ranking": [me.json()["id"]]}, format="json")
    assert receipt.status_code == 201
    assert (
        member.post(one + "vote/", {"ranking": [me.json()["id"]]}, format="json").status_code == 400
    )
    assert member.get(one + "receipts/").json() == {"codes": []}  # not before close
    assert member.get(one + "results/").json()["result"] is None
    organizer.post(one + "vote/", {"ranking": [boss.json()["id"], me.json()["id"]]}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        closed = organizer.post(one + "move/", {"to": "closed"}, format="json")
    assert closed.status_code == 200
    results = member.get(one + "results/").json()
    assert results["state"] == "published"
    assert sorted(results["result"]["elected"]) == ["Max Member", "Olga Organizer"]
    assert results["result"]["block_vote"]["method"] == "block-vote"
    assert receipt.json()["receipt"] in member.get(one + "receipts/").json()["codes"]
    assert Ballot.objects.count() == 2


def test_bodies_and_members_from_another_organization_are_rejected(world):
    from orgkit.organizations.models import Body

    other_body = Body.objects.create(organization=world.other_org, name="Theirs", slug="theirs")
    response = api_for(world.organizer.user).post(
        base(world), setup_payload(other_body.pk), format="json"
    )
    assert response.status_code == 400 and "body" in response.json()


def test_outsiders_get_404(world):
    assert api_for(world.outsider_user).get(base(world)).status_code == 404
    assert APIClient().get(base(world)).status_code in (401, 403)


def test_schema_includes_elections_without_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        schema = SchemaGenerator().get_schema(request=None, public=True)
    assert not GENERATOR_STATS, f"schema warnings/errors: {GENERATOR_STATS}"
    assert "/api/v1/orgs/{org_slug}/elections/{election_id}/vote/" in schema["paths"]


def test_apportion_vote_seat_and_protest_through_the_api(world, django_capture_on_commit_callbacks):
    from orgkit.elections import services
    from orgkit.organizations.models import BodyMember

    congress = org_services.body_create(actor=world.organizer, name="Congress", kind="congress")
    org_services.member_add(
        actor=world.organizer, email="nia@example.org", full_name="Nia North", branch=world.branch
    )
    organizer, member = api_for(world.organizer.user), api_for(world.member.user)
    now = timezone.now()
    payload = {
        "congress": congress.pk,
        "seats": 1,
        "method": "sainte-lague",
        "notice_days": 0,
        "snapshot_date": now.date().isoformat(),
        "nominations_open_at": (now - timedelta(hours=1)).isoformat(),
        "nominations_close_at": (now + timedelta(hours=1)).isoformat(),
        "voting_opens_at": (now + timedelta(hours=1)).isoformat(),
        "voting_closes_at": (now + timedelta(hours=3)).isoformat(),
    }
    url = f"/api/v1/orgs/{world.org.slug}/apportionments/"
    assert member.post(url, payload, format="json").status_code == 403
    created = organizer.post(url, payload, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["table"]["methods"]["sainte-lague"]["seats"] == {"North Block": 1}
    [election_id] = created.json()["elections"]
    one = f"{base(world)}{election_id}/"
    organizer.post(one + "move/", {"to": "nominations"}, format="json")
    mine = member.post(one + "candidates/", {"member": world.member.pk}, format="json").json()
    Election.objects.filter(pk=election_id).update(
        nominations_close_at=timezone.now(), voting_opens_at=timezone.now()
    )
    organizer.post(one + "move/", {"to": "voting"}, format="json")
    assert member.get(one + "who-voted/").json()["results"] == []  # not before the close
    election = Election.objects.get(pk=election_id)
    for entry in election.roll.select_related("member"):
        services.ballot_cast(voter=entry.member, election=election, ranking=[mine["id"]])
    with django_capture_on_commit_callbacks(execute=True):
        organizer.post(one + "move/", {"to": "closed"}, format="json")
    voted = member.get(one + "who-voted/").json()["results"]
    assert {v["name"] for v in voted} == {"Max Member", "Nia North"} and all(
        v["voted"] for v in voted
    )
    assert organizer.post(one + "seat/", {}, format="json").json() == {"seated": ["Max Member"]}
    assert BodyMember.objects.filter(body=congress, member=world.member, how="elected").exists()
    assert organizer.post(one + "seat/", {}, format="json").status_code == 400

    lodged = member.post(one + "protests/", {"text": "Nia was not told."}, format="json")
    assert lodged.status_code == 201
    answer_url = f"{one}protests/{lodged.json()['id']}/answer/"
    assert member.post(answer_url, {"answer": "No."}, format="json").status_code == 403
    answered = organizer.post(
        answer_url, {"answer": "She was: the notice log shows it."}, format="json"
    )
    assert answered.json()["answered_by"] == "Olga Organizer"
    assert member.get(one + "protests/").json()["results"][0]["answer"].startswith("She was")


def test_a_draft_is_changed_with_patch_and_members_cannot(world):
    from datetime import timedelta

    from django.utils import timezone

    from orgkit.elections import services
    from tests.integration.elections.conftest import assembly

    now = timezone.now()
    election = services.election_create(
        actor=world.organizer,
        body=assembly(world),
        title="Delegates",
        seats=3,
        ballot_kind="ranked",
        rule="scottish",
        secrecy="secret",
        requires_seconder=False,
        notice_days=0,
        nominations_open_at=now + timedelta(days=1),
        nominations_close_at=now + timedelta(days=8),
        voting_opens_at=now + timedelta(days=9),
        voting_closes_at=now + timedelta(days=10),
    )
    url = f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/"
    member = APIClient()
    member.force_authenticate(world.member.user)
    assert member.patch(url, {"seats": 4}, format="json").status_code == 403
    organizer = APIClient()
    organizer.force_authenticate(world.organizer.user)
    response = organizer.patch(url, {"seats": 4}, format="json")
    assert response.status_code == 200 and response.json()["seats"] == 4
    bad = organizer.patch(url, {"seats": 0}, format="json")
    assert bad.status_code == 400
