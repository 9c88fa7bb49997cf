"""Replanning: confirmed turns never move, and a change moves as few turns as it must."""

from dataclasses import replace
from datetime import timedelta

from orgkit.rotations.engine import (
    ExistingTurn,
    Leave,
    PlanningWindow,
    PoolMember,
    ReasonCode,
    plan_changes,
    plan_rotation,
    plan_rotation_naive,
)

from .builders import inputs, week


def replan(request, previous, **changes):
    new_request = replace(request, existing=previous.as_existing(), **changes)
    result = plan_rotation(new_request)
    assert plan_rotation_naive(new_request) == result
    return result


def test_replanning_an_unchanged_input_changes_nothing():
    request = inputs("ana bo cy dee", turns=12, confirmation_horizon=4, shadow_turns=True)
    first = plan_rotation(request)
    again = replan(request, first)
    assert again.holders() == first.holders()
    assert plan_changes(first, again) == ()


def test_leave_moves_only_the_turns_it_must():
    request = inputs("ana bo cy dee", turns=12, confirmation_horizon=2)
    first = plan_rotation(request)
    assert first.holders() == ("ana", "bo", "cy", "dee") * 3
    # cy now goes on leave over slot 6 (her second turn).
    leave = (Leave("cy", week(6), week(6) + timedelta(days=2)),)
    second = replan(request, first, leave=leave)
    changes = plan_changes(first, second)
    assert [(c.start, c.old_holder, c.new_holder) for c in changes] == [
        (week(6), "cy", "dee"),
        (week(7), "dee", "cy"),
    ]
    assert second.turns[6].explanation.startswith("Cy skipped: on leave until")
    assert second.turns[7].reasons[0].code is ReasonCode.KEPT_PLACE
    assert second.holders()[8:] == first.holders()[8:]


def test_a_newcomer_changes_no_planned_turn_and_comes_next_after_them():
    request = inputs("ana bo cy", turns=6, confirmation_horizon=2)
    first = plan_rotation(request)
    bigger = (*request.pool, PoolMember("new", joined=week(0), name="New"))
    second = replan(
        request, first, pool=bigger, window=PlanningWindow(request.window.start, turns=9)
    )
    assert second.holders()[:6] == first.holders()
    assert plan_changes(first, second) == ()
    assert second.holders()[6] == "new"
    assert second.turns[6].explanation == "never served"
    assert second.turns[0].explanation == "confirmed"
    # cy was next by fairness anyway; for ana's turn, "new" would be next, but ana keeps it.
    assert second.turns[2].explanation == "never served"
    assert second.turns[3].reasons[0].code is ReasonCode.UNCHANGED
    assert second.turns[3].explanation == (
        "kept from the previous plan (so that plans change as little as possible; New would be "
        "next by fairness); served least recently (last: 2026-01-05)"
    )


def test_confirmed_turns_survive_leave_that_would_have_changed_them():
    request = inputs("ana bo cy", turns=6, confirmation_horizon=3)
    first = plan_rotation(request)
    leave = (Leave("bo", week(0), week(10)),)
    second = replan(request, first, leave=leave)
    assert second.holders()[:3] == ("ana", "bo", "cy")
    assert [w.code for w in second.warnings] == [ReasonCode.CONFIRMED_ON_LEAVE]
    assert "bo" not in second.holders()[3:]


def test_a_member_leaving_the_pool_frees_only_their_unconfirmed_turns():
    request = inputs("ana bo cy dee", turns=8, confirmation_horizon=2)
    first = plan_rotation(request)
    smaller = tuple(m for m in request.pool if m.member_id != "cy")
    second = replan(request, first, pool=smaller)
    assert "cy" not in second.holders()
    changed = {c.start for c in plan_changes(first, second)}
    assert week(2) in changed and week(6) in changed
    # ana's and bo's turns before cy's first slot are untouched.
    assert second.holders()[:2] == ("ana", "bo")


def test_previous_holder_given_an_extra_turn_is_not_kept_on_their_old_turn():
    # dee takes cy's turn in slot 2, so keeping dee's old slot 3 would give her two in a row
    # (barred) — and even without that limit, she is not given both.
    request = inputs("ana bo cy dee", turns=8, confirmation_horizon=0, max_consecutive_terms=2)
    first = plan_rotation(request)
    leave = (Leave("cy", week(2), week(2)),)
    second = replan(request, first, leave=leave)
    assert second.holders()[:4] == ("ana", "bo", "dee", "cy")
    counts = {m: second.holders().count(m) for m in ("ana", "bo", "cy", "dee")}
    assert counts == {"ana": 2, "bo": 2, "cy": 2, "dee": 2}


def test_unconfirmed_turn_whose_holder_is_no_longer_allowed_is_replanned():
    request = inputs("ana bo cy", turns=6, confirmation_horizon=0)
    first = plan_rotation(request)
    stale = list(first.as_existing())
    stale[1] = ExistingTurn(week(1), "ana")  # ana twice in a row: not allowed
    second = plan_rotation(replace(request, existing=tuple(stale)))
    assert second.holders()[:2] == ("ana", "bo")


def test_plan_changes_reports_holder_and_shadow_moves():
    request = inputs("ana bo cy", turns=4, shadow_turns=True)
    first = plan_rotation(request)
    second = replan(request, first, leave=(Leave("bo", week(1), week(1)),))
    changes = plan_changes(first.as_existing(), second)
    assert changes[0].start == week(0)
    assert (changes[0].old_holder, changes[0].new_holder) == ("ana", "ana")
    assert (changes[0].old_shadow, changes[0].new_shadow) == ("bo", "cy")
    assert {(c.old_holder, c.new_holder) for c in changes[1:3]} == {("bo", "cy"), ("cy", "bo")}
