"""Figures for the decisions app (minority reports, meetings, appeals, removals, expulsions).

``orgkit/health/panel_decisions.py`` feeds them the decisions app's records (panels b, c, k and
the meetings and appeals parts of d and h).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median


@dataclass(frozen=True)
class Deadline:
    """Something due on ``due`` and done on ``done`` (None: not yet)."""

    due: date
    done: date | None


@dataclass(frozen=True)
class OnTime:
    total: int
    on_time: int
    share_on_time: float | None
    median_delay_days: float | None  # over the late ones (done late, or still not done)


def on_time(items: Iterable[Deadline], *, today: date) -> OnTime:
    """Share done by their due date, and the median delay of the rest (counted to today when
    still not done). Minority reports published on time; appeals heard within deadline."""
    total = done_in_time = 0
    delays: list[int] = []
    for item in items:
        if item.due > today and item.done is None:
            continue  # not due yet: neither on time nor late
        total += 1
        finished = item.done or today
        if item.done is not None and item.done <= item.due:
            done_in_time += 1
        else:
            delays.append((finished - item.due).days)
    return OnTime(
        total=total,
        on_time=done_in_time,
        share_on_time=done_in_time / total if total else None,
        median_delay_days=float(median(delays)) if delays else None,
    )


@dataclass(frozen=True)
class MeetingFact:
    first_date: date  # when it was first called for
    held_on: date
    notice_days: int  # days between calling it (or the last change) and holding it
    minimum_notice_days: int


def meetings_moved_earlier(meetings: Iterable[MeetingFact]) -> tuple[int, int]:
    """(moved earlier than first called, held at no more than the minimum notice)."""
    moved = minimum = 0
    for m in meetings:
        moved += m.held_on < m.first_date
        minimum += m.notice_days <= m.minimum_notice_days
    return moved, minimum


def share_with_decision(removals: Iterable[bool]) -> float | None:
    """The share of removals (of elected holders, or expulsions) that had a recorded decision."""
    flags = list(removals)
    return sum(flags) / len(flags) if flags else None
