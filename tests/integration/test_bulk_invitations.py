"""Inviting many members at once (issue 13, item 14): the list reader, the all-or-nobody
service on PostgreSQL, the page (paste and upload) and the API with its dry run."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from orgkit.core.errors import ServiceError
from orgkit.core.models import OutboundEmail
from orgkit.organizations import services
from orgkit.organizations.invite_csv import MAX_ROWS, ListProblem, decode, parse
from orgkit.organizations.models import Invitation

pytestmark = pytest.mark.django_db


def people(n: int, *, start: int = 0, branch: str = "North Block") -> str:
    lines = ["name,email,branch"]
    lines += [f"Person {i},p{i}@example.org,{branch}" for i in range(start, start + n)]
    return "\n".join(lines) + "\n"


BAD_LIST = (
    "Name;E-mail;Branch\n"
    "Ada Able;ada@example.org;North Block\n"
    "Bad Email;not-an-address;\n"
    "Lost Soul;lost@example.org;Atlantis\n"
    "Ada Again;ADA@example.org;\n"
    "Max Member;max@example.org;north-block\n"
    "Cy Cedar;cy@example.org;\n"
)


def pending_emails(org) -> set[str]:
    return set(
        Invitation.objects.filter(organization=org, status="pending").values_list(
            "email", flat=True
        )
    )


# --- the reader ------------------------------------------------------------------------------


def test_reader_takes_a_header_in_any_order_semicolons_and_a_bom():
    text = decode("\ufeffE-mail;Branch;Name\r\nana@x.org;North;Ana Á\r\n".encode())
    [row] = parse(text)
    assert (row.name, row.email, row.branch, row.line) == ("Ana Á", "ana@x.org", "North", 2)


def test_reader_takes_excel_utf16_tabs_and_windows_1252():
    utf16 = "name\temail\nZoë\tz@x.org\n".encode("utf-16")
    assert parse(decode(utf16))[0].name == "Zoë"
    cp1252 = "Renée,r@x.org\n".encode("cp1252")
    assert parse(decode(cp1252))[0].name == "Renée"


def test_reader_without_header_goes_by_position():
    rows = parse("only@x.org\nBo Birch, bo@x.org\nCy,cy@x.org,South\n\n")
    assert [(r.name, r.email, r.branch) for r in rows] == [
        ("", "only@x.org", ""),
        ("Bo Birch", "bo@x.org", ""),
        ("Cy", "cy@x.org", "South"),
    ]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"name,email\n", "empty"),
        (b"PK\x03\x04\x00\x00binary-xlsx", "unreadable"),
        (b"x" * 200_001, "too_big"),
        (b"\x81\x8d\x8f", "unreadable"),
    ],
)
def test_reader_refuses_what_it_cannot_read(data, code):
    with pytest.raises(ListProblem) as problem:
        parse(decode(data))
    assert problem.value.code == code


def test_reader_replaces_lone_surrogates_and_nul():
    [row] = parse("Ana\ud800 A\x00,ana@x.org\n")
    assert row.name == "Ana\ufffd\ufffd\ufffd A"  # NUL gone, the surrogate made harmless


def test_reader_has_a_row_limit():
    with pytest.raises(ListProblem) as problem:
        parse(people(MAX_ROWS + 1))
    assert problem.value.code == "too_many"
    assert len(parse(people(MAX_ROWS))) == MAX_ROWS


# --- the service -----------------------------------------------------------------------------


def test_check_marks_every_kind_of_bad_row_and_writes_nothing(world):
    before = Invitation.objects.count()
    plan = services.invitations_bulk_check(actor=world.organizer, text=BAD_LIST)
    assert [row.problems for row in plan.rows] == [
        [],
        ["bad_email"],
        ["unknown_branch"],
        ["duplicate"],
        ["already_member"],
        [],
    ]
    assert Invitation.objects.count() == before


def test_a_list_with_bad_rows_invites_nobody(world, mailoutbox, django_capture_on_commit_callbacks):
    before = pending_emails(world.org)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(services.BulkInvitationRefused) as refused:
            services.invitations_bulk_create(actor=world.organizer, text=BAD_LIST)
    assert "4 of 6 rows" in refused.value.message
    assert len(refused.value.plan.bad) == 4
    assert pending_emails(world.org) == before
    assert callbacks == [] and mailoutbox == []


def test_dropping_the_bad_rows_invites_the_rest_and_mails_after_commit(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan, invitations = services.invitations_bulk_create(
            actor=world.organizer, text=BAD_LIST, drop_bad_rows=True
        )
        assert mailoutbox == []  # nothing leaves before the transaction commits
    assert sorted(i.email for i in invitations) == ["ada@example.org", "cy@example.org"]
    ada = next(i for i in invitations if i.email == "ada@example.org")
    assert ada.branch == world.branch and ada.full_name == "Ada Able"
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.org", "cy@example.org"]
    assert all("/invite/" in m.body for m in mailoutbox)


def test_nothing_is_half_imported_when_a_write_fails_midway(world, monkeypatch, postgres_only):
    """One transaction: the 20th invitation failing leaves neither invitations nor queued
    emails from the first 19 (PostgreSQL rolls the lot back)."""
    from orgkit.organizations.services import bulk_invitations

    real = bulk_invitations.invitation_write
    calls = {"n": 0}

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == 20:
            raise RuntimeError("the database went away")
        return real(**kwargs)

    monkeypatch.setattr(bulk_invitations, "invitation_write", flaky)
    emails_before = OutboundEmail.objects.count()
    with pytest.raises(RuntimeError):
        services.invitations_bulk_create(actor=world.organizer, text=people(30))
    assert not Invitation.objects.filter(email__startswith="p", organization=world.org).exists()
    assert OutboundEmail.objects.count() == emails_before


def test_reinviting_a_pending_address_replaces_its_invitation(world):
    _plan, [fresh] = services.invitations_bulk_create(
        actor=world.organizer, text="New Person,new@example.org\n"
    )
    world.invitation.refresh_from_db()
    assert world.invitation.status == "revoked" and fresh.status == "pending"


def test_only_organizers_invite_in_bulk(world):
    with pytest.raises(ServiceError) as refused:
        services.invitations_bulk_create(actor=world.member, text=people(2))
    assert refused.value.code == "not_allowed"


# --- the page --------------------------------------------------------------------------------


@pytest.fixture
def organizer_client(world) -> Client:
    client = Client()
    client.force_login(world.organizer.user)
    return client


def test_upload_preview_then_invite(world, organizer_client):
    url = f"/o/{world.org.slug}/invitations/bulk/"
    upload = SimpleUploadedFile("people.csv", people(30).encode("utf-8-sig"), "text/csv")
    preview = organizer_client.post(url, {"file": upload, "action": "preview"})
    body = preview.content.decode()
    assert preview.status_code == 200 and body.count("@example.org</td>") == 30
    assert not Invitation.objects.filter(email="p0@example.org").exists()
    checked = preview.context["form"].initial["checked"]
    text = preview.context["form"].initial["text"]
    done = organizer_client.post(url, {"text": text, "checked": checked, "action": "invite"})
    assert done.status_code == 302
    assert len({f"p{i}@example.org" for i in range(30)} & pending_emails(world.org)) == 30


def test_invite_refuses_a_list_that_changed_since_the_preview(world, organizer_client):
    url = f"/o/{world.org.slug}/invitations/bulk/"
    preview = organizer_client.post(url, {"text": people(2), "action": "preview"})
    checked = preview.context["form"].initial["checked"]
    response = organizer_client.post(
        url, {"text": people(3), "checked": checked, "action": "invite"}
    )
    assert response.status_code == 200 and "The list changed" in response.content.decode()
    assert not Invitation.objects.filter(email="p2@example.org").exists()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"text": ""}, "Paste the list or choose a file."),
        ({"text": people(MAX_ROWS + 1)}, f"more than {MAX_ROWS} rows"),
        (
            {"file": SimpleUploadedFile("big.csv", b"a" * 200_001, "text/csv")},
            "larger than 200 kB",
        ),
        (
            {"file": SimpleUploadedFile("book.xlsx", b"PK\x03\x04\x00\x00", "text/csv")},
            "cannot be read as a CSV",
        ),
    ],
)
def test_page_explains_lists_it_cannot_take(world, organizer_client, payload, message):
    url = f"/o/{world.org.slug}/invitations/bulk/"
    response = organizer_client.post(url, {**payload, "action": "preview"})
    assert response.status_code == 400
    assert message in response.content.decode()


# --- the API ---------------------------------------------------------------------------------


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_dry_run_reports_rows_and_invites_nobody(world):
    api = api_for(world.organizer.user)
    url = f"/api/v1/orgs/{world.org.slug}/invitations/bulk/"
    before = pending_emails(world.org)
    response = api.post(url, {"csv": BAD_LIST, "dry_run": True}, format="json")
    assert response.status_code == 200
    assert (response.data["good"], response.data["bad"]) == (2, 4)
    assert response.data["rows"][1]["problem_codes"] == ["bad_email"]
    assert response.data["rows"][1]["problems"] == ["not a valid email address"]
    assert pending_emails(world.org) == before


def test_api_refuses_bad_rows_then_drops_them_when_asked(world):
    api = api_for(world.organizer.user)
    url = f"/api/v1/orgs/{world.org.slug}/invitations/bulk/"
    refused = api.post(url, {"csv": BAD_LIST}, format="json")
    assert refused.status_code == 400 and refused.data["bad"] == 4
    assert "ada@example.org" not in pending_emails(world.org)
    done = api.post(url, {"csv": BAD_LIST, "drop_bad_rows": True}, format="json")
    assert done.status_code == 201
    assert sorted(i["email"] for i in done.data["invitations"]) == [
        "ada@example.org",
        "cy@example.org",
    ]


def test_api_bulk_invite_is_for_organizers(world):
    url = f"/api/v1/orgs/{world.org.slug}/invitations/bulk/"
    response = api_for(world.member.user).post(url, {"csv": people(1)}, format="json")
    assert response.status_code == 403


def test_the_demo_list_shows_five_ready_rows_and_three_to_fix():
    """The README's pointer: seeds/invite_new_members.csv against the demo organization."""
    import io
    from pathlib import Path

    from django.core.management import call_command

    from orgkit.organizations.models import Member

    call_command("load_demo", stdout=io.StringIO())
    organizer = Member.objects.get(
        organization__slug="metalworkers", user__email="organizer@demo.orgkit.test"
    )
    data = (Path(__file__).resolve().parents[2] / "seeds" / "invite_new_members.csv").read_bytes()
    plan = services.invitations_bulk_check(
        actor=organizer, text=services.invitation_list_text(data=data)
    )
    assert (len(plan.good), len(plan.bad)) == (5, 3)
    assert [row.problems for row in plan.bad] == [
        ["bad_email"],
        ["unknown_branch"],
        ["already_member"],
    ]
