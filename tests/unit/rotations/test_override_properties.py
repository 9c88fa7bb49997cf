"""Property tests (hypothesis): a cover or a swap is a one-off override. It changes the holders
of exactly the turns chosen, leaves every other turn as it was, and the fairness figures credit
whoever serves each turn."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from orgkit.rotations.engine import (
    ExistingTurn,
    PastTurn,
    RotationInputError,
    TurnOutcome,
    cover,
    fairness_report,
    override_turns,
    plan_rotation,
    swap,
)
from tests.unit.rotations.builders import inputs, weekly
from tests.unit.rotations.test_properties import SETTINGS, plan_inputs


def _calendar(request, plan):
    """The plan as the calendar stores it, plus confirmed turns the request had beyond it."""
    starts = {t.start for t in plan.turns}
    return (*plan.as_existing(), *(e for e in request.existing if e.start not in starts))


def _confirmed(request, calendar, *starts):
    """The plan once the chosen turns are confirmed as they are. A cover or swap confirms the
    turns it moves, and confirming a turn alone may already settle a planned turn elsewhere
    (a confirmed turn ahead counts in the limits); what the override itself moves is measured
    against this."""
    by_start = {turn.start: turn for turn in calendar}
    kept = {start: by_start[start].holder for start in starts}
    return plan_rotation(replace(request, existing=override_turns(calendar, kept)))


def _holders(plan):
    return {t.start: t.holder for t in plan.turns}


def _counts(report):
    return {tally.member_id: tally.turns for tally in report.members}


def _tally(plan):
    first, last = plan.turns[0].start, plan.turns[-1].end
    return fairness_report(plan.turns, start=first, end=last)


@SETTINGS
@given(plan_inputs(), st.data())
def test_a_cover_moves_only_the_chosen_turn(request, data):
    plan = plan_rotation(request)
    calendar = _calendar(request, plan)
    held = [t for t in plan.as_existing() if t.holder is not None]
    assume(held and len(request.pool) >= 2)
    turn = data.draw(st.sampled_from(held))
    before = _confirmed(request, calendar, turn.start)
    coverer = data.draw(
        st.sampled_from([m.member_id for m in request.pool if m.member_id != turn.holder])
    )
    after = plan_rotation(replace(request, existing=cover(calendar, turn.start, coverer)))
    expected = {**_holders(before), turn.start: coverer}
    assert _holders(after) == expected
    moved = next((t for t in after.turns if t.start == turn.start), None)
    if moved is not None:  # (a confirmed turn of the request may lie beyond the window)
        assert moved.stands_in_for == turn.rostered and moved.confirmed
    # Fairness: the coverer is credited with the turn, the member covered for is not; the
    # number of filled turns and everyone else's count stay as they were.
    old, new = _tally(before), _tally(after)
    assert new.filled_turns == old.filled_turns and new.open_turns == old.open_turns
    for member in {m.member_id for m in request.pool} | {turn.holder}:
        change = (member == coverer) - (member == turn.holder)
        assert new.turns_of(member) == old.turns_of(member) + change


@SETTINGS
@given(plan_inputs(), st.data())
def test_a_swap_moves_exactly_one_turn_each_way(request, data):
    plan = plan_rotation(request)
    calendar = _calendar(request, plan)
    held = [t for t in plan.as_existing() if t.holder is not None]
    assume(len({t.holder for t in held}) >= 2)
    first = data.draw(st.sampled_from(held))
    second = data.draw(st.sampled_from([t for t in held if t.holder != first.holder]))
    before = _confirmed(request, calendar, first.start, second.start)
    after = plan_rotation(replace(request, existing=swap(calendar, first.start, second.start)))
    expected = {**_holders(before), first.start: second.holder, second.start: first.holder}
    assert _holders(after) == expected
    # Each member serves as many turns as before: fairness figures are unchanged.
    old, new = _tally(before), _tally(after)
    assert _counts(new) == _counts(old) and new.balance == old.balance


@SETTINGS
@given(plan_inputs(), st.data())
def test_a_covered_turn_in_the_past_plans_the_future_as_before(request, data):
    """Once the covered turn has happened, the history records it as covered (the coverer
    credited); the turns after it are planned exactly as while it was still to come."""
    calendar = _calendar(request, plan_rotation(request))
    before = plan_rotation(replace(request, existing=calendar))
    assume(len(before.turns) >= 2 and before.turns[0].holder is not None)
    assume(len(request.pool) >= 2)
    turn = before.turns[0]
    coverer = data.draw(
        st.sampled_from([m.member_id for m in request.pool if m.member_id != turn.holder])
    )
    covered = plan_rotation(replace(request, existing=cover(calendar, turn.start, coverer)))
    past = PastTurn(turn.start, coverer, TurnOutcome.COVERED, covered_for=turn.holder)
    rest = [e for e in covered.as_existing() if e.start != turn.start]
    rest += [e for e in request.existing if e.start > covered.turns[-1].start]
    later = plan_rotation(
        replace(
            request,
            history=(*request.history, past),
            existing=tuple(rest),
            window=replace(
                request.window, start=before.turns[1].start, turns=len(before.turns) - 1
            ),
        )
    )
    assert _holders(later) == {t.start: t.holder for t in covered.turns[1:]}
    assert fairness_report([past], start=turn.start, end=turn.end).turns_of(coverer) == 1


# -- examples -----------------------------------------------------------------------------------


def test_covering_the_first_turn_of_a_two_turn_term_leaves_the_second_to_its_holder():
    request = inputs("ana bo cy", turns=6, term_length=2, cadence=weekly(4))
    plan = plan_rotation(request)
    assert plan.holders() == ("ana", "ana", "bo", "bo", "cy", "cy")
    calendar = cover(plan.as_existing(), plan.turns[0].start, "cy")
    after = plan_rotation(replace(request, existing=calendar))
    assert after.holders() == ("cy", "ana", "bo", "bo", "cy", "cy")
    assert after.turns[0].stands_in_for == "ana"


def test_a_swap_of_one_turn_in_two_turn_terms_moves_one_turn_each_way():
    request = inputs("ana bo cy", turns=6, term_length=2)
    plan = plan_rotation(request)
    calendar = swap(plan.as_existing(), plan.turns[0].start, plan.turns[2].start)
    after = plan_rotation(replace(request, existing=calendar))
    assert after.holders() == ("bo", "ana", "ana", "bo", "cy", "cy")
    assert [t.stands_in_for for t in after.turns[:3]] == ["ana", None, "bo"]


def test_covering_a_turn_back_to_its_rostered_member_ends_the_override():
    day = date(2026, 1, 5)
    calendar = (ExistingTurn(day, "bo", confirmed=True, stands_in_for="ana"),)
    assert override_turns(calendar, {day: "ana"}) == (ExistingTurn(day, "ana", confirmed=True),)


def test_an_override_of_a_day_without_a_turn_is_refused():
    with pytest.raises(RotationInputError):
        override_turns((), {date(2026, 1, 5): "ana"})
    with pytest.raises(RotationInputError):
        ExistingTurn(date(2026, 1, 5), "ana", stands_in_for="bo")  # not confirmed
