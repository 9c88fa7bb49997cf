"""Reads for skills; each takes ``organization=`` and loads what its page shows.

The coverage figures come from the pure core (``orgkit.skills.coverage``): these functions
fetch levels, requirements, pools and sessions in a fixed number of queries, then call it.
Rotations are read only through ``orgkit.rotations.selectors``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet

from orgkit.organizations.models import Member, Organization, Role
from orgkit.rotations import selectors as rotation_selectors
from orgkit.skills import coverage
from orgkit.skills.models import (
    LevelChange,
    MemberSkillLevel,
    RoleSkillRequirement,
    RotationSkillRequirement,
    SessionTeacher,
    SignOff,
    Skill,
    SuccessionAlert,
    TeachingSession,
)


def skill_list(*, organization: Organization, retired: bool = False) -> QuerySet[Skill]:
    """The catalogue (or its retired skills), with how many members hold each at can-do+."""
    return Skill.objects.filter(organization=organization, retired_at__isnull=not retired).annotate(
        able=Count(
            "member_levels",
            filter=Q(
                member_levels__level__gte=coverage.Level.CAN_DO,
                member_levels__member__status=Member.Status.ACTIVE,
            ),
        ),
        sessions_count=Count("sessions", distinct=True),
    )


def skill_get(*, organization: Organization, skill_id: int) -> Skill | None:
    return Skill.objects.filter(organization=organization, pk=skill_id).first()


def skill_choices(*, organization: Organization) -> QuerySet[Skill]:
    """Skills a form may offer: those in the catalogue."""
    return Skill.objects.filter(organization=organization, retired_at__isnull=True)


def requirement_get(*, organization: Organization, requirement_id: int):
    return (
        RoleSkillRequirement.objects.filter(organization=organization, pk=requirement_id)
        .select_related("role", "skill", "organization")
        .first()
    )


def active_members(*, organization: Organization) -> QuerySet[Member]:
    return Member.objects.active().filter(organization=organization).select_related("user")


def level_map(*, organization: Organization) -> dict[tuple[int, int], int]:
    """``{(member id, skill id): level}`` for active members (one query)."""
    rows = MemberSkillLevel.objects.filter(
        organization=organization, member__status=Member.Status.ACTIVE
    ).values_list("member_id", "skill_id", "level")
    return {(m, s): level for m, s, level in rows}


def member_levels(*, organization: Organization, member: Member) -> QuerySet[MemberSkillLevel]:
    return MemberSkillLevel.objects.filter(organization=organization, member=member).select_related(
        "skill"
    )


@dataclass(frozen=True)
class Matrix:
    """Members × skills: ``rows`` is ``[(member, [level or 0 per skill])]``."""

    skills: list[Skill]
    rows: list[tuple[Member, list[int]]]


def coverage_matrix(*, organization: Organization) -> Matrix:
    """The matrix page: active members × catalogue skills (three queries, whatever the size)."""
    skills = list(skill_choices(organization=organization))
    members = list(active_members(organization=organization))
    levels = level_map(organization=organization)
    rows = [(m, [levels.get((m.pk, s.pk), 0) for s in skills]) for m in members]
    return Matrix(skills=skills, rows=rows)


@dataclass(frozen=True)
class RoleCoverageRow:
    role: Role
    requirements: list[RoleSkillRequirement]
    pool: list[Member]
    pool_is_rotation: bool
    able: list[Member]
    bus_factor: int
    team_bus_factor: int
    weakest: list[Skill]


def rotation_pools(*, organization: Organization) -> dict[int, list[int]]:
    """``{role id: [member ids in its active rotation's pool]}`` (one query)."""
    rotations = rotation_selectors.rotations_active(organization=organization).prefetch_related(
        "pool_entries"
    )
    return {
        r.role_id: [
            e.member_id
            for e in sorted(r.pool_entries.all(), key=lambda e: (e.joined_at, e.pk))
            if e.left_at is None
        ]
        for r in rotations
    }


def role_coverage_list(
    *, organization: Organization, role_id: int | None = None
) -> list[RoleCoverageRow]:
    """Per role (of the organization, or just ``role_id``): its needs, who in its pool can
    hold it, and its bus factor. The pool is the role's rotation pool when it rotates, else
    every active member. A fixed number of queries."""
    roles = Role.objects.filter(organization=organization).select_related("body")
    if role_id is not None:
        roles = roles.filter(pk=role_id)
    roles = list(
        roles.prefetch_related(
            Prefetch(
                "skill_requirements",
                queryset=RoleSkillRequirement.objects.select_related("skill"),
            )
        )
    )
    members = {m.pk: m for m in active_members(organization=organization)}
    levels = level_map(organization=organization)
    pools = rotation_pools(organization=organization)
    result = []
    for role in roles:
        needs = list(role.skill_requirements.all())
        rotates = role.pk in pools
        pool_ids = [m for m in pools[role.pk] if m in members] if rotates else list(members)
        core = coverage.role_coverage(
            [coverage.Requirement(r.skill_id, r.level) for r in needs], pool_ids, levels
        )
        skills = {r.skill_id: r.skill for r in needs}
        result.append(
            RoleCoverageRow(
                role=role,
                requirements=needs,
                pool=[members[m] for m in pool_ids],
                pool_is_rotation=rotates,
                able=[members[m] for m in core.able],
                bus_factor=core.bus_factor,
                team_bus_factor=core.team_bus_factor,
                weakest=[skills[r.skill] for r in core.weakest],
            )
        )
    return result


def session_list(*, organization: Organization, member: Member | None = None):
    """The teaching log, newest first, with teachers, learners and answers loaded."""
    sessions = TeachingSession.objects.filter(organization=organization)
    if member is not None:
        sessions = sessions.filter(Q(teachers=member) | Q(signoffs__learner=member)).distinct()
    return sessions.select_related("skill", "logged_by__user").prefetch_related(
        Prefetch(
            "teachers",
            queryset=Member.objects.select_related("user").order_by("user__full_name", "id"),
        ),
        Prefetch("signoffs", queryset=SignOff.objects.select_related("learner__user")),
    )


def session_get(*, organization: Organization, session_id: int) -> TeachingSession | None:
    return session_list(organization=organization).filter(pk=session_id).first()


def signoff_get(*, organization: Organization, signoff_id: int) -> SignOff | None:
    return (
        SignOff.objects.filter(organization=organization, pk=signoff_id)
        .select_related("session__skill", "organization", "learner__user")
        .first()
    )


def signoffs_waiting(*, organization: Organization, member: Member) -> QuerySet[SignOff]:
    """Sessions waiting for ``member`` to sign off or dispute."""
    return (
        SignOff.objects.filter(
            organization=organization, learner=member, status=SignOff.Status.PENDING
        )
        .select_related("session__skill")
        .prefetch_related(
            Prefetch("session__teachers", queryset=Member.objects.select_related("user"))
        )
        .order_by("-session__held_on", "-id")
    )


def session_facts(
    *, organization: Organization, since: date | None = None
) -> list[coverage.SessionFact]:
    """Every session as the core's facts (two queries)."""
    sessions = TeachingSession.objects.filter(organization=organization)
    if since is not None:
        sessions = sessions.filter(held_on__gte=since)
    teachers: dict[int, list[int]] = defaultdict(list)
    for session_id, teacher_id in SessionTeacher.objects.filter(session__in=sessions).values_list(
        "session_id", "teacher_id"
    ):
        teachers[session_id].append(teacher_id)
    confirmed: dict[int, list[int]] = defaultdict(list)
    rows = sessions.values_list("pk", "held_on", "skill_id")
    for session_id, learner_id in SignOff.objects.filter(
        session__in=sessions, status=SignOff.Status.CONFIRMED
    ).values_list("session_id", "learner_id"):
        confirmed[session_id].append(learner_id)
    return [
        coverage.SessionFact(on, skill, tuple(teachers[pk]), tuple(confirmed[pk]))
        for pk, on, skill in rows
    ]


@dataclass(frozen=True)
class Tally:
    ranking: list[tuple[Member, int, int]]  # member, learners taught, sessions taught
    never_taught: list[Member]
    never_taught_by_anyone: list[Member]


def teaching_tally(*, organization: Organization, since: date | None = None) -> Tally:
    """Who taught the most, who never taught, who was never taught (four queries)."""
    members = {m.pk: m for m in active_members(organization=organization)}
    tally = coverage.teaching_tallies(
        list(members), session_facts(organization=organization, since=since)
    )
    return Tally(
        ranking=[
            (members[m], tally.learners_taught[m], tally.taught_sessions[m]) for m in tally.ranking
        ],
        never_taught=[members[m] for m in tally.never_taught],
        never_taught_by_anyone=[members[m] for m in tally.never_taught_by_anyone],
    )


def rotation_requirements(*, organization: Organization, rotation_id: int | None = None):
    """Skill rules on the organization's rotations (or one rotation's)."""
    rules = RotationSkillRequirement.objects.filter(organization=organization).select_related(
        "skill", "rotation__role__body"
    )
    if rotation_id is not None:
        rules = rules.filter(rotation_id=rotation_id)
    return rules


def rotation_requirement_get(*, organization: Organization, requirement_id: int):
    return (
        RotationSkillRequirement.objects.filter(organization=organization, pk=requirement_id)
        .select_related("skill", "rotation__role", "organization")
        .first()
    )


def alerts_open(*, organization: Organization) -> QuerySet[SuccessionAlert]:
    return SuccessionAlert.objects.filter(
        organization=organization, resolved_at__isnull=True
    ).select_related("role__body", "skill", "member__user")


def current_terms(*, organization: Organization, today: date, horizon_days: int = 42):
    """Each rotating role's current term: ``[(rotation, holder id, first day, last day)]``.

    A term is the run of consecutive turns one member holds around ``today`` (two queries).
    """
    rotations = list(rotation_selectors.rotations_active(organization=organization))
    turns = rotation_selectors.turns_overlapping(
        organization=organization,
        rotations=rotations,
        start=today - timedelta(days=400),
        end=today + timedelta(days=400),
    )
    by_rotation: dict[int, list] = defaultdict(list)
    for turn in turns:
        by_rotation[turn.rotation_id].append(turn)
    terms = []
    for rotation in rotations:
        runs = sorted(by_rotation.get(rotation.pk, []), key=lambda t: t.start)
        at = next((i for i, t in enumerate(runs) if t.start <= today < t.end), None)
        if at is None or runs[at].holder_id is None:
            continue
        holder = runs[at].holder_id
        first = last = at
        while first > 0 and runs[first - 1].holder_id == holder:
            first -= 1
        while last + 1 < len(runs) and runs[last + 1].holder_id == holder:
            last += 1
        terms.append((rotation, holder, runs[first].start, runs[last].end - timedelta(days=1)))
    return terms


def skill_holders(*, organization: Organization, skill: Skill) -> QuerySet[MemberSkillLevel]:
    """Active members with a level in ``skill``, highest first."""
    return (
        MemberSkillLevel.objects.filter(
            organization=organization, skill=skill, member__status=Member.Status.ACTIVE
        )
        .select_related("member__user")
        .order_by("-level", "member__user__full_name", "id")
    )


def role_rotation(*, organization: Organization, role: Role):
    """The role's active rotation, if it rotates."""
    return rotation_selectors.rotations_active(organization=organization).filter(role=role).first()


def requirement_list(*, organization: Organization) -> QuerySet[RoleSkillRequirement]:
    """What every role needs (one query)."""
    return RoleSkillRequirement.objects.filter(organization=organization).select_related(
        "role", "skill"
    )


def level_history(*, organization: Organization, member: Member, limit: int = 20):
    """A member's latest level changes, newest first, with skill and session."""
    return (
        LevelChange.objects.filter(organization=organization, member=member)
        .select_related("skill", "session")
        .order_by("-changed_at", "-id")[:limit]
    )
