"""The panels wired to the skills and decisions apps show real figures from records made
through those apps' own services, each linked to its records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.integration.health.test_dashboard import get_page, panel_html, status_of


@pytest.fixture
def member_client(world):
    client = Client()
    client.force_login(world.member.user)
    return client


def _council(world, n=4):
    """A committee under a parent body, its members elected onto it long ago."""
    from orgkit.organizations import services as org

    parent = org.body_create(actor=world.organizer, name="Regional Council", kind="committee")
    council = org.body_create(
        actor=world.organizer, name="Shop Committee", kind="committee", parent=parent
    )
    members = [world.member] + [
        org.member_add(
            actor=world.organizer,
            email=f"c{i}@example.org",
            full_name=f"Council {i}",
            joined_on=date(2025, 1, 1),
        )
        for i in range(n - 1)
    ]
    for member in members:
        org.body_member_add(
            actor=world.organizer,
            body=council,
            member=member,
            how="elected",
            start=date(2025, 6, 1),
        )
    return council, members


def _decided(world, council, members, *, at, title="Accept overtime", action="", **extra):
    """A motion carried 3–1 on a roll call at ``at``; members[-1] voted against."""
    from orgkit.decisions import services

    motion = services.motion_propose(
        actor=members[0],
        body=council,
        title=title,
        text="The committee accepts it.",
        seconder=members[1],
        at=at - timedelta(hours=1),
        **({"action": action} if action else {}),
        **extra,
    )
    roll = [(m, "for") for m in members[:-1]] + [(members[-1], "against")]
    return services.motion_record_room_vote(actor=world.organizer, motion=motion, roll=roll, at=at)


def test_minority_reports_late_and_on_time_with_median_delay(world, member_client):
    from orgkit.decisions import services

    council, members = _council(world)
    now = timezone.now()
    on_time = _decided(world, council, members, at=now - timedelta(days=60), title="On time")
    services.report_file(
        actor=members[-1],
        motion=on_time,
        title="We dissent",
        text="Reasons.",
        at=now - timedelta(days=59),
    )
    services.motions_publish_due(at=on_time.window_closes_at)
    late = _decided(world, council, members, at=now - timedelta(days=40), title="Held back")
    services.report_file(
        actor=members[-1],
        motion=late,
        title="We dissent again",
        text="Reasons.",
        at=now - timedelta(days=39),
    )
    # The beat missed its runs: the record went out four days after the window closed.
    services.motions_publish_due(at=late.window_closes_at + timedelta(days=4))

    page = get_page(member_client, world)
    html = panel_html(page, "c")
    assert status_of(page, "c") == "alert"  # half late
    assert "1 of 2 minority reports due in 12 months published on time (50%)" in html
    assert "Median delay of the late ones: 4 days." in html
    assert reverse("decisions:motion", args=[world.org.slug, late.pk]) in html
    assert "<polyline" in html


def test_meetings_moved_earlier_by_emergency_decision(world, member_client):
    from orgkit.decisions import services

    council, _members = _council(world)
    now = timezone.now()
    calm = services.meeting_schedule(
        actor=world.organizer,
        body=council,
        title="Monthly meeting",
        starts_at=now - timedelta(days=30),
        at=now - timedelta(days=60),
    )
    rushed = services.meeting_schedule(
        actor=world.organizer,
        body=council,
        title="Rushed meeting",
        starts_at=now - timedelta(days=5),
        at=now - timedelta(days=40),
    )
    services.meeting_move(
        actor=world.organizer,
        meeting=rushed,
        starts_at=now - timedelta(days=8),
        emergency_reasons="The employer's deadline moved.",
        at=now - timedelta(days=10),
    )
    page = get_page(member_client, world)
    html = panel_html(page, "d")
    # No election, but the meetings are measured now: one flagged is a watch.
    assert status_of(page, "d") == "watch"
    assert "Meetings in 12 months: 2; 1 moved earlier than first called" in html
    assert "1 by emergency decision" in html
    assert reverse("decisions:meeting", args=[world.org.slug, rushed.pk]) in html
    assert reverse("decisions:meeting", args=[world.org.slug, calm.pk]) not in html


def test_an_appeal_past_its_deadline_is_an_alert_linked_to_its_decision(world, member_client):
    from orgkit.decisions import services

    council, members = _council(world)
    now = timezone.now()
    motion = _decided(world, council, members, at=now - timedelta(days=100))
    services.appeal_file(
        actor=members[-1],
        motion=motion,
        grounds="Not on the agenda.",
        at=now - timedelta(days=90),
    )
    page = get_page(member_client, world)
    html = panel_html(page, "h")
    assert status_of(page, "h") == "alert"  # the default 60 days to hear it have passed
    assert "1 appeal filed in 12 months: 0 heard within its deadline, 0 late, 1 overdue" in html
    assert "overdue appeals at each month" in html and "<polyline" in html
    assert reverse("decisions:motion", args=[world.org.slug, motion.pk]) in html


def test_an_elected_holder_removed_by_decision_and_one_without(world, member_client):
    from orgkit.organizations import services as org
    from orgkit.organizations.models import RoleAssignment

    today = timezone.localdate()
    treasurer = org.role_create(actor=world.organizer, body=world.body, name="Treasurer")
    RoleAssignment.objects.create(
        organization=world.org,
        role=treasurer,
        member=world.member,
        how="election",
        start=today - timedelta(days=300),
    )
    # Before the decisions guard existed (or behind its back): ended by an organizer, logged.
    from orgkit.core.models import AuditEvent
    from orgkit.organizations.events import OrganizationEvent

    RoleAssignment.objects.filter(role=treasurer).update(end=today - timedelta(days=20))
    AuditEvent.objects.create(
        organization=world.org,
        actor=world.organizer.user,
        verb=OrganizationEvent.ROLE_ENDED,
        target_type="organizations.role",
        target_id=str(treasurer.pk),
        target_label="Treasurer",
        data={"name": "Mo Member", "on": (today - timedelta(days=20)).isoformat(), "why": "ended"},
    )
    page = get_page(member_client, world)
    html = panel_html(page, "b")
    assert status_of(page, "b") == "alert"
    assert "1 elected holder removed in 12 months; 0% with a recorded decision." in html
    assert reverse("org:role-detail", args=[world.org.slug, treasurer.pk]) in html


def test_resigning_is_not_a_removal(world, member_client):
    from orgkit.organizations import services as org

    today = timezone.localdate()
    treasurer = org.role_create(actor=world.organizer, body=world.body, name="Treasurer")
    term = org.role_assign(
        actor=world.organizer,
        role=treasurer,
        member=world.member,
        how="election",
        start=today - timedelta(days=300),
    )
    org.role_assignment_end(actor=world.member, assignment=term, on=today - timedelta(days=3))
    page = get_page(member_client, world)
    assert status_of(page, "b") == "ok"


def test_skills_bus_factor_and_coordinators_who_taught_nobody(world, member_client):
    from orgkit.skills import services

    chair = services.skill_add(actor=world.organizer, organization=world.org, name="Chairing")
    # The Coordinator (held by Mo Member) needs chairing at "can do"; only Mo can.
    services.requirement_set(actor=world.organizer, role=world.role, skill=chair, level=3)
    services.level_set(actor=world.member, skill=chair, level=3)
    page = get_page(member_client, world)
    html = panel_html(page, "skills")
    # Bus factor 1 is a watch; the only coordinator taught nobody: more than half, an alert.
    assert status_of(page, "skills") == "alert"
    assert "1 of 1 role could be left with nobody by one absence or none" in html
    assert "1 of 1 coordinators taught nobody in 12 months" in html
    assert "Coordinator (Steering Committee) 1" in html
    assert reverse("skills:role", args=[world.org.slug, world.role.pk]) in html
    assert reverse("skills:alerts", args=[world.org.slug]) in html

    # Mo teaches Olga, who signs off: Olga can chair too, and Mo taught someone.
    session = services.session_log(
        actor=world.member,
        skill=chair,
        teachers=[world.member],
        learners=[world.organizer],
        held_on=timezone.localdate() - timedelta(days=10),
        minutes=60,
        level_offered=3,
    )
    services.signoff_answer(
        actor=world.organizer, signoff=session.signoffs.get(), confirm=True, level=3
    )
    page = get_page(member_client, world)
    html = panel_html(page, "skills")
    assert status_of(page, "skills") == "ok"
    assert "0 of 1 role could be left" in html and "0 of 1 coordinators taught nobody" in html


def _by_due_process(world, council, members, **motion):
    """A removal or expulsion decided as the decisions app requires: proposed, then voted in
    the room at a meeting called with full notice."""
    from orgkit.decisions import services

    now = timezone.now()
    meeting = services.meeting_schedule(
        actor=world.organizer,
        body=council,
        title="Special meeting",
        starts_at=now - timedelta(days=20),
        at=now - timedelta(days=40),
    )
    proposed = services.motion_propose(
        actor=members[0],
        body=council,
        text="As the motion says.",
        seconder=members[1],
        meeting=meeting,
        at=now - timedelta(days=40),
        **motion,
    )
    roll = [(m, "for") for m in members[:-1]] + [(members[-1], "against")]
    return services.motion_record_room_vote(
        actor=world.organizer, motion=proposed, roll=roll, at=now - timedelta(days=20, hours=-1)
    )


def test_a_removal_by_recorded_decision_is_a_watch_linked_to_the_decision(world, member_client):
    from orgkit.organizations import services as org

    council, members = _council(world)
    delegate = org.role_create(actor=world.organizer, body=council, name="Delegate")
    org.role_assign(
        actor=world.organizer,
        role=delegate,
        member=members[-1],
        how="election",
        start=timezone.localdate() - timedelta(days=300),
    )
    motion = _by_due_process(
        world,
        council,
        members,
        title="Remove the delegate",
        action="remove",
        subject=members[-1],
        subject_role=delegate,
    )
    assert motion.outcome == "carried"
    page = get_page(member_client, world)
    html = panel_html(page, "b")
    assert status_of(page, "b") == "watch"
    assert "1 elected holder removed in 12 months; 100% with a recorded decision." in html
    assert reverse("decisions:motion", args=[world.org.slug, motion.pk]) in html


def test_an_expulsion_by_decision_is_a_watch_and_its_appeal_counts(world, member_client):
    from orgkit.decisions import services

    council, members = _council(world, n=5)
    motion = _by_due_process(
        world, council, members, title="Expel a member", action="expel", subject=members[-1]
    )
    assert motion.outcome == "carried"
    services.appeal_file(actor=members[0], motion=motion, grounds="Too harsh.")
    page = get_page(member_client, world)
    html = panel_html(page, "k")
    assert status_of(page, "k") == "watch"
    assert "1 member expelled in 12 months, 100% by a recorded decision; 1 appealed." in html
    assert reverse("decisions:motion", args=[world.org.slug, motion.pk]) in html


def test_an_appeal_heard_at_a_meeting_before_its_deadline_is_ok(world, member_client):
    from orgkit.decisions import services

    council, members = _council(world)
    parent = council.parent
    now = timezone.now()
    motion = _decided(world, council, members, at=now - timedelta(days=50))
    appeal = services.appeal_file(
        actor=members[-1], motion=motion, grounds="Wrong.", at=now - timedelta(days=45)
    )
    hearing = services.meeting_schedule(
        actor=world.organizer,
        body=parent,
        title="Hearing",
        starts_at=now - timedelta(days=10),
        at=now - timedelta(days=44),
    )
    services.appeal_list(
        actor=world.organizer, appeal=appeal, meeting=hearing, at=now - timedelta(days=44)
    )
    services.appeal_move(
        actor=world.organizer, appeal=appeal, to_state="heard", at=now - timedelta(days=10)
    )
    page = get_page(member_client, world)
    html = panel_html(page, "h")
    assert status_of(page, "h") == "ok"
    assert "1 appeal filed in 12 months: 1 heard within its deadline, 0 late, 0 overdue" in html
