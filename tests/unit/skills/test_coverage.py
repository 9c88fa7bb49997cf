"""The skills core: coverage, bus factor, tallies and succession alerts (no database)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgkit.skills.coverage import (
    AlertKind,
    Level,
    Requirement,
    SessionFact,
    TermFact,
    able_members,
    bus_factor,
    role_coverage,
    succession_alerts,
    teaching_tallies,
    team_bus_factor,
)

CAN_DO = Level.CAN_DO


def test_role_needs_every_skill_in_one_person():
    levels = {("ana", "chair"): 3, ("ana", "minutes"): 1, ("ben", "minutes"): 4, ("cy", "chair"): 4}
    needs = [Requirement("chair"), Requirement("minutes")]
    cover = role_coverage(needs, ["ana", "ben", "cy"], levels)
    # Nobody holds both: the pool covers the role only as a team.
    assert cover.able == ()
    assert cover.bus_factor == 0
    assert cover.team_bus_factor == 1
    assert cover.weakest == (Requirement("minutes"),)
    levels[("cy", "minutes")] = 3
    cover = role_coverage(needs, ["ana", "ben", "cy"], levels)
    assert cover.able == ("cy",) and cover.bus_factor == 1 and cover.team_bus_factor == 2


def test_levels_below_the_requirement_do_not_count():
    levels = {("ana", "chair"): Level.WITH_SUPPORT, ("ben", "chair"): Level.CAN_TEACH}
    assert able_members([Requirement("chair", CAN_DO)], ["ana", "ben"], levels) == ("ben",)
    assert able_members([Requirement("chair", Level.LEARNING)], ["ana", "ben"], levels) == (
        "ana",
        "ben",
    )


def test_role_without_requirements_is_covered_by_its_pool():
    assert bus_factor([], ["a", "b", "a"], {}) == 2
    assert team_bus_factor([], ["a", "b"], {}) == 2
    assert bus_factor([Requirement("x")], [], {}) == 0


def test_a_requirement_level_outside_the_scale_is_refused():
    for bad in (0, 5, True):
        with pytest.raises(ValueError):
            Requirement("x", bad)


def test_tallies_count_only_confirmed_learners_and_not_oneself():
    sessions = [
        SessionFact(date(2026, 1, 5), "chair", ("ana",), ("ben", "cy")),
        SessionFact(date(2026, 2, 5), "chair", ("ana",), ("ben",)),
        SessionFact(date(2026, 3, 5), "minutes", ("ben",), ()),  # nobody signed off
        SessionFact(date(2026, 3, 6), "minutes", ("cy",), ("cy",)),  # taught themself
        SessionFact(date(2026, 3, 7), "minutes", ("dee",), ("ben",)),
    ]
    tally = teaching_tallies(["ana", "ben", "cy", "dee", "eve"], sessions)
    assert tally.taught_sessions == {"ana": 2, "ben": 0, "cy": 0, "dee": 1, "eve": 0}
    assert tally.learners_taught["ana"] == 2
    assert tally.ranking == ("ana", "dee")
    assert tally.never_taught == ("ben", "cy", "eve")
    assert tally.never_taught_by_anyone == ("ana", "dee", "eve")
    spring = teaching_tallies(["ana", "dee"], sessions, since=date(2026, 3, 1))
    assert spring.ranking == ("dee",)


def _term(**kw):
    base = dict(
        role="sec",
        holder="ana",
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        requirements=(Requirement("minutes"),),
        pool=("ana", "ben"),
    )
    base.update(kw)
    return TermFact(**base)


def test_alerts_each_rule():
    levels = {("ana", "minutes"): 4, ("ben", "minutes"): 1, ("ben", "chair"): 3}
    alerts = succession_alerts(
        today=date(2026, 3, 1),
        terms=[_term()],
        skills=["minutes", "chair", "leaflets"],
        members=["ana", "ben"],
        levels=levels,
        sessions=[],
    )
    kinds = [(a.kind, a.skill or a.role) for a in alerts]
    assert kinds == [
        (AlertKind.NO_SUCCESSOR, "sec"),
        (AlertKind.SINGLE_HOLDER, "minutes"),
        (AlertKind.SINGLE_HOLDER, "chair"),
        (AlertKind.TAUGHT_NOBODY, "sec"),
    ]
    assert len({a.key for a in alerts}) == len(alerts)


def test_alerts_clear_when_the_situation_is_mended():
    levels = {("ana", "minutes"): 4, ("ben", "minutes"): 3}
    taught = [SessionFact(date(2026, 2, 1), "minutes", ("ana",), ("ben",))]
    alerts = succession_alerts(
        today=date(2026, 3, 1),
        terms=[_term()],
        skills=["minutes"],
        members=["ana", "ben"],
        levels=levels,
        sessions=taught,
    )
    assert alerts == ()


def test_alert_windows():
    levels = {("ana", "minutes"): 4}
    far = _term(end=date(2026, 9, 30))
    fresh = _term(start=date(2026, 2, 20))
    found = succession_alerts(
        today=date(2026, 3, 1),
        terms=[far, fresh],
        skills=[],
        members=["ana", "ben"],
        levels=levels,
        sessions=[],
    )
    # The far term ends outside the horizon; the fresh one is inside its grace period.
    assert [a.kind for a in found] == [AlertKind.NO_SUCCESSOR, AlertKind.TAUGHT_NOBODY]
    assert found[1].on == far.start


# -- properties -----------------------------------------------------------------------------

MEMBERS = ["m0", "m1", "m2", "m3", "m4", "m5"]
SKILLS = ["s0", "s1", "s2"]

level_maps = st.dictionaries(
    st.tuples(st.sampled_from(MEMBERS), st.sampled_from(SKILLS)), st.integers(0, 4), max_size=18
)
requirement_lists = st.lists(
    st.builds(Requirement, st.sampled_from(SKILLS), st.integers(1, 4)), max_size=3
)
pools = st.lists(st.sampled_from(MEMBERS), max_size=6)


def _smallest_removal(pool, still_covered) -> int:
    """Brute force: the fewest members whose removal makes ``still_covered`` false."""
    pool = list(dict.fromkeys(pool))
    for size in range(len(pool) + 1):
        for gone in itertools.combinations(pool, size):
            if not still_covered([m for m in pool if m not in gone]):
                return size
    raise AssertionError("removing everyone must leave the role uncovered")


@settings(max_examples=200, deadline=None)
@given(level_maps, requirement_lists, pools)
def test_bus_factor_is_the_smallest_set_whose_absence_leaves_nobody_able(levels, needs, pool):
    expected = _smallest_removal(pool, lambda rest: bool(able_members(needs, rest, levels)))
    assert bus_factor(needs, pool, levels) == expected


@settings(max_examples=200, deadline=None)
@given(level_maps, requirement_lists, pools)
def test_team_bus_factor_is_the_smallest_set_leaving_a_skill_uncovered(levels, needs, pool):
    def team_covers(rest):
        return bool(rest) and all(
            any(levels.get((m, r.skill), 0) >= r.level for m in rest) for r in needs
        )

    assert team_bus_factor(needs, pool, levels) == _smallest_removal(pool, team_covers)


@settings(max_examples=200, deadline=None)
@given(level_maps, requirement_lists, pools, st.sampled_from(MEMBERS), st.sampled_from(SKILLS))
def test_raising_a_level_never_lowers_coverage(levels, needs, pool, member, skill):
    before = role_coverage(needs, pool, levels)
    raised = dict(levels)
    raised[(member, skill)] = max(raised.get((member, skill), 0), 0) + 1
    after = role_coverage(needs, pool, raised)
    assert set(before.able) <= set(after.able)
    assert after.bus_factor >= before.bus_factor
    assert after.team_bus_factor >= before.team_bus_factor
    assert after.bus_factor <= after.team_bus_factor


sessions = st.lists(
    st.builds(
        SessionFact,
        st.dates(date(2026, 1, 1), date(2026, 12, 31)),
        st.sampled_from(SKILLS),
        st.lists(st.sampled_from(MEMBERS), min_size=1, max_size=2).map(tuple),
        st.lists(st.sampled_from(MEMBERS), max_size=3).map(tuple),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(sessions)
def test_tallies_partition_members_and_rank_by_learners(facts):
    tally = teaching_tallies(MEMBERS, facts)
    assert set(tally.ranking) | set(tally.never_taught) == set(MEMBERS)
    assert not set(tally.ranking) & set(tally.never_taught)
    counts = [tally.learners_taught[m] for m in tally.ranking]
    assert counts == sorted(counts, reverse=True)
    assert all(tally.learners_taught[m] <= len(MEMBERS) - 1 for m in MEMBERS)


@settings(max_examples=100, deadline=None)
@given(level_maps, sessions, st.dates(date(2026, 1, 1), date(2026, 12, 31)))
def test_alerts_are_deterministic_and_keys_unique(levels, facts, today):
    terms = [_term(pool=tuple(MEMBERS[:3]), holder="m0", requirements=(Requirement("s0"),))]
    args = dict(
        today=today, terms=terms, skills=SKILLS, members=MEMBERS, levels=levels, sessions=facts
    )
    first = succession_alerts(**args)
    assert first == succession_alerts(**args)
    assert len({a.key for a in first}) == len(first)
    single = {a.skill for a in first if a.kind is AlertKind.SINGLE_HOLDER}
    for skill in SKILLS:
        holders = [m for m in MEMBERS if levels.get((m, skill), 0) >= 3]
        assert (skill in single) == (len(holders) == 1)
