"""Rotation services on the database: planning, skip-keeps-place, leave, covers, swaps,
handovers and reminders — each change replanned by the engine."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.organizations.models import RoleAssignment
from orgkit.rotations import services
from orgkit.rotations.models import Swap, Turn

pytestmark = pytest.mark.django_db


def holders(rotation) -> list[str | None]:
    return [
        t.holder.display_name.split()[0] if t.holder else None
        for t in Turn.objects.filter(rotation=rotation)
        .select_related("holder__user")
        .order_by("start")
    ]


def turn_on(rotation, day: date) -> Turn:
    return Turn.objects.select_related("holder__user").get(rotation=rotation, start=day)


def test_first_plan_is_fair_and_explained(weekly):
    assert holders(weekly) == ["Ana", "Bo", "Cy", "Max"] * 2
    first = turn_on(weekly, date(2026, 12, 14))
    assert first.confirmed and first.reasons[0]["text"] == "never served"
    assert (
        turn_on(weekly, date(2027, 1, 11)).reasons[0]["text"]
        == "served least recently (last: 2026-12-14)"
    )
    assert first.starts_at.hour == 18  # handover time, in the organization's zone (UTC here)


def test_a_second_rotation_for_the_same_role_is_refused(world, weekly):
    with pytest.raises(ServiceError, match="already rotates"):
        services.rotation_create(
            actor=world.organizer,
            role=world.role,
            cadence_unit="weeks",
            cadence_every=2,
            anchor=date(2027, 1, 4),
        )


def test_bad_rules_get_a_clear_error(world, crew):
    with pytest.raises(ServiceError, match="cadence"):
        services.rotation_create(
            actor=world.organizer,
            role=world.role,
            cadence_unit="weeks",
            cadence_every=0,
            anchor=date(2027, 1, 4),
        )


def test_members_cannot_set_up_rotations(world, crew):
    with pytest.raises(NotAllowed):
        services.rotation_create(
            actor=world.member,
            role=world.role,
            cadence_unit="weeks",
            cadence_every=1,
            anchor=date(2027, 1, 4),
        )


def test_skip_keeps_place(weekly, crew):
    ana = crew[1]
    services.turn_skip(actor=ana, turn=turn_on(weekly, date(2026, 12, 14)))
    # Ana skipped the first turn. Bo's confirmed turn follows, and two in a row would break
    # the one-term limit, so Cy takes it; Ana comes back at the first turn she can take.
    assert holders(weekly)[:4] == ["Cy", "Bo", "Ana", "Max"]
    assert "Ana Alder skipped this turn and keeps their place" in [
        r["text"] for r in turn_on(weekly, date(2026, 12, 14)).reasons
    ]
    assert any("kept place" in r["text"] for r in turn_on(weekly, date(2026, 12, 28)).reasons)


def test_leave_moves_only_the_turns_it_must(world, weekly, crew):
    cy = crew[3]
    before = holders(weekly)
    services.leave_add(
        actor=cy, member=cy, start=date(2026, 12, 28), end=date(2027, 1, 3), note="family"
    )
    after = holders(weekly)
    assert after[2] != "Cy" and "Cy" in after[3:5]
    assert sum(a != b for a, b in zip(before, after, strict=True)) <= 2


def test_leave_that_empties_the_pool_leaves_turns_open_not_broken(world, weekly, crew):
    for member in crew:
        services.leave_add(
            actor=world.organizer, member=member, start=date(2027, 2, 1), end=date(2027, 2, 7)
        )
    turn = turn_on(weekly, date(2027, 2, 1))
    assert turn.holder is None and "open" in turn.reasons[-1]["text"]


def test_cover_credits_the_coverer(weekly, crew):
    bo = crew[2]
    services.turn_cover(actor=crew[0], turn=turn_on(weekly, date(2026, 12, 21)))
    turn = turn_on(weekly, date(2026, 12, 21))
    assert (turn.holder, turn.covered_for, turn.status, turn.confirmed) == (
        crew[0],
        bo,
        "covered",
        True,
    )


def test_swap_request_accept_and_undo(weekly, crew):
    ana, bo = crew[1], crew[2]
    swap = services.swap_request(
        actor=ana,
        offered_turn=turn_on(weekly, date(2026, 12, 14)),
        wanted_turn=turn_on(weekly, date(2026, 12, 21)),
    )
    with pytest.raises(NotAllowed):
        services.swap_accept(actor=crew[3], swap=swap)  # Cy is not the other member
    services.swap_accept(actor=bo, swap=swap)
    assert holders(weekly)[:2] == ["Bo", "Ana"]
    assert (
        turn_on(weekly, date(2026, 12, 14)).confirmed
        and turn_on(weekly, date(2026, 12, 21)).confirmed
    )
    with pytest.raises(ServiceError, match="already accepted"):
        services.swap_accept(actor=bo, swap=swap)
    services.swap_undo(actor=ana, swap=swap)
    assert holders(weekly)[:2] == ["Ana", "Bo"]
    assert Swap.objects.get(pk=swap.pk).status == "undone"


def test_organizer_can_act_on_a_members_behalf_and_it_is_audited(world, weekly, crew):
    from orgkit.core.models import AuditEvent

    services.turn_skip(actor=world.organizer, turn=turn_on(weekly, date(2026, 12, 14)))
    event = AuditEvent.objects.filter(verb="rotations.turn.skipped").get()
    assert event.actor == world.organizer.user and event.data["on_behalf_of"] == "Ana Alder"


def test_a_member_cannot_skip_someone_elses_turn(weekly, crew):
    with pytest.raises(NotAllowed):
        services.turn_skip(actor=crew[3], turn=turn_on(weekly, date(2026, 12, 14)))


def test_a_started_turn_cannot_be_swapped(weekly, crew, monkeypatch):
    from django.utils import timezone

    first, second = turn_on(weekly, date(2026, 12, 14)), turn_on(weekly, date(2026, 12, 21))
    monkeypatch.setattr(timezone, "now", lambda: first.starts_at + timedelta(hours=1))
    with pytest.raises(ServiceError, match="already started"):
        services.swap_request(actor=crew[1], offered_turn=first, wanted_turn=second)


def test_opting_out_replans_and_rejoining_changes_no_planned_turn(weekly, crew):
    from orgkit.rotations.planning import rotation_replan

    max_member = crew[0]
    services.pool_leave(actor=max_member, rotation=weekly, member=max_member)
    planned = holders(weekly)
    assert "Max" not in planned
    services.pool_join(actor=max_member, rotation=weekly, member=max_member)
    assert holders(weekly) == planned  # a newcomer takes the first turn not yet planned
    weekly.plan_ahead_turns = 10
    weekly.save()
    rotation_replan(rotation=weekly)
    assert holders(weekly)[:8] == planned and holders(weekly)[8] == "Max"


def test_handover_records_the_new_holder_and_sends_the_checklist(
    world, weekly, crew, mailoutbox, django_capture_on_commit_callbacks
):
    first = turn_on(weekly, date(2026, 12, 14))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.turns_hand_over(at=first.starts_at) == 1
        assert services.turns_hand_over(at=first.starts_at) == 0  # idempotent
    current = RoleAssignment.objects.get(role=world.role, end__isnull=True)
    assert (current.member, current.how, current.start) == (crew[1], "rotation", date(2026, 12, 14))
    assert RoleAssignment.objects.get(role=world.role, member=world.member).end == date(
        2026, 12, 13
    )
    assert {m.to[0] for m in mailoutbox if "Handover" in m.subject} == {
        "ana@example.org",
        "max@example.org",
    }


def test_reminders_go_once_n_days_before(
    weekly, crew, mailoutbox, django_capture_on_commit_callbacks
):
    first = turn_on(weekly, date(2026, 12, 14))
    services.reminder_preference_set(actor=crew[1], days_before=2, enabled=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.turn_reminders_send(at=first.starts_at - timedelta(days=3)) == 0
        assert services.turn_reminders_send(at=first.starts_at - timedelta(days=2)) == 1
        assert services.turn_reminders_send(at=first.starts_at - timedelta(days=1)) == 0
    assert [m.to for m in mailoutbox if "Your turn" in m.subject] == [["ana@example.org"]]


def test_turn_moved_emails_on_replan(weekly, crew, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.leave_add(
            actor=crew[3], member=crew[3], start=date(2026, 12, 28), end=date(2027, 1, 3)
        )
    moved = {m.to[0] for m in mailoutbox if "moved" in m.subject}
    assert "cy@example.org" in moved


def test_importing_history_credits_past_holders_and_replans(world, crew, frozen_now):
    from datetime import time

    from orgkit.organizations import services as org_services

    # Max has held the role since 1 January; the rotation's first handover was 5 January.
    rotation = services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=26,
        anchor=date(2026, 1, 5),
        handover_time=time(18),
        shadow_turns=False,
        plan_ahead_turns=4,
    )
    assert holders(rotation)[0] == "Ana"
    org_services.role_assign(
        actor=world.organizer,
        role=world.role,
        member=crew[2],
        how="election",
        start=date(2026, 6, 1),
    )
    assert services.rotation_import_history(actor=world.organizer, rotation=rotation) == 2
    assert holders(rotation)[:2] == ["Max", "Bo"]  # 5 Jan and 6 Jul 2026, from the holder history
    assert holders(rotation)[2] == "Ana"  # next: never served
    assert services.rotation_import_history(actor=world.organizer, rotation=rotation) == 0


def test_a_member_passed_over_for_leave_at_a_confirmed_turn_keeps_their_place(
    world, crew, frozen_now
):
    from datetime import time

    from orgkit.rotations.models import Skip

    ana = crew[1]
    services.leave_add(actor=ana, member=ana, start=date(2026, 12, 14), end=date(2026, 12, 20))
    rotation = services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2026, 12, 14),
        handover_time=time(18),
        shadow_turns=False,
        confirmation_horizon=2,
        plan_ahead_turns=6,
    )
    assert holders(rotation)[:2] == ["Bo", "Ana"]  # Ana is back for the second turn, first in line
    skip = Skip.objects.get(rotation=rotation, member=ana)
    assert (skip.turn_start, skip.turn_end) == (date(2026, 12, 14), date(2026, 12, 21))


def test_changing_the_rules_replans_under_them_and_the_cadence_cannot_change(world, weekly, crew):
    services.rotation_update(actor=world.organizer, rotation=weekly, term_length=2)
    planned = holders(weekly)
    # Bo's confirmed turn now opens a two-turn term; after it, every term is two turns long.
    assert planned[2] == "Bo" and planned[3] == planned[4] and planned[5] == planned[6]
    assert planned[3] != planned[5]
    with pytest.raises(ServiceError, match="cannot be changed"):
        services.rotation_update(actor=world.organizer, rotation=weekly, cadence_every=2)
    with pytest.raises(ServiceError, match="term length"):
        services.rotation_update(actor=world.organizer, rotation=weekly, term_length=0)
    weekly.refresh_from_db()
    assert weekly.term_length == 2


def test_stopping_a_rotation_removes_coming_turns(world, weekly):
    services.rotation_deactivate(actor=world.organizer, rotation=weekly)
    assert not Turn.objects.filter(rotation=weekly).exists()
    assert not weekly.role.rotations.filter(is_active=True).exists()
