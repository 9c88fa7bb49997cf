"""Example tests: one or more per rule and per reason the planner gives."""

from datetime import date, timedelta

import pytest

from orgkit.rotations.engine import (
    BlockCause,
    Cadence,
    ExistingTurn,
    KeptPlace,
    Leave,
    PastTurn,
    PlanInput,
    PlanningWindow,
    PoolMember,
    ReasonCode,
    RotationInputError,
    RotationRuleError,
    RotationRules,
    TurnOutcome,
    plan_rotation,
    plan_rotation_naive,
)

from .builders import ANCHOR, inputs, pool, rules, week, weekly


def plan(*args, **kwargs):
    request = inputs(*args, **kwargs)
    result = plan_rotation(request)
    # Every example doubles as a check that the fast planner equals the reference one.
    assert plan_rotation_naive(request) == result
    return result


def codes(turn):
    return [reason.code for reason in turn.reasons]


# -- fairness order -----------------------------------------------------------------------------


def test_never_served_go_in_opt_in_order_then_least_recently_served():
    result = plan("ana bo cy", turns=6)
    assert result.holders() == ("ana", "bo", "cy", "ana", "bo", "cy")
    assert result.turns[0].explanation == "never served"
    assert result.turns[3].explanation == "served least recently (last: 2026-01-05)"
    reason = result.turns[3].reasons[0]
    assert (reason.code, reason.member, reason.on) == (
        ReasonCode.LEAST_RECENT,
        "ana",
        date(2026, 1, 5),
    )


def test_history_decides_who_served_least_recently():
    history = [PastTurn(week(-3), "cy"), PastTurn(week(-2), "ana"), PastTurn(week(-1), "bo")]
    result = plan("ana bo cy dee", turns=4, history=history)
    # dee never served; then cy (longest ago), ana, bo.
    assert result.holders() == ("dee", "cy", "ana", "bo")
    assert codes(result.turns[0]) == [ReasonCode.NEVER_SERVED]


def test_fewest_turns_in_12_months_breaks_a_tie_in_last_turn():
    # Two history rows in one slot (a shared turn) give ana and bo the same last turn;
    # ana also served earlier in the year, so bo goes first despite the opt-in order.
    history = [
        PastTurn(week(-10), "ana"),
        PastTurn(week(-1), "ana"),
        PastTurn(week(-1), "bo"),
    ]
    result = plan("ana bo", turns=2, history=history, max_consecutive_terms=2)
    assert result.holders() == ("bo", "ana")


def test_a_turn_more_than_12_months_ago_does_not_count_in_the_tie_break():
    history = [
        PastTurn(week(-60), "bo"),
        PastTurn(week(-1), "ana"),
        PastTurn(week(-1), "bo"),
    ]
    result = plan("ana bo", turns=1, history=history, max_consecutive_terms=2)
    assert result.holders() == ("ana",)


def test_covered_turn_is_a_one_off_the_rotation_goes_on_as_if_the_covered_held_it():
    # A cover changes who served the day, not the order: cy (covered for) counts as having
    # had the turn, and ana (who covered) is not pushed back for it.
    history = [
        PastTurn(week(-3), "ana"),
        PastTurn(week(-2), "bo"),
        PastTurn(week(-1), "ana", TurnOutcome.COVERED, covered_for="cy"),
    ]
    result = plan("ana bo cy dee", turns=4, history=history)
    assert result.holders() == ("dee", "ana", "bo", "cy")
    assert all(r.code is not ReasonCode.KEPT_PLACE for t in result.turns for r in t.reasons)


def test_a_covered_first_turn_of_a_term_leaves_the_second_with_the_covered_member():
    history = [PastTurn(week(-1), "cy", TurnOutcome.COVERED, covered_for="ana")]
    result = plan("ana bo cy", turns=3, history=history, term_length=2)
    assert result.holders() == ("ana", "bo", "bo")


# -- skip keeps place ---------------------------------------------------------------------------


def test_skipped_history_turn_keeps_the_place_ahead_of_never_served():
    history = [
        PastTurn(week(-2), "ana"),
        PastTurn(week(-1), "bo", TurnOutcome.SKIPPED),
    ]
    result = plan("ana bo cy", turns=3, history=history)
    assert result.holders() == ("bo", "cy", "ana")
    assert result.turns[0].explanation == "kept place after skipping (29 December 2025)"


def test_ledger_entry_goes_first_and_is_spent_once_served():
    ledger = [KeptPlace("cy", week(-1), "asked to skip")]
    result = plan("ana bo cy", turns=4, ledger=ledger)
    assert result.holders() == ("cy", "ana", "bo", "cy")
    assert result.turns[0].reasons[0].code is ReasonCode.KEPT_PLACE
    assert result.kept_places == ()


def test_ledger_entry_dated_inside_the_window_takes_effect_after_its_turn():
    # A persisted skip of slot 1 (from an earlier plan's confirmed turn) puts cy first from
    # slot 2 on, exactly where the earlier plan put her.
    ledger = [KeptPlace("cy", week(1))]
    existing = [
        ExistingTurn(week(0), "ana", confirmed=True),
        ExistingTurn(week(1), "bo", confirmed=True),
    ]
    result = plan("ana bo cy dee", turns=4, ledger=ledger, existing=existing)
    assert result.holders() == ("ana", "bo", "cy", "dee")
    assert result.turns[2].reasons[0].code is ReasonCode.KEPT_PLACE
    # Dated after the window: not yet in effect, still owed.
    later = plan("ana bo cy", turns=4, ledger=[KeptPlace("bo", week(30))])
    assert later.holders() == ("ana", "bo", "cy", "ana")
    assert later.kept_places == (KeptPlace("bo", week(30)),)


def test_confirmed_skips_are_reported_for_persisting():
    leave = [Leave("ana", week(0), week(2))]
    result = plan("ana bo cy", turns=6, leave=leave, confirmation_horizon=2)
    # ana is passed over at slots 0 and 1 (confirmed) and 2 (not confirmed): one entry, the
    # first; a kept place is not accumulated.
    assert result.confirmed_skips == (KeptPlace("ana", week(0), "on leave"),)
    assert result.holders()[3] == "ana"


def test_ledger_entry_already_spent_by_a_later_turn_is_ignored():
    history = [PastTurn(week(-3), "cy"), PastTurn(week(-1), "ana")]
    ledger = [KeptPlace("cy", week(-4))]
    result = plan("ana bo cy", turns=1, history=history, ledger=ledger)
    assert result.holders() == ("bo",)


def test_leave_skips_a_member_who_keeps_their_place_until_back():
    leave = [Leave("ana", week(0), date(2026, 3, 3))]
    result = plan("ana bo cy dee", turns=10, leave=leave)
    holders = result.holders()
    # Week slots 0–8 cover 5 Jan – 8 Mar: ana is away; back for the slot of 9 March.
    assert "ana" not in holders[:9]
    assert holders[9] == "ana"
    first = result.turns[0]
    assert first.explanation.startswith("Ana skipped: on leave until 3 March; never served")
    skip = first.reasons[0]
    assert (skip.code, skip.member, skip.on) == (
        ReasonCode.SKIPPED_LEAVE,
        "ana",
        date(2026, 3, 3),
    )
    assert result.turns[9].reasons[0].code is ReasonCode.KEPT_PLACE


def test_kept_place_goes_before_a_newcomer_who_never_served():
    history = [PastTurn(week(-3), "bo"), PastTurn(week(-2), "ana"), PastTurn(week(-1), "cy")]
    leave = [Leave("bo", week(0), week(0) + timedelta(days=3))]
    members = pool("ana", "bo", "cy", "new", new=week(1))
    result = plan(members, turns=4, history=history, leave=leave)
    # Slot 0: bo (least recent) is away → ana; in slot 1 bo, back, goes before the newcomer.
    assert result.holders() == ("ana", "bo", "new", "cy")
    assert result.turns[1].reasons[0].code is ReasonCode.KEPT_PLACE


def test_outstanding_kept_places_are_reported():
    leave = [Leave("ana", week(0), week(20))]
    result = plan("ana bo", turns=3, leave=leave)
    assert [k.member_id for k in result.kept_places] == ["ana"]
    assert result.kept_places[0].skipped_on == week(0)


def test_many_skips_are_summarised():
    members = pool(*"abcdef")
    leave = [Leave(m, week(0), week(0)) for m in "abcde"]
    result = plan(members, turns=1, leave=leave)
    assert result.holders() == ("f",)
    texts = [r.text for r in result.turns[0].reasons if r.code is ReasonCode.SKIPPED_LEAVE]
    assert texts[-1] == "2 more skipped: on leave"
    assert len(texts) == 4


# -- availability -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "available"),
    [
        (week(0) - timedelta(days=10), week(0) - timedelta(days=1), True),  # ends the day before
        (week(1), week(1) + timedelta(days=2), True),  # starts on the handover day
        (week(1) - timedelta(days=1), week(1) - timedelta(days=1), False),  # last day of turn
        (week(0) - timedelta(days=3), week(0), False),  # overlaps the first day
    ],
)
def test_leave_overlapping_any_day_of_the_turn_blocks_it(start, end, available):
    result = plan("ana bo", turns=1, leave=[Leave("ana", start, end)])
    assert (result.holders() == ("ana",)) is available


def test_overlapping_leave_merges_for_the_until_date():
    leave = [Leave("ana", week(0), week(0) + timedelta(days=10)), Leave("ana", week(1), week(3))]
    result = plan("ana bo", turns=1, leave=leave)
    assert result.turns[0].reasons[0].on == week(3)


def test_member_is_not_planned_before_joining():
    members = pool("ana", "bo", "new", new=week(2))
    result = plan(members, turns=4)
    assert result.holders() == ("ana", "bo", "new", "ana")


def test_ineligible_flag_and_eligibility_hook():
    members = (PoolMember("ana"), PoolMember("bo", eligible=False), PoolMember("cy"))
    assert plan(members, turns=4).holders() == ("ana", "cy", "ana", "cy")

    def only_cy_on_even_turns(member, slot):
        return member == "cy" or slot.index % 2 == 1

    result = plan("ana bo cy", turns=4, eligible=only_cy_on_even_turns)
    assert result.holders() == ("cy", "ana", "cy", "bo")


# -- limits -------------------------------------------------------------------------------------


def test_cooldown_leaves_turns_open_when_the_pool_is_too_small():
    result = plan("ana bo cy", turns=8, cooldown_turns=3)
    assert result.holders() == ("ana", "bo", "cy", None, "ana", "bo", "cy", None)
    open_turn = result.turns[3]
    assert open_turn.is_open
    assert open_turn.explanation == "open: no eligible member — all in cool-down (3 in cool-down)"
    assert open_turn.reasons[-1].counts == ((BlockCause.COOLDOWN, 3),)


def test_cooldown_is_respected_exactly():
    result = plan("ana bo cy dee", turns=8, cooldown_turns=3)
    assert result.holders() == ("ana", "bo", "cy", "dee") * 2


def test_open_reason_mixes_leave_and_cooldown():
    leave = [Leave("cy", week(0), week(5))]
    result = plan("ana bo cy", turns=3, cooldown_turns=2, leave=leave)
    assert result.holders() == ("ana", "bo", None)
    assert result.turns[2].explanation.endswith(
        "open: no eligible member — all on leave or in cool-down (1 on leave, 2 in cool-down)"
    )


def test_everyone_on_leave_leaves_the_turn_open():
    leave = [Leave(m, week(0), week(0)) for m in ("ana", "bo")]
    result = plan("ana bo", turns=2, leave=leave)
    assert result.holders() == (None, "ana")
    assert result.turns[0].reasons[-1].code is ReasonCode.OPEN_NO_ELIGIBLE
    assert "all on leave (2 on leave)" in result.turns[0].explanation


def test_empty_pool():
    result = plan((), turns=2)
    assert result.holders() == (None, None)
    assert result.turns[0].reasons[0].code is ReasonCode.OPEN_EMPTY_POOL


def test_max_one_consecutive_term_by_default():
    result = plan("solo", turns=4)
    assert result.holders() == ("solo", None, "solo", None)
    assert "at the consecutive-term limit" in result.turns[1].explanation


def test_two_consecutive_terms_allowed_only_when_no_one_else_can():
    result = plan("solo", turns=3, max_consecutive_terms=2)
    assert result.holders() == ("solo", "solo", None)
    assert ReasonCode.CONSECUTIVE_TERM in codes(result.turns[1])
    # With someone else available, fairness still alternates.
    assert plan("ana bo", turns=4, max_consecutive_terms=2).holders() == ("ana", "bo") * 2


def test_term_length_keeps_the_holder_for_the_whole_term():
    result = plan("ana bo", turns=6, term_length=3)
    assert result.holders() == ("ana",) * 3 + ("bo",) * 3
    assert result.turns[1].explanation == "continues their term (turn 2 of 3)"
    assert result.turns[2].explanation == "continues their term (turn 3 of 3)"


def test_term_cut_short_by_leave():
    leave = [Leave("ana", week(1), week(1))]
    result = plan("ana bo cy", turns=4, term_length=2, leave=leave)
    assert result.holders() == ("ana", "bo", "bo", "cy")
    assert result.turns[1].explanation.startswith("Ana's term cut short: on leave until 12 January")
    assert result.turns[1].reasons[0].code is ReasonCode.TERM_CUT_SHORT


def test_max_terms_per_12_months():
    result = plan("ana bo", turns=54, max_terms_per_12_months=2)
    holders = result.holders()
    assert holders[:4] == ("ana", "bo", "ana", "bo")
    assert set(holders[4:52]) == {None}
    assert "at the 12-month limit" in result.turns[4].explanation
    # 52 weeks (364 days) is not yet 12 months: ana's first term (5 January 2026) drops out
    # of the rolling window only for the slot of 11 January 2027.
    assert holders[52:] == (None, "ana")


def test_max_terms_counts_history_terms():
    history = [PastTurn(week(-20), "ana"), PastTurn(week(-10), "ana")]
    result = plan("ana bo", turns=3, history=history, max_terms_per_12_months=2)
    assert result.holders() == ("bo", None, "bo")


# -- confirmed turns ----------------------------------------------------------------------------


def test_confirmation_horizon_marks_the_first_turns():
    result = plan("ana bo cy", turns=6, confirmation_horizon=4)
    assert [t.confirmed for t in result.turns] == [True] * 4 + [False] * 2
    assert not any(t.confirmed for t in plan("ana bo", turns=3, confirmation_horizon=0).turns)


def test_confirmed_turns_are_copied_even_against_the_rules():
    existing = [
        ExistingTurn(week(0), "cy", confirmed=True),
        ExistingTurn(week(1), "cy", confirmed=True),
    ]
    result = plan("ana bo cy", turns=4, existing=existing)
    assert result.holders() == ("cy", "cy", "ana", "bo")
    assert result.turns[0].confirmed and result.turns[0].explanation == "confirmed"


def test_planned_turns_respect_cooldown_before_a_confirmed_turn():
    existing = [ExistingTurn(week(2), "ana", confirmed=True)]
    result = plan("ana bo cy", turns=4, existing=existing, cooldown_turns=2)
    assert result.holders() == ("bo", "cy", "ana", "bo")


def test_planned_turn_does_not_join_a_confirmed_run_beyond_the_limit():
    existing = [ExistingTurn(week(1), "ana", confirmed=True)]
    result = plan("ana bo", turns=3, existing=existing)
    assert result.holders() == ("bo", "ana", "bo")


def test_confirmed_holder_on_leave_or_gone_is_flagged_not_changed():
    existing = [
        ExistingTurn(week(0), "ana", confirmed=True),
        ExistingTurn(week(1), "gone", confirmed=True),
    ]
    leave = [Leave("ana", week(0), week(0) + timedelta(days=1))]
    result = plan("ana bo", turns=3, existing=existing, leave=leave)
    assert result.holders() == ("ana", "gone", "bo")
    assert [w.code for w in result.warnings] == [
        ReasonCode.CONFIRMED_ON_LEAVE,
        ReasonCode.CONFIRMED_NOT_IN_POOL,
    ]
    assert "Ana is on leave until 6 January — needs a swap or cover" in result.warnings[0].text


def test_confirmed_open_turn_stays_open():
    existing = [ExistingTurn(week(0), None, confirmed=True)]
    assert plan("ana", turns=2, existing=existing).holders() == (None, "ana")


def test_a_confirmed_turn_already_under_way_counts_as_served():
    existing = [ExistingTurn(week(0), "ana", confirmed=True)]
    result = plan("ana bo", turns=2, start=week(0) + timedelta(days=1), existing=existing)
    assert result.holders() == ("bo", "ana")


# -- shadows ------------------------------------------------------------------------------------


def test_next_holder_shadows_the_current_one():
    result = plan("ana bo cy", turns=4, shadow_turns=True)
    assert [t.shadow for t in result.turns] == ["bo", "cy", "ana", "bo"]
    assert result.turns[0].reasons[-1].text == "Bo shadows (takes over next)"
    assert all(t.shadow is None for t in plan("ana bo", turns=2).turns)


def test_shadow_only_on_the_last_turn_of_a_term():
    result = plan("ana bo", turns=4, term_length=2, shadow_turns=True)
    assert [t.shadow for t in result.turns] == [None, "bo", None, "ana"]


def test_incoming_holder_on_leave_cannot_shadow():
    leave = [Leave("bo", week(0), week(0) + timedelta(days=2))]
    result = plan("ana bo cy", turns=2, shadow_turns=True, leave=leave)
    assert result.holders()[:2] == ("ana", "bo")
    assert result.turns[0].shadow is None
    assert result.turns[0].reasons[-1].code is ReasonCode.SHADOW_UNAVAILABLE


def test_no_shadow_before_an_open_turn_or_by_the_same_holder():
    result = plan("solo", turns=3, shadow_turns=True, max_consecutive_terms=2)
    assert [t.shadow for t in result.turns] == [None, None, None]


# -- windows and cadences -----------------------------------------------------------------------


def test_monthly_rotation_with_until_window():
    cadence = Cadence("months", 1, date(2026, 1, 31))
    result = plan(
        "ana bo",
        cadence=cadence,
        start=date(2026, 2, 1),
        until=date(2026, 5, 31),
    )
    assert [t.start for t in result.turns] == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
    ]
    assert result.turns[0].index == 1
    assert result.turns[0].end == date(2026, 3, 31)


def test_turn_carries_naive_handover_datetimes():
    turn = plan("ana", turns=1).turns[0]
    assert turn.starts_at.isoformat() == "2026-01-05T18:00:00"
    assert turn.ends_at.isoformat() == "2026-01-12T18:00:00"


def test_zero_turn_window():
    assert plan("ana", turns=0).turns == ()


# -- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"term_length": 0},
        {"term_length": -1},
        {"max_consecutive_terms": 0},
        {"cooldown_turns": -1},
        {"max_terms_per_12_months": 0},
        {"confirmation_horizon": -1},
        {"term_length": 1.5},
    ],
)
def test_malformed_rules_raise(kwargs):
    with pytest.raises(RotationRuleError):
        RotationRules(weekly(), **kwargs)


def test_malformed_windows_raise():
    with pytest.raises(RotationRuleError):
        PlanningWindow(ANCHOR)
    with pytest.raises(RotationRuleError):
        PlanningWindow(ANCHOR, until=ANCHOR - timedelta(days=1))
    with pytest.raises(RotationRuleError):
        PlanningWindow(ANCHOR, turns=-1)


def test_contradictory_inputs_raise():
    with pytest.raises(RotationInputError):
        Leave("ana", week(1), week(0))
    with pytest.raises(RotationInputError):
        PlanInput(rules(), PlanningWindow(ANCHOR, turns=1), pool("ana", "ana"))
    with pytest.raises(RotationInputError):
        plan_rotation(inputs("ana", history=[PastTurn(week(1), "ana")]))
    with pytest.raises(RotationInputError):
        plan_rotation(
            inputs("ana", existing=[ExistingTurn(week(1), "ana"), ExistingTurn(week(1), "ana")])
        )


def test_errors_are_value_errors():
    assert issubclass(RotationRuleError, ValueError)
    assert issubclass(RotationInputError, ValueError)


def test_shadow_not_yet_joined():
    members = pool("ana", "bo", bo=week(0) + timedelta(days=3))
    result = plan(members, turns=2, shadow_turns=True)
    assert result.holders() == ("ana", "bo")
    assert result.turns[0].reasons[-1].text == "Bo can't shadow: not yet joined"


def test_every_reason_code_is_reachable():
    """A guard for new codes: each must be produced by some scenario (and so be tested)."""
    seen = set()
    scenarios = [
        plan("ana bo cy", turns=4, shadow_turns=True),
        plan("solo", turns=3, max_consecutive_terms=2),
        plan((), turns=1),
        plan("ana bo", turns=3, term_length=2, leave=[Leave("ana", week(1), week(1))]),
        plan("ana bo", turns=2, shadow_turns=True, leave=[Leave("bo", week(0), week(0))]),
        plan(
            "ana bo",
            turns=3,
            existing=[
                ExistingTurn(week(0), "ana", confirmed=True),
                ExistingTurn(week(1), "gone", confirmed=True),
            ],
            leave=[Leave("ana", week(0), week(0))],
        ),
        plan("ana bo", turns=3, history=[PastTurn(week(-1), "bo", TurnOutcome.SKIPPED)]),
        plan("ana bo", turns=1, leave=[Leave("ana", week(0), week(0))]),
    ]
    first = plan_rotation(inputs("ana bo cy", turns=4))
    scenarios.append(
        plan_rotation(
            PlanInput(
                rules(),
                PlanningWindow(ANCHOR, turns=4),
                pool("ana", "bo", "cy", "new"),
                existing=first.as_existing(),
            )
        )
    )
    for result in scenarios:
        for turn in result.turns:
            seen.update(reason.code for reason in turn.reasons)
    assert seen == set(ReasonCode)
