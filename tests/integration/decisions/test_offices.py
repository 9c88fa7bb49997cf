"""Offices (tactics a/b removal and transfer of elected representatives, g forbidden to
resign, k expulsion for disagreement): each blocked move fails with a clear message, and the
proper way — a recorded decision after notice — works and can be appealed."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from orgkit.core.errors import ServiceError
from orgkit.core.models import OutboundEmail
from orgkit.decisions import services
from orgkit.decisions.models import Appeal
from orgkit.organizations import services as org
from orgkit.organizations.models import Member, RoleAssignment


@pytest.fixture
def secretary(council):
    role = org.role_create(actor=council.organizer, body=council.council, name="Secretary")
    term = org.role_assign(
        actor=council.organizer,
        role=role,
        member=council.members[3],
        how="election",
        start=date(2026, 2, 1),
    )
    return role, term


def test_b_an_organizer_cannot_click_an_elected_holder_out(council, secretary):
    role, term = secretary
    with pytest.raises(ServiceError, match="only a recorded decision of Local Council") as e:
        org.role_assignment_end(actor=council.organizer, assignment=term)
    assert e.value.code == "decision_required"
    term.refresh_from_db()
    assert term.end is None


def test_a_an_elected_post_cannot_be_handed_to_an_appointee(council, secretary):
    role, term = secretary
    with pytest.raises(ServiceError, match="was elected as Secretary"):
        org.role_assign(
            actor=council.organizer,
            role=role,
            member=council.members[4],
            how="appointment",
            start=date(2026, 6, 1),
        )
    assert RoleAssignment.objects.filter(role=role).count() == 1


def test_g_a_holder_resigns_any_time_without_approval(council, secretary):
    role, term = secretary
    ended = org.role_assignment_end(actor=council.members[3], assignment=term)
    assert ended.end == timezone.localdate()
    with pytest.raises(ServiceError, match="ended already"):
        org.role_assignment_end(actor=council.members[3], assignment=term)


def _removal_meeting(council, *, days_ahead=10, emergency=""):
    now = timezone.now()
    return services.meeting_schedule(
        actor=council.organizer,
        body=council.council,
        title="Council",
        starts_at=now + timedelta(days=days_ahead),
        emergency_reasons=emergency,
        at=now,
    )


def test_removal_by_recorded_decision_after_notice(council, secretary):
    role, term = secretary
    m = council.members
    meeting = _removal_meeting(council)
    motion = services.motion_propose(
        actor=m[0],
        body=council.council,
        meeting=meeting,
        title="Remove the secretary",
        text="Minutes were not kept.",
        seconder=m[1],
        action="remove",
        subject=m[3],
        subject_role=role,
    )
    notice = OutboundEmail.objects.get(kind="decisions.removal_notice")
    assert notice.to == m[3].user.email
    with pytest.raises(ServiceError, match="voted in the room"):
        services.motion_open_voting(
            actor=council.organizer, motion=motion, closes_at=timezone.now() + timedelta(days=3)
        )
    with pytest.raises(ServiceError, match="must have notice"):
        services.motion_record_room_vote(
            actor=council.organizer, motion=motion, votes_for=9, votes_against=6
        )
    held = meeting.starts_at + timedelta(hours=1)
    services.motion_record_room_vote(
        actor=council.organizer, motion=motion, votes_for=9, votes_against=6, at=held
    )
    term.refresh_from_db()
    assert term.end == held.date()


def test_d_an_emergency_meeting_cannot_remove_anyone(council, secretary):
    role, _term = secretary
    m = council.members
    meeting = _removal_meeting(council, days_ahead=1, emergency="Urgent.")
    motion = services.motion_propose(
        actor=m[0],
        body=council.council,
        meeting=meeting,
        title="Remove",
        text="x",
        seconder=m[1],
        action="remove",
        subject=m[3],
        subject_role=role,
    )
    with pytest.raises(ServiceError, match="never at an emergency meeting"):
        services.motion_record_room_vote(
            actor=council.organizer,
            motion=motion,
            votes_for=9,
            at=meeting.starts_at + timedelta(days=30),
        )


def test_k_expulsion_needs_a_decision_and_can_be_appealed(council):
    m = council.members
    with pytest.raises(ServiceError, match="is an expulsion") as e:
        org.member_leave(actor=council.organizer, member=m[14])
    assert e.value.code == "decision_required"
    assert Member.objects.get(pk=m[14].pk).status == "active"
    meeting = _removal_meeting(council)
    motion = services.motion_propose(
        actor=m[0],
        body=council.council,
        meeting=meeting,
        title="Expel Member 14",
        text="Spoke against the leadership.",
        seconder=m[1],
        action="expel",
        subject=m[14],
    )
    held = meeting.starts_at + timedelta(hours=1)
    roll = [(x, "for") for x in m[:8]] + [(x, "against") for x in m[8:]]
    motion = services.motion_record_room_vote(
        actor=council.organizer, motion=motion, roll=roll, at=held
    )
    assert Member.objects.get(pk=m[14].pk).status == "left"
    appeal = services.appeal_file(
        actor=m[9], motion=motion, grounds="Expelled for disagreeing.", at=held
    )
    assert appeal.to_body == council.congress and appeal.state == Appeal.State.FILED


def test_a_member_still_leaves_of_their_own_accord(council):
    left = org.member_leave(actor=council.members[14], member=council.members[14])
    assert left.status == "left"


def test_g_resigning_from_the_offices_page(council, secretary, world):
    from django.test import Client

    role, term = secretary
    client = Client()
    client.force_login(council.members[3].user)
    page = client.get(f"/o/{world.org.slug}/decisions/offices/").content.decode()
    assert "Resign as Secretary" in page
    done = client.post(f"/o/{world.org.slug}/decisions/offices/{term.pk}/resign/", follow=True)
    assert "You have resigned as Secretary." in done.content.decode()
    term.refresh_from_db()
    assert term.end is not None
