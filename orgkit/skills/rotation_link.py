"""What the skills app tells rotations through ``orgkit.rotations.hooks`` (registered in
``SkillsConfig.ready()``): who may hold and who is preferred, and logging shadow turns."""

from __future__ import annotations

from orgkit.rotations.hooks import PlanningAdvice
from orgkit.skills import coverage
from orgkit.skills.models import MemberSkillLevel, RotationSkillRequirement


def planning_advice(rotation, member_ids: list) -> PlanningAdvice | None:
    """Members meeting the rotation's required rules may hold; members meeting all its rules
    go first on ties. ``None`` for a rotation without rules (two queries otherwise one)."""
    rules = list(
        RotationSkillRequirement.objects.filter(rotation_id=rotation.pk).values_list(
            "skill_id", "level", "required"
        )
    )
    if not rules:
        return None
    levels = {
        (m, s): level
        for m, s, level in MemberSkillLevel.objects.filter(
            member_id__in=member_ids, skill_id__in=[r[0] for r in rules]
        ).values_list("member_id", "skill_id", "level")
    }
    required = [coverage.Requirement(s, level) for s, level, hard in rules if hard]
    every = [coverage.Requirement(s, level) for s, level, _hard in rules]
    return PlanningAdvice(
        eligible=frozenset(coverage.able_members(required, member_ids, levels))
        if required
        else None,
        preferred=frozenset(coverage.able_members(every, member_ids, levels)),
    )


def shadow_turn_done(turn) -> None:
    from orgkit.skills.services.rotation_link import shadow_turn_log

    shadow_turn_log(turn)
