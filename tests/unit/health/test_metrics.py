"""The health metrics: worked examples, and properties that must hold for any data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgkit.elections.counting.indices import gallagher
from orgkit.health.metrics import decisions, elections, roles, skills, trend
from orgkit.health.metrics.roles import Holding
from orgkit.health.metrics.status import Status, grade, worst

TODAY = date(2026, 12, 1)
D = date.fromisoformat


# --- roles ------------------------------------------------------------------------------------


def test_share_holding_roles_counts_each_member_once_within_the_window():
    holdings = [
        Holding(1, 10, D("2026-01-01")),
        Holding(1, 11, D("2026-02-01"), D("2026-03-01")),
        Holding(2, 10, D("2020-01-01"), D("2025-06-30")),  # ended before the window
        Holding(3, 12, D("2026-11-30"), D("2026-11-30")),
        Holding(99, 10, D("2026-01-01")),  # not a member any more
    ]
    share = roles.share_holding_roles(
        members={1, 2, 3, 4}, holdings=holdings, since=D("2025-12-01"), until=TODAY
    )
    assert share == 2 / 4
    assert (
        roles.share_holding_roles(members=set(), holdings=holdings, since=TODAY, until=TODAY)
        is None
    )


def test_continuous_tenure_joins_re_elections_and_breaks_on_gaps():
    holdings = [
        Holding(1, 10, D("2010-01-01"), D("2013-12-31")),
        Holding(1, 10, D("2014-01-01"), D("2017-12-31")),  # the next day: one span
        Holding(1, 10, D("2019-01-01")),  # a year's gap: a new span, still held
        Holding(2, 10, D("2018-01-01"), D("2018-12-31")),
        Holding(3, 11, D("2030-01-01")),  # in the future: ignored
    ]
    longest = roles.longest_tenure(holdings, today=TODAY)
    assert (longest.member, longest.start, longest.end) == (1, D("2010-01-01"), D("2017-12-31"))
    assert longest.days == (D("2017-12-31") - D("2010-01-01")).days + 1
    spans = roles.continuous_tenures(holdings, today=TODAY)
    assert len(spans) == 3
    assert roles.longest_tenure([], today=TODAY) is None


def test_roles_per_person_and_role_days():
    holdings = [
        Holding(1, 10, D("2026-01-01")),
        Holding(1, 11, D("2026-06-01")),
        Holding(2, 10, D("2025-01-01"), D("2025-12-31")),
    ]
    assert roles.roles_per_person(holdings, on=TODAY) == {1: 2}
    days = roles.role_days(
        members={1, 2, 3}, holdings=holdings, since=D("2026-11-01"), until=D("2026-11-30")
    )
    assert days == {1: 60, 2: 0, 3: 0}


def test_gini_examples():
    assert roles.gini([5, 5, 5, 5]) == 0
    assert roles.gini([0, 0, 0, 10]) == pytest.approx(0.75)  # (n-1)/n when one holds all
    assert roles.gini([]) is None and roles.gini([0, 0]) is None
    assert roles.gini([1, 2, 3, 4]) == pytest.approx(0.25)


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40))
def test_gini_is_between_zero_and_one_and_ignores_order_and_scale(values):
    g = roles.gini(values)
    if sum(values) == 0:
        assert g is None
        return
    assert 0 <= g < 1
    assert roles.gini(list(reversed(values))) == pytest.approx(g)
    assert roles.gini([3 * v for v in values]) == pytest.approx(g)


holding_strategy = st.builds(
    lambda m, r, start, length, open_: Holding(
        m,
        r,
        D("2015-01-01") + timedelta(days=start),
        None if open_ else D("2015-01-01") + timedelta(days=start + length),
    ),
    st.integers(1, 6),
    st.integers(1, 3),
    st.integers(0, 5000),
    st.integers(0, 800),
    st.booleans(),
)


@given(st.lists(holding_strategy, max_size=25))
def test_tenure_properties(holdings):
    spans = roles.continuous_tenures(holdings, today=TODAY)
    for span in spans:
        assert span.start <= span.end <= TODAY
    # Spans of one person in one role never touch (else they would have been joined).
    by_pair = {}
    for s in spans:
        by_pair.setdefault((s.member, s.role), []).append(s)
    for items in by_pair.values():
        items.sort(key=lambda s: s.start)
        for a, b in zip(items, items[1:], strict=False):
            assert b.start > a.end + timedelta(days=1)
    longest = roles.longest_tenure(holdings, today=TODAY)
    if longest is not None:
        # No single holding (up to today) is longer than the longest span.
        for h in holdings:
            if h.start <= TODAY:
                assert (h.until(TODAY) - h.start).days + 1 <= longest.days


@given(st.lists(holding_strategy, max_size=25), st.sets(st.integers(1, 8), min_size=1))
def test_share_is_a_share(holdings, members):
    share = roles.share_holding_roles(
        members=members, holdings=holdings, since=D("2020-01-01"), until=TODAY
    )
    assert 0 <= share <= 1


# --- elections --------------------------------------------------------------------------------


def test_turnout():
    assert elections.turnout(voted=30, eligible=120) == 0.25
    assert elections.turnout(voted=0, eligible=0) is None


def test_disproportionality_is_the_engines_gallagher():
    votes, seats = {"opposition": 84, "centre": 99}, {"opposition": 0, "centre": 10}
    assert elections.disproportionality(votes=votes, seats=seats) == pytest.approx(
        float(gallagher(votes=votes, seats=seats))
    )
    assert elections.disproportionality(votes=votes, seats=seats) == pytest.approx(45.9, abs=0.05)
    assert elections.disproportionality(votes={"a": 1, "b": 1}, seats={"a": 1, "b": 1}) == 0
    assert elections.disproportionality(votes={}, seats={"a": 1}) is None
    # A side with seats but no votes (or the reverse) still counts.
    assert elections.disproportionality(votes={"a": 10}, seats={"a": 1, "b": 1}) == pytest.approx(
        50
    )


@given(
    st.dictionaries(st.sampled_from("abcde"), st.integers(0, 1000), min_size=1),
    st.dictionaries(st.sampled_from("abcde"), st.integers(0, 20), min_size=1),
)
def test_disproportionality_between_0_and_100(votes, seats):
    value = elections.disproportionality(votes=votes, seats=seats)
    if sum(votes.values()) == 0 or sum(seats.values()) == 0:
        assert value is None
    else:
        assert 0 <= value <= 100


def test_protests_answered_sorts_by_deadline():
    t0 = datetime(2026, 11, 1, tzinfo=UTC)
    week = timedelta(days=7)
    facts = [
        elections.ProtestFact(t0, t0 + timedelta(days=2)),
        elections.ProtestFact(t0, t0 + timedelta(days=9)),
        elections.ProtestFact(t0, None),
        elections.ProtestFact(t0 + timedelta(days=28), None),
    ]
    summary = elections.protests_answered(facts, now=t0 + timedelta(days=30), answer_within=week)
    assert summary == elections.ProtestSummary(4, 1, 1, 1, 1)


def test_minimum_notice():
    opens = datetime(2026, 11, 20, tzinfo=UTC)
    fact = elections.NoticeFact
    assert elections.at_minimum_notice(fact(opens - timedelta(days=15, hours=5), opens, 15))
    assert not elections.at_minimum_notice(fact(opens - timedelta(days=20), opens, 15))
    assert elections.at_minimum_notice(fact(None, opens, 15))


# --- decisions and skills (wired when those apps land) ---------------------------------------


def test_on_time_share_and_median_delay():
    items = [
        decisions.Deadline(D("2026-10-01"), D("2026-09-30")),
        decisions.Deadline(D("2026-10-01"), D("2026-10-05")),  # 4 days late
        decisions.Deadline(D("2026-11-01"), None),  # 30 days late and counting
        decisions.Deadline(D("2027-01-01"), None),  # not due yet
    ]
    result = decisions.on_time(items, today=TODAY)
    assert (result.total, result.on_time) == (3, 1)
    assert result.share_on_time == pytest.approx(1 / 3)
    assert result.median_delay_days == 17
    assert decisions.on_time([], today=TODAY).share_on_time is None


def test_meetings_moved_earlier_and_removals():
    meetings = [
        decisions.MeetingFact(D("2026-05-10"), D("2026-05-03"), 7, 7),
        decisions.MeetingFact(D("2026-06-10"), D("2026-06-10"), 21, 7),
    ]
    assert decisions.meetings_moved_earlier(meetings) == (1, 1)
    assert decisions.share_with_decision([True, False, True, True]) == 0.75
    assert decisions.share_with_decision([]) is None


def test_bus_factor_and_teaching():
    able = {10: {1}, 11: {1, 2, 3}, 12: set()}
    assert skills.bus_factor(able) == {10: 1, 11: 3, 12: 0}
    assert skills.weakest_roles(able) == [10, 12]
    assert skills.taught_nobody(coordinators={1, 2, 3}, teachers={2}) == {1, 3}


# --- statuses and trends ----------------------------------------------------------------------


def test_grade_both_directions():
    assert grade(1, watch=2, alert=4) is Status.OK
    assert grade(2, watch=2, alert=4) is Status.WATCH
    assert grade(4, watch=2, alert=4) is Status.ALERT
    assert grade(0.5, watch=0.3, alert=0.15, higher_is_worse=False) is Status.OK
    assert grade(0.2, watch=0.3, alert=0.15, higher_is_worse=False) is Status.WATCH
    assert grade(0.1, watch=0.3, alert=0.15, higher_is_worse=False) is Status.ALERT
    assert worst(Status.OK, Status.NO_DATA, Status.WATCH) is Status.WATCH
    assert worst(Status.NO_DATA) is Status.NO_DATA


@given(st.floats(0, 100), st.floats(0, 50), st.floats(50, 100))
def test_grade_is_monotonic(value, watch, alert):
    bigger = grade(value + 1, watch=watch, alert=alert)
    from orgkit.health.metrics.status import SEVERITY

    assert SEVERITY[bigger] >= SEVERITY[grade(value, watch=watch, alert=alert)]


def test_month_ends_and_polyline():
    ends = trend.month_ends(D("2026-03-15"))
    assert len(ends) == 12 and ends[-1] == D("2026-03-15") and ends[-2] == D("2026-02-28")
    assert ends[0] == D("2025-04-30")
    assert trend.polyline([None, None]) == ""
    assert trend.polyline([1, 1]) == "3.0,16.0 117.0,16.0"
    points = trend.polyline([0, None, 10], width=100, height=20, pad=0).split()
    assert points == ["0.0,20.0", "100.0,0.0"]


@given(st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6)), min_size=1, max_size=12))
def test_polyline_stays_inside_the_box(values):
    for point in trend.polyline(values).split():
        x, y = map(float, point.split(","))
        assert 0 <= x <= 120 and 0 <= y <= 32


def test_turn_spread():
    spread = roles.turn_spread([1, 2, 1, None, 3, 1])
    assert spread == roles.TurnSpread(turns=6, holders=3, open=1, most_by_one=3)
    assert roles.turn_spread([]) == roles.TurnSpread(0, 0, 0, 0)


@given(st.lists(st.one_of(st.none(), st.integers(1, 9)), max_size=60))
def test_turn_spread_adds_up(holders):
    spread = roles.turn_spread(holders)
    assert spread.turns == len(holders)
    assert spread.open + (spread.turns - spread.open) == spread.turns
    assert spread.holders <= spread.turns - spread.open
    assert spread.most_by_one * max(spread.holders, 1) >= spread.turns - spread.open
