"""What a newcomer hit (issue 13): a rotation started in the past, skips shown as leave, and no
alarm when a confirmed turn's holder is away."""

from __future__ import annotations

from datetime import date

import pytest

from orgkit.rotations import services
from orgkit.rotations.explanations import SKIPPED_TURN, reason_text, reason_texts
from orgkit.rotations.models import PoolEntry, Turn

pytestmark = pytest.mark.django_db


def texts(rotation) -> list[str]:
    """Every reason of the rotation's turns, worded; and the English text stored with a skip's
    reason is the same sentence the page words from its data."""
    for t in Turn.objects.filter(rotation=rotation):
        for row in t.reasons:
            if SKIPPED_TURN in (row.get("data") or {}):
                assert row["text"] == reason_text(row, turn_start=t.start)
    return [
        text
        for t in Turn.objects.filter(rotation=rotation).order_by("start")
        for text in reason_texts(t.reasons, turn_start=t.start)
    ]


def test_a_first_handover_in_the_past_plans_from_today_with_the_bodys_members(
    world, crew, frozen_now
):
    # The committee's seats start in 2026; the first handover is years before that.
    rotation = services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2020, 1, 6),
        plan_ahead_turns=6,
        at=frozen_now,
    )
    assert PoolEntry.objects.filter(rotation=rotation).count() == len(crew)
    turns = list(Turn.objects.filter(rotation=rotation).order_by("start"))
    assert len(turns) == 6
    assert turns[0].start >= frozen_now.date()  # planned from today, not from 2020
    assert all(t.holder_id for t in turns)
    assert not any("pool is empty" in text for text in texts(rotation))


@pytest.fixture
def two_turn_terms(world, crew, frozen_now):
    """Weekly, two-turn terms, the next holder shadows; first handover next Monday."""
    return services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2026, 12, 14),
        term_length=2,
        shadow_turns=True,
        confirmation_horizon=1,
        plan_ahead_turns=8,
        at=frozen_now,
    )


def turn_on(rotation, day: date) -> Turn:
    return Turn.objects.select_related("holder__user").get(rotation=rotation, start=day)


def test_a_cut_short_term_says_the_member_skipped_not_that_they_are_on_leave(
    world, two_turn_terms, crew
):
    bo = crew[2]
    services.turn_skip(actor=world.organizer, turn=turn_on(two_turn_terms, date(2027, 1, 4)))
    said = reason_texts(
        turn_on(two_turn_terms, date(2027, 1, 4)).reasons, turn_start=date(2027, 1, 4)
    )
    assert (
        f"{bo.display_name}'s term cut short: {bo.display_name} skipped the turn of 4 January"
        in said
    )
    assert not any("on leave" in text for text in texts(two_turn_terms))


def test_a_shadow_who_skipped_is_not_said_to_be_on_leave(world, crew, frozen_now):
    rotation = services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2026, 12, 14),
        shadow_turns=True,
        confirmation_horizon=0,
        plan_ahead_turns=6,
        at=frozen_now,
    )
    first = turn_on(rotation, date(2026, 12, 14))
    name = first.holder.display_name
    services.turn_skip(actor=world.organizer, turn=first)
    # They keep their place, so they hold the next turn — and cannot shadow the one they skipped.
    said = reason_texts(
        turn_on(rotation, date(2026, 12, 14)).reasons, turn_start=date(2026, 12, 14)
    )
    assert f"{name} can't shadow: they skipped the turn of 14 December" in said, said
    assert not any("on leave" in text for text in texts(rotation))


def test_leave_is_still_worded_as_leave(world, two_turn_terms, crew):
    bo = crew[2]
    services.leave_add(
        actor=world.organizer, member=bo, start=date(2027, 1, 4), end=date(2027, 1, 10)
    )
    said = texts(two_turn_terms)
    assert any("on leave until 10 January" in text for text in said), said
    assert not any("skipped the turn" in text for text in said), said


def _client(member):
    from django.test import Client

    client = Client()
    client.force_login(member.user)
    return client


def _flashed(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_skip_for_a_member_speaks_about_the_member(world, weekly, crew):
    ana = crew[1]
    turn = turn_on(weekly, date(2026, 12, 14))
    assert turn.holder_id == ana.pk
    response = _client(world.organizer).post(
        f"/o/{world.org.slug}/rotations/turns/{turn.pk}/skip/", follow=True
    )
    assert _flashed(response) == [
        "Skipped for Ana Alder (14 December): Ana Alder keeps their place in the order and "
        "comes up at their next available turn."
    ]
    html = response.content.decode()
    assert "can&#x27;t shadow: on leave" not in html and "on leave until" not in html


def test_a_member_skipping_their_own_turn_is_told_they_keep_their_place(world, weekly, crew):
    ana = crew[1]
    turn = turn_on(weekly, date(2026, 12, 14))
    response = _client(ana).post(
        f"/o/{world.org.slug}/rotations/turns/{turn.pk}/skip/", follow=True
    )
    assert _flashed(response) == [
        "Turn skipped. You keep your place and come up at your next available turn."
    ]


def test_covering_names_the_member_covered_for(world, weekly, crew):
    max_, bo = crew[0], crew[2]
    turn = turn_on(weekly, date(2026, 12, 21))
    assert turn.holder_id == bo.pk
    response = _client(max_).post(
        f"/o/{world.org.slug}/rotations/turns/{turn.pk}/cover/", follow=True
    )
    assert _flashed(response) == [
        "You are covering Bo Birch's turn of 21 December; Bo Birch keeps their place in the "
        "order. Thank you!"
    ]


def test_the_log_says_skip_leave_and_cover_apart(world, weekly, crew):
    from orgkit.core.audit import describe_event
    from orgkit.core.models import AuditEvent

    ana, bo, cy = crew[1], crew[2], crew[3]
    services.turn_skip(actor=world.organizer, turn=turn_on(weekly, date(2026, 12, 14)))
    services.leave_add(
        actor=world.organizer, member=cy, start=date(2027, 2, 1), end=date(2027, 2, 7)
    )
    services.turn_cover(actor=ana, turn=turn_on(weekly, date(2026, 12, 21)))
    said = {
        e.verb.split(".")[-1]: describe_event(e)
        for e in AuditEvent.objects.filter(verb__startswith="rotations.turn.")
        | AuditEvent.objects.filter(verb="rotations.leave.added")
    }
    assert "Ana Alder skips" in said["skipped"] and "keeps their place" in said["skipped"]
    assert said["added"].startswith("recorded leave for Cy Cedar")
    assert said["covered"].startswith("covered") and bo.display_name in said["covered"]
