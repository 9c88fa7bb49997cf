"""The democratic-health dashboard: every panel present, honest about missing data, each alert
traceable to its records, and a query count that does not grow with the data."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orgkit.elections.models import Election, Protest, VoterRollEntry
from orgkit.organizations import services as org_services
from orgkit.organizations.models import RoleAssignment
from tests.support import assert_queries_constant

PANELS = [*"abcdefghijk", "decades", "skills"]


@pytest.fixture
def member_client(world):
    client = Client()
    client.force_login(world.member.user)
    return client


def panel_html(page: str, key: str) -> str:
    match = re.search(
        rf'<section class="health-panel panel-([a-z-]+)" id="panel-{key}".*?</section>', page, re.S
    )
    assert match, f"panel {key} missing"
    return match.group(0)


def status_of(page: str, key: str) -> str:
    return re.search(r"panel-([a-z-]+)", panel_html(page, key)).group(1)


def get_page(client, world) -> str:
    response = client.get(reverse("health:dashboard", args=[world.org.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_every_panel_is_there_and_empty_data_never_shows_green(world, member_client):
    page = get_page(member_client, world)
    for key in PANELS:
        panel_html(page, key)
    # Decisions and skills are wired: no panel says an app is missing any more.
    for key in PANELS:
        assert "not connected to the" not in panel_html(page, key), key
        assert "needs the decisions app" not in panel_html(page, key), key
        assert "needs the skills app" not in panel_html(page, key), key
    # No minority report was ever due: c says so instead of "ok".
    assert status_of(page, "c") == "no-data"
    assert "no minority report was due" in panel_html(page, "c")
    # Nobody removed or expelled is a real figure, read from the log and the decisions.
    assert status_of(page, "b") == "ok" and "No elected holder was removed" in panel_html(page, "b")
    assert status_of(page, "k") == "ok" and "No member was expelled" in panel_html(page, "k")
    for key in "afij":
        assert status_of(page, key) == "no-data"
    # No election has been held and no meeting called in the test world: d, e, h say so.
    for key in "deh":
        assert status_of(page, key) == "no-data", key
    assert "no elections" in panel_html(page, "d")
    assert "No meetings in the last 12 months" in panel_html(page, "d")
    assert "No appeals filed in the last 12 months" in panel_html(page, "h")


def test_a_leader_for_decades_is_an_alert_linked_to_the_role(world, member_client):
    today = timezone.localdate()
    role = org_services.role_create(actor=world.organizer, body=world.body, name="Treasurer")
    org_services.role_assign(
        actor=world.organizer,
        role=role,
        member=world.organizer,
        how="appointment",
        start=today - timedelta(days=365 * 6),
    )
    page = get_page(member_client, world)
    html = panel_html(page, "decades")
    assert status_of(page, "decades") == "alert"
    assert "Olga Organizer has held Treasurer" in html
    assert "0 of 2 roles rotate" in html and "The longest-held role does not rotate." in html
    assert reverse("org:role-detail", args=[world.org.slug, role.pk]) in html
    assert "<polyline" in html


def _published_election(world, *, closes_days_ago: int, title: str = "Council") -> Election:
    now = timezone.now()
    closes = now - timedelta(days=closes_days_ago)
    election = Election.objects.create(
        organization=world.org,
        body=world.body,
        title=title,
        seats=2,
        nominations_open_at=closes - timedelta(days=30),
        nominations_close_at=closes - timedelta(days=20),
        voting_opens_at=closes - timedelta(days=7),
        voting_closes_at=closes,
        notice_sent_at=closes - timedelta(days=40),
        state=Election.State.PUBLISHED,
    )
    VoterRollEntry.objects.create(
        organization=world.org, election=election, member=world.member, voted=True
    )
    VoterRollEntry.objects.create(organization=world.org, election=election, member=world.organizer)
    return election


def test_an_overdue_protest_is_an_alert_linked_to_its_election(world, member_client):
    election = _published_election(world, closes_days_ago=40)
    Protest.objects.create(
        organization=world.org,
        election=election,
        lodged_by=world.member,
        text="Ballots were handed out late.",
        lodged_at=timezone.now() - timedelta(days=30),
    )
    page = get_page(member_client, world)
    assert status_of(page, "h") == "alert"
    html = panel_html(page, "h")
    assert "1 overdue" in html
    assert reverse("elections:detail", args=[world.org.slug, election.pk]) in html
    # Turnout 1 of 2 is 50%: a watch, on the record of who voted.
    assert status_of(page, "e") == "watch"
    assert reverse("elections:who-voted", args=[world.org.slug, election.pk]) in panel_html(
        page, "e"
    )
    assert status_of(page, "d") == "ok"


def test_outsiders_get_404(world):
    client = Client()
    client.force_login(world.outsider_user)
    assert client.get(reverse("health:dashboard", args=[world.org.slug])).status_code == 404


def test_the_org_dashboard_shows_the_summary(world, member_client):
    page = member_client.get(reverse("org:dashboard", args=[world.org.slug])).content.decode()
    assert "Democratic health" in page
    assert reverse("health:dashboard", args=[world.org.slug]) in page


def test_query_count_does_not_grow_with_the_data(world, member_client):
    today = timezone.localdate()

    def measure():
        counts = []
        for url in (
            reverse("health:dashboard", args=[world.org.slug]),
            reverse("org:dashboard", args=[world.org.slug]),
            reverse("api:health", args=[world.org.slug]),
        ):
            with CaptureQueriesContext(connection) as ctx:
                assert member_client.get(url).status_code == 200
            counts.append(len(ctx))
        return tuple(counts)

    def grow():
        for i in range(20):
            member = org_services.member_add(
                actor=world.organizer, email=f"grow{i}@example.org", full_name=f"Grow {i}"
            )
            RoleAssignment.objects.create(
                organization=world.org,
                role=world.role,
                member=member,
                how="election",
                start=today - timedelta(days=400 - i),
                end=today - timedelta(days=399 - i),
            )
            election = _published_election(world, closes_days_ago=20 + i, title=f"Vote {i}")
            Protest.objects.create(
                organization=world.org,
                election=election,
                lodged_by=member,
                text="Late.",
                lodged_at=timezone.now() - timedelta(days=19 + i),
                answered_at=timezone.now() - timedelta(days=10),
            )

    from tests.integration.health.test_wired_panels import _council, _decided

    council, members = _council(world, n=3)

    def grow_decisions_and_skills(first: int):
        from orgkit.decisions import services as decisions
        from orgkit.skills import services as skills

        now = timezone.now()
        for i in range(first, first + 20):
            decisions.meeting_schedule(
                actor=world.organizer,
                body=council,
                title=f"Meeting {i}",
                starts_at=now - timedelta(days=20 + i % 20),
                at=now - timedelta(days=40 + i % 20),
            )
            motion = _decided(world, council, members, at=now - timedelta(days=100 + i % 20))
            decisions.report_file(
                actor=members[-1],
                motion=motion,
                title=f"Dissent {i}",
                text="No.",
                at=motion.decided_at,
            )
            decisions.motions_publish_due(at=now - timedelta(days=80))
            decisions.appeal_file(
                actor=members[-1], motion=motion, grounds="Wrong.", at=now - timedelta(days=70)
            )
            role = org_services.role_create(actor=world.organizer, body=world.body, name=f"R{i}")
            skill = skills.skill_add(actor=world.organizer, organization=world.org, name=f"S{i}")
            skills.requirement_set(actor=world.organizer, role=role, skill=skill, level=2)
            session = skills.session_log(
                actor=world.member,
                skill=skill,
                teachers=[world.member],
                learners=[world.organizer],
                held_on=today - timedelta(days=5 + i % 20),
                minutes=30,
            )
            skills.signoff_answer(
                actor=world.organizer, signoff=session.signoffs.get(), confirm=True
            )

    def grow_all():
        grow()
        grow_decisions_and_skills(20)

    _published_election(world, closes_days_ago=50, title="First")
    # Decisions and skills rows from the start too, so every per-kind query runs both times.
    grow_decisions_and_skills(0)
    # Twelve queries for elections, roles and rotations, six for decisions, twelve for skills
    # (its own coverage selector), plus session and membership: fixed, whatever the data.
    assert_queries_constant(measure, grow_all, at_most=40)


def test_the_api_gives_every_panel_with_its_trend(world, member_client):
    election = _published_election(world, closes_days_ago=40)
    Protest.objects.create(
        organization=world.org,
        election=election,
        lodged_by=world.member,
        text="Late ballots.",
        lodged_at=timezone.now() - timedelta(days=30),
    )
    data = member_client.get(reverse("api:health", args=[world.org.slug])).json()
    panels = {p["key"]: p for p in data["panels"]}
    assert list(panels) == PANELS
    assert panels["h"]["status"] == "alert"
    assert len(panels["h"]["trend_values"]) == 12 and panels["h"]["trend_values"][-1] == 1
    assert panels["c"]["status"] == "no-data" and panels["b"]["needs"] == ""
    assert data["counts"]["alert"] >= 1


@pytest.mark.django_db
def test_the_demo_shows_a_mix_each_alert_traceable(django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    from orgkit.organizations.models import Member, Organization

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    org = Organization.objects.get(slug="metalworkers")
    client = Client()
    client.force_login(Member.objects.filter(organization=org, is_organizer=False).first().user)
    page = client.get(reverse("health:dashboard", args=[org.slug])).content.decode()
    statuses = {key: status_of(page, key) for key in PANELS}
    assert {"ok", "watch", "alert"} <= set(statuses.values()), statuses
    for key, status in statuses.items():
        if status in ("alert", "watch"):
            assert '<ul class="records"><li><a href="/o/metalworkers/' in panel_html(page, key), key
    assert "Treasurer" in panel_html(page, "decades")
    assert "Rotation turns in the last 12 months" in panel_html(page, "decades")
    # Skills: Lena Brandt alone keeps the Sormovo books (bus factor 1) — a watch, linked to
    # the role's coverage page and the succession alerts.
    assert statuses["skills"] == "watch"
    skills = panel_html(page, "skills")
    assert "Treasurer (Sormovo Branch Committee) 1" in skills
    assert "/o/metalworkers/skills/alerts/" in skills
    assert re.search(r"Coordinators who taught nobody: [^<#]+\.<", skills), skills
    # Decisions: the Putilov minority report went out at its deadline (ok); Fatima's appeal is
    # waiting to be heard, within its deadline (h stays ok); nobody removed or expelled.
    assert statuses["c"] == "ok" and "published on time (100%)" in panel_html(page, "c")
    assert "1 appeal filed in 12 months" in panel_html(page, "h") and statuses["h"] == "ok"
    assert "/o/metalworkers/decisions/motions/" in panel_html(page, "h")
    assert "Meetings in 12 months: 1" in panel_html(page, "d")
    assert statuses["b"] == "ok" and statuses["k"] == "ok"


def test_a_protest_inside_its_answer_window_is_not_overdue(world, member_client):
    election = _published_election(world, closes_days_ago=20)
    Protest.objects.create(
        organization=world.org,
        election=election,
        lodged_by=world.member,
        text="Count again.",
        lodged_at=timezone.now() - timedelta(days=13, hours=23),
    )
    page = get_page(member_client, world)
    assert status_of(page, "h") == "ok"
    assert "0 overdue" in panel_html(page, "h")


def test_the_report_command(world):
    import io
    import json

    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("health_report", world.org.slug, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(PANELS)
    assert lines[2].startswith("NO-DATA") and "no minority report was due" in lines[2]
    out = io.StringIO()
    call_command("health_report", world.org.slug, "--format", "json", stdout=out)
    assert [p["key"] for p in json.loads(out.getvalue())["panels"]] == PANELS
    with pytest.raises(CommandError, match="No organization"):
        call_command("health_report", "nowhere")
