"""The decision rules as plain functions: notice, the minority-report window, who is the
minority, and a motion's outcome. Pure: no Django, no database, no clock (callers pass times).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

#: The most days the minority may add to its window, in all, so that a record still publishes.
MAX_EXTENSION_DAYS = 30


def earliest_start(*, now: datetime, notice_days: int) -> datetime:
    """The earliest a meeting may start when it is called at ``now``."""
    return now + timedelta(days=notice_days)


def within_notice(*, now: datetime, starts_at: datetime, notice_days: int) -> bool:
    """Whether a meeting at ``starts_at`` would give members less notice than the body's."""
    return starts_at < earliest_start(now=now, notice_days=notice_days)


def is_move_earlier(*, current: datetime, proposed: datetime) -> bool:
    return proposed < current


@dataclass(frozen=True)
class Tally:
    votes_for: int
    votes_against: int
    abstentions: int

    @property
    def carried(self) -> bool:
        """A simple majority of the votes cast for or against (abstentions do not count)."""
        return self.votes_for > self.votes_against

    @property
    def has_dissent(self) -> bool:
        return self.votes_against > 0


def tally(choices: Iterable[str]) -> Tally:
    """Count ``"for"``/``"against"``/``"abstain"`` votes."""
    counts = {"for": 0, "against": 0, "abstain": 0}
    for choice in choices:
        counts[choice] += 1
    return Tally(counts["for"], counts["against"], counts["abstain"])


def minority_choice(carried: bool) -> str:
    """The side whose members are the minority: those against a motion that carried, those for
    a motion that was lost."""
    return "against" if carried else "for"


def window_closes(*, decided_at: datetime, window_days: int, extension_days: int = 0) -> datetime:
    """When the minority-report window ends: the body's window after the decision, plus what
    the minority added."""
    return decided_at + timedelta(days=window_days + extension_days)


def extension_allowed(*, already: int, more: int) -> bool:
    """Whether the minority may add ``more`` days when it has added ``already``."""
    return more >= 1 and already + more <= MAX_EXTENSION_DAYS


def is_due(*, window_closes_at: datetime | None, now: datetime) -> bool:
    """Whether a decided record must be published now (its window has ended)."""
    return window_closes_at is None or window_closes_at <= now
