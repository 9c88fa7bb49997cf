"""Coverage of a role by its pool, and its bus factor.

A role needs **all** its required skills, each at its level, held by **one** person (the one who
holds the role). So the members able to hold it are the pool members who meet every
requirement, and the bus factor — the smallest number of members whose absence leaves nobody
able to hold the role — is exactly the number of able members: every able member must be gone
(any one left could hold it), and removing all of them is enough.

That figure is at most the smallest number of holders of any one required skill (the
"weakest skill"). That smaller-looking figure, :func:`team_bus_factor`, answers a different
question — how many absences stop the pool covering the role *as a team*, sharing its skills —
and is shown beside it, because it says which skill to teach first.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TypeAlias

MemberId: TypeAlias = Hashable
SkillId: TypeAlias = Hashable
#: A member's level per skill: ``{(member, skill): level}``; a missing pair means no level.
LevelMap: TypeAlias = Mapping[tuple[MemberId, SkillId], int]


class Level(IntEnum):
    """A member's level in a skill, in order. ``NONE`` is never stored: it is the absence."""

    NONE = 0
    LEARNING = 1
    WITH_SUPPORT = 2
    CAN_DO = 3
    CAN_TEACH = 4


@dataclass(frozen=True, slots=True)
class Requirement:
    """A role needs ``skill`` at ``level`` or above."""

    skill: SkillId
    level: int = Level.CAN_DO

    def __post_init__(self) -> None:
        if isinstance(self.level, bool) or not Level.LEARNING <= int(self.level) <= Level.CAN_TEACH:
            raise ValueError(f"a required level lies between 1 and 4, not {self.level!r}")


@dataclass(frozen=True, slots=True)
class RoleCoverage:
    """What :func:`role_coverage` finds for one role.

    * ``able``: pool members meeting every requirement (pool order).
    * ``holders``: per requirement, the pool members meeting it (requirement order).
    * ``bus_factor``: absences that leave nobody able to hold the role (= ``len(able)``).
    * ``team_bus_factor``: absences that leave some required skill with no holder at all.
    * ``weakest``: the requirements with the fewest holders (what to teach first).
    """

    able: tuple[MemberId, ...]
    holders: tuple[tuple[Requirement, tuple[MemberId, ...]], ...]
    bus_factor: int
    team_bus_factor: int
    weakest: tuple[Requirement, ...]


def _unique(pool: Iterable[MemberId]) -> tuple[MemberId, ...]:
    return tuple(dict.fromkeys(pool))


def meets(member: MemberId, requirement: Requirement, levels: LevelMap) -> bool:
    """Whether ``member`` holds the requirement's skill at its level or above."""
    return levels.get((member, requirement.skill), 0) >= requirement.level


def skill_holders(
    requirement: Requirement, pool: Iterable[MemberId], levels: LevelMap
) -> tuple[MemberId, ...]:
    """Pool members who meet one requirement, in pool order."""
    return tuple(m for m in _unique(pool) if meets(m, requirement, levels))


def able_members(
    requirements: Sequence[Requirement], pool: Iterable[MemberId], levels: LevelMap
) -> tuple[MemberId, ...]:
    """Pool members who meet every requirement (a role with none: the whole pool)."""
    return tuple(m for m in _unique(pool) if all(meets(m, r, levels) for r in requirements))


def bus_factor(
    requirements: Sequence[Requirement], pool: Iterable[MemberId], levels: LevelMap
) -> int:
    """The smallest number of absences that leave nobody able to hold the role (0: nobody
    can now). Exact: it is the number of able members (see the module's docstring)."""
    return len(able_members(requirements, pool, levels))


def team_bus_factor(
    requirements: Sequence[Requirement], pool: Iterable[MemberId], levels: LevelMap
) -> int:
    """The smallest number of absences after which the pool, pooling its skills, no longer
    covers every requirement: the fewest holders of any one requirement (a role with no
    requirements: the pool's size, as every member covers it)."""
    members = _unique(pool)
    if not requirements:
        return len(members)
    return min(len(skill_holders(r, members, levels)) for r in requirements)


def role_coverage(
    requirements: Sequence[Requirement], pool: Iterable[MemberId], levels: LevelMap
) -> RoleCoverage:
    """Everything the role page shows about who can hold a role."""
    members = _unique(pool)
    requirements = tuple(dict.fromkeys(requirements))
    holders = tuple((r, skill_holders(r, members, levels)) for r in requirements)
    able = able_members(requirements, members, levels)
    fewest = min((len(h) for _, h in holders), default=len(members))
    weakest = tuple(r for r, h in holders if len(h) == fewest) if holders else ()
    return RoleCoverage(
        able=able,
        holders=holders,
        bus_factor=len(able),
        team_bus_factor=fewest,
        weakest=weakest,
    )
