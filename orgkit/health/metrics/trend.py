"""Twelve monthly points and the SVG polyline that draws them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta


def month_ends(today: date, *, months: int = 12) -> list[date]:
    """The last day of each of the ``months`` months up to today (today for the current one),
    oldest first."""
    points = [today]
    first = today.replace(day=1)
    for _ in range(months - 1):
        last_of_previous = first - timedelta(days=1)
        points.append(last_of_previous)
        first = last_of_previous.replace(day=1)
    return list(reversed(points))


def polyline(
    values: Sequence[float | None], *, width: int = 120, height: int = 32, pad: int = 3
) -> str:
    """SVG ``points`` for ``values`` spread over ``width`` × ``height``; gaps (None) are
    skipped. The lowest value sits at the bottom, the highest at the top; a flat line sits in
    the middle. Empty when there is nothing to draw."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = high - low
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    points = []
    for i, value in enumerate(values):
        if value is None:
            continue
        x = pad + i * step
        share = 0.5 if span == 0 else (value - low) / span
        y = height - pad - share * (height - 2 * pad)
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)
