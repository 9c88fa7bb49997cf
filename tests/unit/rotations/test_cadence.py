from datetime import date, datetime, time

import pytest

from orgkit.rotations.engine import Cadence, RotationRuleError, turn_slots


def test_weekly_every_two_weeks_from_the_anchor():
    cadence = Cadence("weeks", 2, date(2026, 1, 5))
    assert cadence.weekday == 0
    assert [cadence.start_of(i) for i in range(3)] == [
        date(2026, 1, 5),
        date(2026, 1, 19),
        date(2026, 2, 2),
    ]
    assert cadence.slot(1).end == date(2026, 2, 2)
    assert cadence.index_of(date(2026, 1, 18)) == 0
    assert cadence.index_of(date(2026, 1, 19)) == 1
    assert cadence.index_of(date(2026, 1, 4)) == -1
    assert cadence.first_index_on_or_after(date(2026, 1, 6)) == 1
    assert cadence.first_index_on_or_after(date(2026, 1, 19)) == 1


def test_monthly_day_31_falls_back_to_the_last_day_and_returns():
    cadence = Cadence("months", 1, date(2026, 1, 31))
    assert [cadence.start_of(i) for i in range(4)] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    assert cadence.index_of(date(2026, 3, 30)) == 1
    assert cadence.index_of(date(2026, 3, 31)) == 2
    assert Cadence("months", 1, date(2027, 12, 31)).start_of(2) == date(2028, 2, 29)


def test_monthly_every_three_months_with_explicit_day():
    cadence = Cadence("months", 3, date(2026, 1, 15), day_of_month=1)
    assert cadence.start_of(0) == date(2026, 1, 1)
    assert cadence.start_of(1) == date(2026, 4, 1)
    assert cadence.start_of(4) == date(2027, 1, 1)
    for day in (date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 1), date(2030, 6, 7)):
        index = cadence.index_of(day)
        assert cadence.start_of(index) <= day < cadence.start_of(index + 1)


def test_handover_is_a_naive_local_datetime():
    cadence = Cadence("weeks", 1, date(2026, 3, 23), time(19, 30), "Europe/London")
    # Across the clocks changing (29 March 2026) the local time stays 19:30.
    assert cadence.starts_at(cadence.start_of(1)) == datetime(2026, 3, 30, 19, 30)
    assert cadence.starts_at(cadence.start_of(1)).tzinfo is None


def test_turn_slots_by_count_and_by_inclusive_until():
    cadence = Cadence("weeks", 1, date(2026, 1, 5))
    assert [s.index for s in turn_slots(cadence, start=date(2026, 1, 6), turns=3)] == [1, 2, 3]
    slots = list(turn_slots(cadence, start=date(2026, 1, 5), until=date(2026, 1, 26)))
    assert [s.start for s in slots][-1] == date(2026, 1, 26)
    assert len(slots) == 4
    # Nothing exists before the anchor.
    assert next(turn_slots(cadence, start=date(2025, 1, 1), turns=1)).index == 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"unit": "weeks", "every": 0},
        {"unit": "weeks", "every": -1},
        {"unit": "weeks", "every": True},
        {"unit": "days", "every": 1},
        {"unit": "weeks", "every": 1, "day_of_month": 3},
        {"unit": "months", "every": 1, "day_of_month": 32},
        {"unit": "months", "every": 1, "day_of_month": 0},
        {"unit": "weeks", "every": 1, "timezone": "Mars/Olympus_Mons"},
        {"unit": "weeks", "every": 1, "anchor": datetime(2026, 1, 5, 18)},
    ],
)
def test_malformed_cadences_raise(kwargs):
    kwargs.setdefault("anchor", date(2026, 1, 5))
    with pytest.raises(RotationRuleError):
        Cadence(**kwargs)


def test_weekly_and_monthly_constructors_find_the_first_handover():
    cadence = Cadence.weekly(every=2, weekday=3, starting=date(2026, 1, 5), timezone="Europe/Oslo")
    assert cadence.anchor == date(2026, 1, 8)
    assert cadence.weekday == 3 and cadence.every == 2
    assert Cadence.weekly(every=1, weekday=0, starting=date(2026, 1, 5)).anchor == date(2026, 1, 5)
    monthly = Cadence.monthly(every=1, day_of_month=31, starting=date(2026, 2, 10))
    assert monthly.anchor == date(2026, 2, 28)
    assert monthly.start_of(1) == date(2026, 3, 31)
    assert Cadence.monthly(every=3, day_of_month=1, starting=date(2026, 2, 1)).anchor == date(
        2026, 2, 1
    )
    with pytest.raises(RotationRuleError):
        Cadence.weekly(every=1, weekday=7, starting=date(2026, 1, 5))
    with pytest.raises(RotationRuleError):
        Cadence.monthly(every=0, day_of_month=1, starting=date(2026, 1, 5))
