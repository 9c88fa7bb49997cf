"""Succession alerts: the weekly job's rules, as a pure function of the facts.

Three rules (docs/skills.md "Succession alerts"):

* ``no_successor`` — a term ends within ``horizon_days`` and nobody in the role's pool other
  than the holder is able to hold it (every requirement at its level);
* ``single_holder`` — a skill is held at "can do" or above by exactly one active member;
* ``taught_nobody`` — a coordinator has held the role for at least ``grace_days`` of a term and
  has taught nobody (no learner signed off) since the term began.

Each alert has a ``key`` that stays the same while the situation lasts, so the Django side can
store an alert once, keep it open while it is found each week, and close it when it is gone.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .matrix import Level, LevelMap, MemberId, Requirement, SkillId, able_members
from .tallies import SessionFact, teaching_tallies


class AlertKind(StrEnum):
    NO_SUCCESSOR = "no_successor"
    SINGLE_HOLDER = "single_holder"
    TAUGHT_NOBODY = "taught_nobody"


@dataclass(frozen=True, slots=True)
class TermFact:
    """A holder's current (or next) term of a role: ``start``…``end`` (both included), the
    role's requirements and its pool (the members who take turns)."""

    role: Hashable
    holder: MemberId
    start: date
    end: date
    requirements: tuple[Requirement, ...]
    pool: tuple[MemberId, ...]


@dataclass(frozen=True, slots=True)
class SuccessionAlert:
    kind: AlertKind
    key: str
    role: Hashable | None = None
    skill: SkillId | None = None
    member: MemberId | None = None
    on: date | None = None


def succession_alerts(
    *,
    today: date,
    terms: Iterable[TermFact],
    skills: Sequence[SkillId],
    members: Sequence[MemberId],
    levels: LevelMap,
    sessions: Sequence[SessionFact],
    horizon_days: int = 42,
    grace_days: int = 28,
) -> tuple[SuccessionAlert, ...]:
    """Every alert the rules find today, in a stable order (by rule, then input order)."""
    terms = tuple(terms)
    found: list[SuccessionAlert] = []
    for term in terms:
        if today <= term.end <= today + timedelta(days=horizon_days):
            others = [m for m in term.pool if m != term.holder]
            if not able_members(term.requirements, others, levels):
                found.append(
                    SuccessionAlert(
                        AlertKind.NO_SUCCESSOR,
                        key=f"no_successor:{term.role}:{term.end.isoformat()}",
                        role=term.role,
                        member=term.holder,
                        on=term.end,
                    )
                )
    active = tuple(dict.fromkeys(members))
    for skill in dict.fromkeys(skills):
        holders = [m for m in active if levels.get((m, skill), 0) >= Level.CAN_DO]
        if len(holders) == 1:
            found.append(
                SuccessionAlert(
                    AlertKind.SINGLE_HOLDER,
                    key=f"single_holder:{skill}:{holders[0]}",
                    skill=skill,
                    member=holders[0],
                )
            )
    for term in terms:
        if term.start > today - timedelta(days=grace_days):
            continue
        tally = teaching_tallies([term.holder], sessions, since=term.start, until=today)
        if not tally.learners_taught[term.holder]:
            found.append(
                SuccessionAlert(
                    AlertKind.TAUGHT_NOBODY,
                    key=f"taught_nobody:{term.role}:{term.holder}:{term.start.isoformat()}",
                    role=term.role,
                    member=term.holder,
                    on=term.start,
                )
            )
    return tuple(found)
