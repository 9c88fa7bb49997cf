"""Out-of-range and hostile input on the pages: a form error or a page with a message, nothing
saved, never a 500; and no redirect off the site (issue 8, items 3 and 6)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from orgkit.core.errors import ServiceError
from orgkit.rotations.models import Leave, Rotation

pytestmark = pytest.mark.django_db


def client_for(member) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(member.user)
    return client


# --- dates in forms ---------------------------------------------------------------------


@pytest.mark.parametrize("far", ["9999-12-25", "0001-01-01", "1899-12-31", "2201-01-01"])
def test_leave_form_refuses_far_dates_and_saves_nothing(world, weekly, crew, far):
    url = f"/o/{world.org.slug}/rotations/mine/leave/"
    response = client_for(crew[1]).post(url, {"start": far, "end": far})
    assert response.status_code == 400
    assert "between 1900-01-01 and 2200-12-31" in response.content.decode()
    assert not Leave.objects.exists()


def test_organizer_recording_far_leave_for_a_member_gets_a_message(world, weekly, crew):
    url = f"/o/{world.org.slug}/rotations/mine/leave/"
    response = client_for(world.organizer).post(
        url, {"member": crew[2].pk, "start": "9999-12-30", "end": "9999-12-31"}, follow=True
    )
    assert response.status_code == 200
    assert "between 1900-01-01 and 2200-12-31" in response.content.decode()
    assert not Leave.objects.exists()


def test_rotation_form_refuses_an_anchor_at_the_end_of_the_calendar(world, crew):
    response = client_for(world.organizer).post(
        f"/o/{world.org.slug}/rotations/new/",
        {
            "role": world.role.pk,
            "cadence_every": 1,
            "cadence_unit": "weeks",
            "anchor": "9999-12-25",
            "handover_time": "18:00",
            "term_length": 1,
            "max_consecutive_terms": 1,
            "cooldown_turns": 0,
            "confirmation_horizon": 4,
            "plan_ahead_turns": 12,
        },
    )
    assert response.status_code == 400
    assert "between 1900-01-01 and 2200-12-31" in response.content.decode()
    assert not Rotation.objects.exists()


def test_date_inputs_carry_the_range_for_browsers(world, crew):
    page = client_for(world.organizer).get(f"/o/{world.org.slug}/rotations/new/").content.decode()
    assert 'min="1900-01-01"' in page and 'max="2200-12-31"' in page


def test_election_form_refuses_windows_at_the_ends_of_the_calendar(world):
    from orgkit.elections.models import Election

    response = client_for(world.organizer).post(
        f"/o/{world.org.slug}/elections/new/",
        {
            "title": "Far",
            "body": world.body.pk,
            "seats": 1,
            "ballot_kind": "ranked",
            "rule": "scottish",
            "secrecy": "secret",
            "weighting": "equal",
            "notice_days": 0,
            "nominations_open_at": "0001-01-01T00:00",
            "nominations_close_at": "0001-01-02T00:00",
            "voting_opens_at": "9999-12-30T00:00",
            "voting_closes_at": "9999-12-31T23:59",
        },
    )
    assert response.status_code == 400
    assert "between 1900-01-01 and 2200-12-31" in response.content.decode()
    assert not Election.objects.exists()


def test_body_seat_and_role_forms_refuse_far_dates(world):
    client = client_for(world.organizer)
    seat = client.post(
        f"/o/{world.org.slug}/bodies/{world.body.slug}/members/add/",
        {
            "member": world.organizer.pk,
            "how": "elected",
            "start": "0001-01-01",
        },
    )
    assert seat.status_code in (200, 302, 400) and seat.status_code < 500
    assert not world.body.seats.filter(member=world.organizer).exists()
    assigned = client.post(
        f"/o/{world.org.slug}/roles/{world.role.pk}/assign/",
        {
            "member": world.organizer.pk,
            "how": "elected",
            "start": "9999-12-31",
        },
    )
    assert assigned.status_code < 500
    assert world.role.assignments.count() == 1


# --- services check too (they are the API of record) ------------------------------------


def test_services_refuse_far_dates_themselves(world, crew):
    from orgkit.organizations import services as org_services
    from orgkit.rotations import services

    with pytest.raises(ServiceError) as refused:
        services.leave_add(
            actor=crew[1], member=crew[1], start=date(9999, 12, 25), end=date(9999, 12, 31)
        )
    assert refused.value.field == "start"
    with pytest.raises(ServiceError) as refused:
        services.rotation_create(
            actor=world.organizer,
            role=world.role,
            cadence_unit="weeks",
            cadence_every=1,
            anchor=date(9999, 12, 25),
        )
    assert refused.value.field == "anchor"
    with pytest.raises(ServiceError):
        org_services.role_assign(
            actor=world.organizer,
            role=world.role,
            member=world.organizer,
            how="elected",
            start=date(1, 1, 1),
        )
    with pytest.raises(ServiceError):
        org_services.body_member_add(
            actor=world.organizer,
            body=world.body,
            member=world.organizer,
            how="elected",
            start=date(2026, 1, 1),
            end=date(9999, 12, 31),
        )
    assert not Leave.objects.exists() and not Rotation.objects.exists()


def test_election_services_refuse_far_windows_themselves(world):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from orgkit.elections import services
    from orgkit.elections.models import Election

    late = datetime(9999, 12, 30, tzinfo=ZoneInfo("UTC"))
    # Far enough ahead for the default notice period, whenever the test runs.
    soon = (timezone.now() + timedelta(days=40)).replace(microsecond=0)
    with pytest.raises(ServiceError) as refused:
        services.election_create(
            actor=world.organizer,
            body=world.body,
            title="Far",
            seats=1,
            nominations_open_at=soon,
            nominations_close_at=soon,
            voting_opens_at=soon,
            voting_closes_at=late,
        )
    assert refused.value.field == "voting_closes_at"
    assert not Election.objects.exists()
    election = services.election_create(
        actor=world.organizer,
        body=world.body,
        title="Near",
        seats=1,
        nominations_open_at=soon,
        nominations_close_at=soon,
        voting_opens_at=soon,
        voting_closes_at=soon + timedelta(days=30),
    )
    with pytest.raises(ServiceError) as refused:
        services.election_update(actor=world.organizer, election=election, voting_closes_at=late)
    assert refused.value.field == "voting_closes_at"
    assert Election.objects.get(pk=election.pk).voting_closes_at == soon + timedelta(days=30)


# --- ?month= on the calendars -----------------------------------------------------------


@pytest.mark.parametrize(
    "month",
    [
        "9999-12",
        "0001-01",
        "1-1",
        "1899-12",
        "2201-01",
        "0-0",
        "2027-13",
        "2027-00",
        "-1-5",
        "²-1",
        "2027",
        "99999999999999999999-01",
        "x" * 5000,
        "",
    ],
)
def test_calendars_answer_a_page_for_any_month(world, weekly, month):
    client = client_for(world.member)
    for url in (
        f"/o/{world.org.slug}/rotations/{weekly.pk}/calendar/",
        f"/o/{world.org.slug}/rotations/bodies/{world.body.slug}/calendar/",
    ):
        response = client.get(url, {"month": month})
        assert response.status_code == 200, (url, month, response.status_code)


def test_an_out_of_range_month_says_so_and_shows_this_month(world, weekly):
    response = client_for(world.member).get(
        f"/o/{world.org.slug}/rotations/{weekly.pk}/calendar/", {"month": "9999-12"}
    )
    page = response.content.decode()
    assert "There is no calendar for" in page and "1900-01" in page
    edge = (
        client_for(world.member)
        .get(f"/o/{world.org.slug}/rotations/{weekly.pk}/calendar/", {"month": "2200-12"})
        .content.decode()
    )
    assert "Next month" not in edge and "?month=2200-11" in edge


# --- open redirect ----------------------------------------------------------------------

EVIL = [
    "https://evil.example/",
    "//evil.example/",
    "http://evil.example/o/",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", EVIL)
def test_leave_form_does_not_follow_next_off_the_site(world, weekly, crew, target):
    for body in (
        {"start": "2027-01-04", "end": "2027-01-05"},  # recorded
        {"member": crew[2].pk, "start": "x", "end": "y"},
    ):  # refused, for a member
        response = client_for(world.organizer).post(
            f"/o/{world.org.slug}/rotations/mine/leave/", {**body, "next": target}
        )
        assert response.status_code == 302
        assert response["Location"] == f"/o/{world.org.slug}/rotations/mine/", response["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_turn_action_does_not_follow_next_off_the_site(world, weekly, crew, target):
    turn = weekly.turns.order_by("start").first()
    response = client_for(crew[1]).post(
        f"/o/{world.org.slug}/rotations/turns/{turn.pk}/cover/", {"next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/o/{world.org.slug}/rotations/{weekly.pk}/"


def test_a_next_on_the_site_is_still_followed(world, weekly, crew):
    turn = weekly.turns.order_by("start").first()
    here = f"/o/{world.org.slug}/rotations/mine/"
    response = client_for(crew[1]).post(
        f"/o/{world.org.slug}/rotations/turns/{turn.pk}/cover/", {"next": here}
    )
    assert response.status_code == 302 and response["Location"] == here


# --- ids in forms -----------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["²", "٣", "99999999999999999999", "0", "-1", " 1"])
def test_member_and_turn_ids_in_forms_never_500(world, weekly, crew, raw):
    client = client_for(world.organizer)
    turn = weekly.turns.order_by("start").first()
    for url, body in [
        (f"/o/{world.org.slug}/rotations/{weekly.pk}/pool/", {"member": raw}),
        (
            f"/o/{world.org.slug}/rotations/mine/leave/",
            {"member": raw, "start": "2027-01-04", "end": "2027-01-05"},
        ),
        (f"/o/{world.org.slug}/rotations/turns/{turn.pk}/swap/", {"offered_turn": raw}),
        (f"/o/{world.org.slug}/rotations/new/?role={raw}", None),
    ]:
        response = client.post(url, body) if body is not None else client.get(url)
        assert response.status_code < 500, (url, raw, response.status_code)


# --- another organization's election ----------------------------------------------------


@pytest.mark.parametrize("text", ["", "x" * 30_000, "The count was wrong."])
def test_protest_page_for_another_organizations_election_is_a_404(world, text):
    from orgkit.elections.models import Protest
    from tests.integration.routes.elections import published_election

    election, _ = published_election(world)
    otto = client_for(world.other_org.members.get())
    for slug in (world.other_org.slug, world.org.slug):
        response = otto.post(f"/o/{slug}/elections/{election.pk}/protests/", {"text": text})
        assert response.status_code == 404, (slug, response.status_code)
    assert not Protest.objects.exists()


def test_protest_service_checks_the_organization_before_the_text(world):
    from orgkit.elections import services as election_services
    from tests.integration.routes.elections import published_election

    election, _ = published_election(world)
    with pytest.raises(ServiceError) as refused:
        election_services.protest_lodge(
            actor=world.other_org.members.get(), election=election, text=""
        )
    assert refused.value.code == "not_found"
