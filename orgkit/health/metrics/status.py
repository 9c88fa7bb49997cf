"""Statuses and the grading of a figure against two thresholds."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    OK = "ok"
    WATCH = "watch"
    ALERT = "alert"
    #: The data does not exist (yet): never shown as a green light.
    NO_DATA = "no-data"


SEVERITY = {Status.NO_DATA: -1, Status.OK: 0, Status.WATCH: 1, Status.ALERT: 2}


def grade(value: float, *, watch: float, alert: float, higher_is_worse: bool = True) -> Status:
    """OK below ``watch``, WATCH from ``watch``, ALERT from ``alert`` (or the mirror image when
    a higher value is better: OK above ``watch``, ALERT at or below ``alert``)."""
    if higher_is_worse:
        if value >= alert:
            return Status.ALERT
        return Status.WATCH if value >= watch else Status.OK
    if value <= alert:
        return Status.ALERT
    return Status.WATCH if value <= watch else Status.OK


def worst(*statuses: Status) -> Status:
    """The most severe of ``statuses`` that has data; NO_DATA only if none has."""
    known = [s for s in statuses if s is not Status.NO_DATA]
    if not known:
        return Status.NO_DATA
    return max(known, key=SEVERITY.__getitem__)
