"""Meetings with enforced notice (tactic d: conference dates moved up) and agenda items."""

from datetime import timedelta

import pytest

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.decisions import services
from orgkit.decisions.models import Meeting
from orgkit.decisions.services._common import NotEntitled
from tests.integration.decisions.conftest import T0


def test_meeting_inside_notice_period_is_refused_with_the_earliest_date(council):
    with pytest.raises(ServiceError, match="7 days' notice") as refused:
        services.meeting_schedule(
            actor=council.organizer,
            body=council.council,
            title="Rushed meeting",
            starts_at=T0 + timedelta(days=3),
            at=T0,
        )
    assert refused.value.field == "starts_at"
    assert "14 Dec 2026" in refused.value.message
    assert not Meeting.objects.exists()


def test_policy_sets_the_notice_period(council):
    services.policy_set(
        actor=council.organizer, body=council.council, notice_days=2, minority_window_days=5
    )
    meeting = services.meeting_schedule(
        actor=council.organizer,
        body=council.council,
        title="Soon",
        starts_at=T0 + timedelta(days=3),
        at=T0,
    )
    assert meeting.emergency_reasons == ""
    with pytest.raises(ServiceError):
        services.policy_set(
            actor=council.organizer, body=council.council, notice_days=-1, minority_window_days=5
        )
    with pytest.raises(NotAllowed):
        services.policy_set(
            actor=council.members[0], body=council.council, notice_days=0, minority_window_days=1
        )


def test_emergency_meeting_records_its_reasons(council):
    meeting = services.meeting_schedule(
        actor=council.organizer,
        body=council.council,
        title="Emergency",
        starts_at=T0 + timedelta(days=1),
        emergency_reasons="The employer locked us out this morning.",
        at=T0,
    )
    assert meeting.emergency_reasons.startswith("The employer")


def test_a_meeting_cannot_be_moved_earlier_without_an_emergency_decision(council):
    meeting = services.meeting_schedule(
        actor=council.organizer,
        body=council.council,
        title="Conference",
        starts_at=T0 + timedelta(days=30),
        at=T0,
    )
    with pytest.raises(ServiceError, match="cannot be moved earlier") as refused:
        services.meeting_move(
            actor=council.organizer, meeting=meeting, starts_at=T0 + timedelta(days=10), at=T0
        )
    assert refused.value.field == "emergency_reasons"
    meeting.refresh_from_db()
    assert meeting.starts_at == T0 + timedelta(days=30) and not meeting.moves.exists()
    later = services.meeting_move(
        actor=council.organizer, meeting=meeting, starts_at=T0 + timedelta(days=40), at=T0
    )
    assert later.emergency_reasons == ""
    earlier = services.meeting_move(
        actor=council.organizer,
        meeting=meeting,
        starts_at=T0 + timedelta(days=20),
        emergency_reasons="The strike vote must come before the ballot deadline.",
        at=T0,
    )
    assert "strike vote" in earlier.emergency_reasons
    assert earlier.moves.count() == 2


def test_any_member_of_the_body_proposes_agenda_items_outsiders_cannot(council, world):
    meeting = services.meeting_schedule(
        actor=council.organizer,
        body=council.council,
        title="Monthly",
        starts_at=T0 + timedelta(days=10),
        at=T0,
    )
    item = services.agenda_item_propose(
        actor=council.members[14], meeting=meeting, title="Safety reps", at=T0
    )
    assert item.proposed_by == council.members[14]
    # The organizer does not sit on the council: proposing is a member's right, not an office's.
    with pytest.raises(NotEntitled, match="Only members of Local Council"):
        services.agenda_item_propose(actor=world.organizer, meeting=meeting, title="X", at=T0)


def test_a_meeting_is_held_or_cancelled_once(council):
    meeting = services.meeting_schedule(
        actor=council.organizer,
        body=council.council,
        title="Monthly",
        starts_at=T0 + timedelta(days=10),
        at=T0,
    )
    with pytest.raises(ServiceError, match="held or cancelled"):
        services.meeting_set_state(actor=council.organizer, meeting=meeting, to_state="bogus")
    services.meeting_set_state(actor=council.organizer, meeting=meeting, to_state="held")
    with pytest.raises(ServiceError, match="cannot become"):
        services.meeting_set_state(actor=council.organizer, meeting=meeting, to_state="cancelled")
    with pytest.raises(ServiceError, match="Only a scheduled meeting"):
        services.meeting_move(
            actor=council.organizer, meeting=meeting, starts_at=T0 + timedelta(days=30), at=T0
        )
