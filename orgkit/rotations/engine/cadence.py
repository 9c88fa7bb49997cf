"""Turn dates: when each turn of a rotation starts and ends.

Every date here is a *naive local date* in the organization's timezone. The handover time and
the zone name travel with the cadence so that the Django side can localise
(``datetime.combine(slot.start, cadence.handover_time, tzinfo=ZoneInfo(cadence.timezone))``);
the engine itself never needs an aware datetime, and doing the arithmetic on plain dates keeps
"every 2 weeks on Monday at 18:00" on Monday at 18:00 across daylight-saving changes.

Slots are numbered from the cadence's ``anchor`` (slot 0 starts on the anchor date). The index is
absolute, so turn 17 is turn 17 whatever window is being planned; that is what makes cool-downs
("3 turns before serving again") and replanning line up between runs.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import RotationRuleError


class CadenceUnit(StrEnum):
    WEEKS = "weeks"
    MONTHS = "months"


@lru_cache(maxsize=64)
def _zone_exists(name: str) -> bool:
    # Only the *name* is checked; no clock is read and nothing is localised here.
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@dataclass(frozen=True, slots=True)
class TurnSlot:
    """One slot of the rotation: ``start`` is the handover date, ``end`` the next handover date
    (exclusive as a day range: the turn covers ``start`` … ``end - 1 day``, and hands over on
    ``end`` at the handover time)."""

    index: int
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often the role changes hands.

    * ``unit``/``every``: every N weeks or every N months.
    * ``anchor``: the start date of slot 0, the rotation's first handover. For weekly cadences
      its weekday *is* the handover weekday.
    * ``day_of_month`` (monthly only): the handover day; defaults to the anchor's day. A day that
      a month lacks (31 in April, 29–31 in February) falls back to that month's last day.
    * ``handover_time`` and ``timezone``: naive local time and an IANA zone name, carried for the
      Django side; the engine works in dates.
    """

    unit: CadenceUnit
    every: int
    anchor: date
    handover_time: time = time(18, 0)
    timezone: str = "UTC"
    day_of_month: int | None = None

    def __post_init__(self) -> None:
        try:
            unit = CadenceUnit(self.unit)
        except ValueError:
            raise RotationRuleError(
                f"cadence unit must be 'weeks' or 'months', not {self.unit!r}"
            ) from None
        object.__setattr__(self, "unit", unit)
        if isinstance(self.every, bool) or not isinstance(self.every, int) or self.every < 1:
            raise RotationRuleError(f"cadence must be every 1 or more {unit}, not {self.every!r}")
        if not isinstance(self.anchor, date) or isinstance(self.anchor, datetime):
            raise RotationRuleError("cadence anchor must be a date (naive local), not a datetime")
        if not isinstance(self.handover_time, time) or self.handover_time.tzinfo is not None:
            raise RotationRuleError("handover time must be a naive local time")
        if not isinstance(self.timezone, str) or not _zone_exists(self.timezone):
            raise RotationRuleError(f"unknown timezone {self.timezone!r}")
        if self.day_of_month is not None:
            if unit is not CadenceUnit.MONTHS:
                raise RotationRuleError("day_of_month only applies to monthly cadences")
            if not 1 <= self.day_of_month <= 31:
                raise RotationRuleError(f"day_of_month must be 1–31, not {self.day_of_month}")

    # -- constructors from what an organizer types -----------------------------------------

    @classmethod
    def weekly(
        cls,
        *,
        every: int,
        weekday: int,
        starting: date,
        handover_time: time = time(18, 0),
        timezone: str = "UTC",
    ) -> Cadence:
        """Every ``every`` weeks on ``weekday`` (Monday = 0), the first handover being the first
        such weekday on or after ``starting``."""
        if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
            raise RotationRuleError(f"weekday must be 0 (Monday) to 6 (Sunday), not {weekday!r}")
        anchor = starting + timedelta(days=(weekday - starting.weekday()) % 7)
        return cls(CadenceUnit.WEEKS, every, anchor, handover_time, timezone)

    @classmethod
    def monthly(
        cls,
        *,
        every: int,
        day_of_month: int,
        starting: date,
        handover_time: time = time(18, 0),
        timezone: str = "UTC",
    ) -> Cadence:
        """Every ``every`` months on ``day_of_month`` (a short month's last day when it lacks
        that day), the first handover being the first such day on or after ``starting``."""
        if isinstance(day_of_month, bool) or not isinstance(day_of_month, int):
            raise RotationRuleError(f"day_of_month must be 1–31, not {day_of_month!r}")
        probe = cls(
            CadenceUnit.MONTHS,
            1,
            starting.replace(day=1),
            handover_time,
            timezone,
            day_of_month=day_of_month,
        )
        anchor = probe.start_of(probe.first_index_on_or_after(starting))
        return cls(CadenceUnit.MONTHS, every, anchor, handover_time, timezone, day_of_month)

    # -- derived facts -------------------------------------------------------------------------

    @property
    def weekday(self) -> int | None:
        """Handover weekday (Monday = 0) for weekly cadences, else ``None``."""
        return self.anchor.weekday() if self.unit is CadenceUnit.WEEKS else None

    @property
    def handover_day(self) -> int:
        """Handover day of the month for monthly cadences."""
        return self.day_of_month if self.day_of_month is not None else self.anchor.day

    def start_of(self, index: int) -> date:
        """Start date of slot ``index`` (negative indices lie before the anchor)."""
        if self.unit is CadenceUnit.WEEKS:
            return self.anchor + timedelta(weeks=index * self.every)
        months = self.anchor.year * 12 + (self.anchor.month - 1) + index * self.every
        year, month0 = divmod(months, 12)
        last = calendar.monthrange(year, month0 + 1)[1]
        return date(year, month0 + 1, min(self.handover_day, last))

    def slot(self, index: int) -> TurnSlot:
        """The slot ``index`` with its start and (exclusive) end dates."""
        return TurnSlot(index, self.start_of(index), self.start_of(index + 1))

    def index_of(self, day: date) -> int:
        """Index of the slot that contains ``day`` (the last slot starting on or before it)."""
        if self.unit is CadenceUnit.WEEKS:
            return (day - self.anchor).days // (7 * self.every)
        months = (day.year - self.anchor.year) * 12 + (day.month - self.anchor.month)
        index = months // self.every
        # Same month as the slot but before its handover day: still the previous slot.
        while self.start_of(index) > day:
            index -= 1
        while self.start_of(index + 1) <= day:
            index += 1
        return index

    def first_index_on_or_after(self, day: date) -> int:
        """Index of the first slot that starts on or after ``day``."""
        index = self.index_of(day)
        return index if self.start_of(index) == day else index + 1

    def starts_at(self, day: date) -> datetime:
        """Naive local handover datetime on ``day`` (localise with :attr:`timezone`)."""
        return datetime.combine(day, self.handover_time)


def turn_slots(
    cadence: Cadence, *, start: date, turns: int | None = None, until: date | None = None
) -> Iterator[TurnSlot]:
    """Yield the slots starting on or after ``start``: ``turns`` of them, or those starting on or
    before ``until`` (whichever ends first). Slots before the anchor do not exist."""
    if turns is None and until is None:
        raise RotationRuleError("a planning window needs a number of turns or an until date")
    index = max(0, cadence.first_index_on_or_after(start))
    produced = 0
    while turns is None or produced < turns:
        slot = cadence.slot(index)
        if until is not None and slot.start > until:
            return
        yield slot
        produced += 1
        index += 1


def year_before(day: date) -> date:
    """The same day a year earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def year_after(day: date) -> date:
    """The same day a year later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)
