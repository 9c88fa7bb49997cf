"""Importing an outside election through the API: preview (nothing saved), import, recount
under another preset, read the ballots back; refusals; every golden file's official winners;
the list's query count with imported elections in it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from orgkit.core.models import AuditEvent
from orgkit.elections.counting.blt import parse_blt
from orgkit.elections.models import Election, ElectionResult
from tests.integration.elections.conftest import assembly
from tests.integration.elections.import_support import GOLDEN_STV, official_winners
from tests.support import assert_queries_constant, queries_of

pytestmark = pytest.mark.django_db

NOTE = "Imported — counted by orgkit from a file; not voted in orgkit"
WIKIPEDIA = (GOLDEN_STV / "wikipedia-food-election.blt").read_text()


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(world, tail="") -> str:
    return f"/api/v1/orgs/{world.org.slug}/elections/{tail}"


def import_json(client, world, content=WIKIPEDIA, **extra):
    payload = {"content": content, "filename": "food.blt", "body": assembly(world).pk, **extra}
    return client.post(url(world, "import/"), payload, format="json")


def test_preview_saves_nothing(world):
    answer = import_json(api_for(world.organizer.user), world, preview=True, rule="meek")
    assert answer.status_code == 200, answer.json()
    data = answer.json()
    assert data["candidates"] == ["Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers"]
    assert (data["seats"], data["ballots"], data["withdrawn"], data["rule"]) == (
        3,
        "20",
        [],
        "meek",
    )
    assert (
        not Election.objects.exists()
        and not AuditEvent.objects.filter(verb__startswith="elections.").exists()
    )


def test_import_a_multipart_file_then_recount_and_read_the_ballots_back(world):
    client = api_for(world.organizer.user)
    upload = SimpleUploadedFile("food.blt", WIKIPEDIA.encode())
    answer = client.post(
        url(world, "import/"),
        {"file": upload, "body": assembly(world).pk, "seats": 2, "held_on": "2025-11-08"},
        format="multipart",
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    election_id = body["election"]["id"]
    assert body["election"]["imported"] is True and body["imported"] == NOTE
    assert body["result"]["seats"] == 2 and body["result"]["imported"]["filename"] == "food.blt"
    assert body["result"]["stv"]["stages"] and body["result"]["block_vote"]
    assert Election.objects.get(pk=election_id).voting_opens_at.date().isoformat() == "2025-11-08"

    detail = client.get(url(world, f"{election_id}/")).json()
    assert detail["imported"] is True and detail["state"] == "published"
    listed = client.get(url(world)).json()
    assert [e["imported"] for e in listed["results"]] == [True]

    recount = client.post(
        url(world, f"{election_id}/imported/recount/"), {"rule": "wigm"}, format="json"
    )
    assert recount.status_code == 201 and recount.json()["election"]["rule"] == "wigm"
    results = client.get(url(world, f"{election_id}/results/")).json()
    assert results["imported"] is True
    assert results["result"]["rule"] == "scottish"
    assert [r["rule"] for r in results["recounts"]] == ["wigm"]

    ballots = api_for(world.member.user).get(url(world, f"{election_id}/ballots/")).json()
    assert ballots["imported"] is True and ballots["file"]["filename"] == "food.blt"
    again = parse_blt(ballots["blt"])
    assert again.grouped().ballots == parse_blt(WIKIPEDIA).grouped().ballots
    assert again.seats == 2


@pytest.mark.parametrize(
    ("content", "field", "message"),
    [
        ("", "file", "The file is empty."),
        ('2 1\n1 1 0\nx 2 0\n0\n"A"\n"B"\n"T"\n', "file", "Line 3 of the file: ballot weight"),
        ('2 1\n1 1 0\n1e20 2 0\n0\n"A"\n"B"\n"T"\n', "file", "Line 3 of the file: a ballot"),
        ('3 1\n1 1 0\n0\n"A"\n"B"\n"T"\n', "file", "Line 6 of the file: the header declares 3"),
        ('2 3\n1 1 0\n0\n"A"\n"B"\n"T"\n', "file", "3 seats but only 2 candidates stand"),
        ("2 1\n1 1 0\n", "file", "Line 2 of the file: no end-of-ballots line"),
    ],
)
def test_bad_files_are_400_naming_the_line_and_nothing_is_saved(world, content, field, message):
    answer = import_json(api_for(world.organizer.user), world, content=content)
    assert answer.status_code == 400, answer.json()
    assert message in str(answer.json()), answer.json()
    assert not Election.objects.exists() and not ElectionResult.objects.exists()


def test_a_binary_or_huge_upload_is_refused(world):
    client = api_for(world.organizer.user)
    for name, content, message in [
        ("x.blt", bytes(range(256)), "not a text file"),
        ("x.blt", b"2 1\n" + b"1 1 2 0\n" * 400_000, "at most 3 MB"),
    ]:
        upload = SimpleUploadedFile(name, content)
        answer = client.post(
            url(world, "import/"), {"file": upload, "body": assembly(world).pk}, format="multipart"
        )
        assert answer.status_code == 400 and message in str(answer.json())
    assert not Election.objects.exists()


def test_members_may_not_import_or_recount_and_rules_are_checked(world):
    assert import_json(api_for(world.member.user), world).status_code == 403
    client = api_for(world.organizer.user)
    assert import_json(client, world, rule="dhondt").status_code == 400
    election_id = import_json(client, world).json()["election"]["id"]
    recount = url(world, f"{election_id}/imported/recount/")
    assert api_for(world.member.user).post(recount, {"rule": "meek"}).status_code == 403
    assert client.post(recount, {"rule": "sainte-lague"}, format="json").status_code == 400
    assert ElectionResult.objects.filter(election_id=election_id).count() == 1


def test_another_organizations_body_is_refused(world):
    from orgkit.organizations import services as org_services
    from orgkit.organizations.models import Member

    owner = Member.objects.get(organization=world.other_org, user=world.outsider_user)
    other = org_services.body_create(
        actor=owner, name="Their Assembly", kind="assembly", membership="organization"
    )
    answer = import_json(api_for(world.organizer.user), world, body=other.pk)
    assert answer.status_code == 400 and not Election.objects.exists()


@pytest.mark.parametrize("path", sorted(official_winners()))
def test_golden_file_imported_through_the_api_elects_the_official_winners(world, path):
    rule, winners = official_winners()[path]
    content = (GOLDEN_STV / path).read_bytes()
    answer = api_for(world.organizer.user).post(
        url(world, "import/"),
        {
            "file": SimpleUploadedFile(path.split("/")[-1], content),
            "body": assembly(world).pk,
            "rule": rule,
        },
        format="multipart",
    )
    assert answer.status_code == 201, answer.json()
    assert set(answer.json()["result"]["elected"]) == winners


def test_list_page_and_api_with_imported_elections_do_not_grow(world):
    from orgkit.elections import services

    def add(start, count):
        for i in range(start, start + count):
            services.election_import(
                actor=world.organizer,
                body=assembly(world),
                content=WIKIPEDIA.encode(),
                filename="food.blt",
                rule="scottish",
                title=f"Paper count {i:03d}",
            )

    add(0, 3)
    client = Client()
    client.force_login(world.member.user)
    newest = {"title": "Paper count 002"}

    def more():
        add(3, 20)
        newest["title"] = "Paper count 022"

    assert_queries_constant(
        lambda: (
            queries_of(client, f"/o/{world.org.slug}/elections/", contains=newest["title"]),
            queries_of(client, url(world), contains=newest["title"]),
        ),
        more,
        at_most=10,
    )
