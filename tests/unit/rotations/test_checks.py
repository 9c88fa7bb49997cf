from datetime import timedelta

from orgkit.rotations.engine import (
    BlockCause,
    ExistingTurn,
    Leave,
    PastTurn,
    PoolMember,
    rule_violations,
)

from .builders import rules, week


def causes(violations):
    return sorted((v.cause, v.member, v.indices) for v in violations)


def turns(*holders, start=0):
    return [ExistingTurn(week(start + i), h) for i, h in enumerate(holders)]


def test_a_fair_timeline_breaks_nothing():
    assert rule_violations(turns("a", "b", "c", "a"), rules(cooldown_turns=2)) == ()


def test_run_too_long():
    found = rule_violations(
        turns("a", "a", "a", "b"), rules(term_length=1, max_consecutive_terms=2)
    )
    assert causes(found) == [(BlockCause.CONSECUTIVE, "a", (0, 1, 2))]
    assert rule_violations(turns("a", "a", "b"), rules(term_length=2)) == ()


def test_cooldown_between_runs_counts_history():
    history = [PastTurn(week(-1), "a")]
    found = rule_violations(turns("b", "a"), rules(cooldown_turns=2), history=history)
    assert causes(found) == [(BlockCause.COOLDOWN, "a", (-1, 1))]


def test_year_limit_is_rolling():
    timeline = turns("a", "b", "a", "b", "a")
    found = rule_violations(timeline, rules(max_terms_per_12_months=2))
    assert causes(found) == [(BlockCause.YEAR_LIMIT, "a", (0, 2, 4))]
    spaced = [ExistingTurn(week(0), "a"), ExistingTurn(week(30), "a"), ExistingTurn(week(53), "a")]
    assert rule_violations(spaced, rules(max_terms_per_12_months=2)) == ()


def test_year_limit_counts_terms_not_turns():
    timeline = turns("a", "a", "b", "b", "a", "a")
    assert rule_violations(timeline, rules(term_length=2, max_terms_per_12_months=2)) == ()


def test_leave_joining_and_eligibility_only_for_the_turns_given():
    members = (PoolMember("a"), PoolMember("late", joined=week(3)), PoolMember("x", eligible=False))
    leave = [Leave("a", week(0), week(0) + timedelta(days=1))]
    history = [PastTurn(week(-5), "a")]  # leave is not checked in the past
    found = rule_violations(
        turns("a", "late", "x"),
        rules(),
        history=history,
        pool=members,
        leave=leave + [Leave("a", week(-5), week(-5))],
        eligible=lambda member, slot: True,
    )
    assert causes(found) == [
        (BlockCause.INELIGIBLE, "x", (2,)),
        (BlockCause.LEAVE, "a", (0,)),
        (BlockCause.NOT_JOINED, "late", (1,)),
    ]
