"""The skills app's pure core: coverage, bus factor, teaching tallies, succession alerts.

Plain Python with frozen dataclasses: no Django, no database, no clock (today is an argument).
The Django side (``orgkit/skills/selectors.py``) fetches levels, requirements, pools, sessions
and terms, calls these functions, and shows or stores what they return. See docs/skills.md.
"""

from .alerts import AlertKind, SuccessionAlert, TermFact, succession_alerts
from .matrix import (
    Level,
    LevelMap,
    Requirement,
    RoleCoverage,
    able_members,
    bus_factor,
    role_coverage,
    skill_holders,
    team_bus_factor,
)
from .tallies import SessionFact, TeachingTally, teaching_tallies

__all__ = [
    "AlertKind",
    "Level",
    "LevelMap",
    "Requirement",
    "RoleCoverage",
    "SessionFact",
    "SuccessionAlert",
    "TeachingTally",
    "TermFact",
    "able_members",
    "bus_factor",
    "role_coverage",
    "skill_holders",
    "succession_alerts",
    "team_bus_factor",
    "teaching_tallies",
]
