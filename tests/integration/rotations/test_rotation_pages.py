"""Rotation pages: constant query counts as turns grow, the iCal feed, and the month grid."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from icalendar import Calendar

from orgkit.rotations import services
from orgkit.rotations.models import Turn
from orgkit.rotations.planning import rotation_replan
from tests.support import assert_queries_constant, queries_of

pytestmark = pytest.mark.django_db


def queries_for(client: Client, url: str, must_contain: str) -> int:
    return queries_of(client, url, contains=must_contain)


@pytest.fixture
def member_client(world) -> Client:
    client = Client()
    client.force_login(world.member.user)
    return client


def grow(rotation, turns: int) -> None:
    rotation.plan_ahead_turns = turns
    rotation.save()
    rotation_replan(rotation=rotation)


@pytest.mark.parametrize("page", ["", "calendar/?month=2027-01", "fairness/?months=24"])
def test_rotation_pages_keep_a_constant_query_count(
    world, weekly, member_client, page, monkeypatch
):
    url = f"/o/{world.org.slug}/rotations/{weekly.pk}/{page}"
    grow(weekly, 10)
    if "fairness" in page:  # look back over the planned turns as if they had been served
        from orgkit.rotations import views

        monkeypatch.setattr(views, "org_today", lambda rotation: date(2027, 1, 20))
    assert_queries_constant(
        lambda: queries_for(member_client, url, "Ana Alder"), lambda: grow(weekly, 30), at_most=14
    )
    assert Turn.objects.filter(rotation=weekly).count() == 30


def test_my_turns_and_list_keep_a_constant_query_count(world, weekly, member_client):
    grow(weekly, 10)
    assert_queries_constant(
        lambda: tuple(
            queries_for(member_client, f"/o/{world.org.slug}/rotations/{p}", "Coordinator")
            for p in ("", "mine/")
        ),
        lambda: grow(weekly, 30),
        at_most=12,
    )


def test_ical_feed_parses_into_the_same_turns(world, weekly, crew):
    ana = crew[1]
    _, token = services.feed_create(actor=ana, kind="personal")
    response = Client().get(f"/o/{world.org.slug}/rotations/feed/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    expected = list(Turn.objects.filter(rotation=weekly, holder=ana).order_by("start"))
    assert [(e.decoded("dtstart"), e.decoded("dtend")) for e in events] == [
        (t.starts_at, t.ends_at) for t in expected
    ]
    assert all("Ana Alder" in str(e["summary"]) for e in events)


def test_body_feed_shows_every_turn_and_revoked_feeds_are_gone(world, weekly, crew):
    feed, token = services.feed_create(actor=crew[0], kind="body", body=world.body)
    url = f"/o/{world.org.slug}/rotations/feed/{token}.ics"
    events = Calendar.from_ical(Client().get(url).content).walk("VEVENT")
    assert len(events) == Turn.objects.filter(rotation=weekly).count()
    services.feed_revoke(actor=crew[0], feed=feed)
    assert Client().get(url).status_code == 404
    assert Client().get(f"/o/{world.org.slug}/rotations/feed/not-a-token.ics").status_code == 404


def test_a_feed_token_only_works_under_its_own_organization(world, weekly, crew):
    _, token = services.feed_create(actor=crew[0], kind="personal")
    assert Client().get(f"/o/other/rotations/feed/{token}.ics").status_code == 404


def test_month_grid_marks_each_day_with_its_holder(world, weekly, member_client):
    page = member_client.get(
        f"/o/{world.org.slug}/rotations/{weekly.pk}/calendar/?month=2026-12"
    ).content.decode()
    assert "December 2026" in page and "↻ Ana Alder" in page
    bad = member_client.get(f"/o/{world.org.slug}/rotations/{weekly.pk}/calendar/?month=garbage")
    assert bad.status_code == 200


def test_create_form_explains_bad_rules(world, crew):
    client = Client()
    client.force_login(world.organizer.user)
    response = client.post(
        f"/o/{world.org.slug}/rotations/new/",
        {
            "role": world.role.pk,
            "cadence_every": 1,
            "cadence_unit": "weeks",
            "anchor": "2027-01-04",
            "handover_time": "18:00",
            "term_length": 1,
            "max_consecutive_terms": 1,
            "cooldown_turns": 0,
            "confirmation_horizon": 4,
            "plan_ahead_turns": 9999,
        },
    )
    assert response.status_code == 400 and "520" in response.content.decode()
    assert not world.role.rotations.exists()


def test_organizer_records_leave_for_a_member_and_a_member_cannot(world, weekly, crew):
    organizer = Client()
    organizer.force_login(world.organizer.user)
    response = organizer.post(
        f"/o/{world.org.slug}/rotations/mine/leave/",
        {
            "member": crew[3].pk,
            "start": "2026-12-28",
            "end": "2027-01-03",
            "next": f"/o/{world.org.slug}/rotations/{weekly.pk}/",
        },
    )
    assert response.status_code == 302
    assert crew[3].leave.get().start == date(2026, 12, 28)
    member = Client()
    member.force_login(crew[1].user)
    response = member.post(
        f"/o/{world.org.slug}/rotations/mine/leave/",
        {"member": crew[2].pk, "start": "2027-01-01", "end": "2027-01-02"},
    )
    assert response.status_code == 403 and not crew[2].leave.exists()


def test_pages_and_api_show_times_in_the_organizations_zone(world, crew):
    from datetime import time

    world.org.timezone = "Europe/Berlin"
    world.org.save()
    rotation = services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2030, 1, 7),
        handover_time=time(18, 0),
        shadow_turns=False,
    )
    first = Turn.objects.filter(rotation=rotation).order_by("start").first()
    assert first.starts_at.utcoffset() is not None and first.starts_at.hour in (17, 18)
    client = Client()
    client.force_login(world.member.user)
    page = client.get(f"/o/{world.org.slug}/rotations/{rotation.pk}/").content.decode()
    assert "Monday 7 January 2030, 18:00" in page  # 17:00 UTC, shown as Berlin time
    api = client.get(f"/api/v1/orgs/{world.org.slug}/rotations/{rotation.pk}/turns/").json()
    assert api["results"][0]["starts_at"] == "2030-01-07T18:00:00+01:00"


def test_body_calendar_shows_every_rotating_role_including_long_turns(world, crew, member_client):
    from datetime import time

    from orgkit.organizations import services as org_services

    secretary = org_services.role_create(actor=world.organizer, body=world.body, name="Secretary")
    services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2030, 1, 7),
        handover_time=time(18),
        shadow_turns=False,
    )
    services.rotation_create(  # a quarterly turn that starts in January and covers March
        actor=world.organizer,
        role=secretary,
        cadence_unit="weeks",
        cadence_every=13,
        anchor=date(2030, 1, 7),
        handover_time=time(18),
        shadow_turns=False,
        plan_ahead_turns=2,
    )
    page = member_client.get(
        f"/o/{world.org.slug}/rotations/bodies/{world.body.slug}/calendar/?month=2030-03"
    )
    html = page.content.decode()
    assert page.status_code == 200 and "March 2030" in html
    assert "Secretary: " in html and "Coordinator: " in html
    assert (
        member_client.get(f"/o/{world.org.slug}/rotations/bodies/nope/calendar/").status_code == 404
    )


def test_ids_of_another_organizations_rows_are_a_404_and_change_nothing(world, weekly, crew):
    from orgkit.rotations.models import Leave, PoolEntry, Swap

    organizer = Client()
    organizer.force_login(world.organizer.user)
    otto = world.other_org.members.get()
    base = f"/o/{world.org.slug}/rotations"
    turn = weekly.turns.order_by("start").first()
    pool = PoolEntry.objects.count()
    assert organizer.post(f"{base}/{weekly.pk}/pool/", {"member": otto.pk}).status_code == 404
    assert (
        organizer.post(
            f"{base}/mine/leave/", {"member": otto.pk, "start": "2027-01-04", "end": "2027-01-05"}
        ).status_code
        == 404
    )
    assert PoolEntry.objects.count() == pool and not Leave.objects.exists()

    ana = Client()
    ana.force_login(crew[1].user)
    bo_turn = weekly.turns.order_by("start")[1]
    foreign = 10**6 + turn.pk  # no such turn in this organization
    assert (
        ana.post(f"{base}/turns/{bo_turn.pk}/swap/", {"offered_turn": foreign}).status_code == 404
    )
    response = ana.post(f"{base}/turns/{bo_turn.pk}/swap/", {}, follow=True)
    assert "Choose which of your turns to offer." in response.content.decode()
    assert not Swap.objects.exists()
    ana.post(f"{base}/turns/{bo_turn.pk}/swap/", {"offered_turn": turn.pk})
    assert Swap.objects.get().offered_turn == turn
