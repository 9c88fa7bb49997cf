"""Figures for the skills app (bus factor, coordinators who taught nobody).

``orgkit/health/panel_skills.py`` feeds them the skills app's coverage (its own bus factor) and
teaching tallies.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping


def bus_factor(able: Mapping[int, Collection[int]]) -> dict[int, int]:
    """For each role, how many members could do it tomorrow (its holders and those trained)."""
    return {role: len(set(members)) for role, members in able.items()}


def weakest_roles(able: Mapping[int, Collection[int]], *, at_most: int = 1) -> list[int]:
    """Roles that at most ``at_most`` members could do: one absence away from nobody."""
    return sorted(role for role, n in bus_factor(able).items() if n <= at_most)


def taught_nobody(*, coordinators: Collection[int], teachers: Collection[int]) -> set[int]:
    """Coordinators (in the period) who are not among those who taught anyone."""
    return set(coordinators) - set(teachers)
