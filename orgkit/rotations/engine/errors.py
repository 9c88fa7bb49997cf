"""Named errors of the rotation engine.

Malformed rules (a cadence of zero weeks, a term of no turns) raise. Rules that merely cannot be
met by the pool at hand (a cool-down longer than the pool, everyone on leave) do *not* raise:
the planner leaves those turns open and says why, because that is something an organizer needs
to see on the calendar, not a crash.
"""

from __future__ import annotations


class RotationError(ValueError):
    """Base class of every error the rotation engine raises."""


class RotationRuleError(RotationError):
    """The rules themselves are malformed (negative cadence, zero term length, unknown zone…)."""


class RotationInputError(RotationError):
    """The facts handed to the planner contradict each other (duplicate pool member, leave that
    ends before it starts, history dated inside the planning window, two turns in one slot…)."""
