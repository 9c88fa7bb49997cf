"""The rotation link: a rotation's skill rule (kept here, keyed to the rotation), replanning
when levels change, and shadow turns logged as teaching sessions."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.organizations.models import Member
from orgkit.rotations.planning import rotation_replan
from orgkit.rotations.selectors import rotations_active
from orgkit.skills.events import SkillEvent
from orgkit.skills.models import RotationSkillRequirement, Skill
from orgkit.skills.services._common import (
    audit_actor,
    check_level,
    check_skill,
    require_organizer,
)
from orgkit.skills.services.sessions import shadow_session_log

#: A shadow turn is logged as one hour of teaching: the turn itself may last weeks, and the
#: log counts sessions, not hours on duty.
SHADOW_MINUTES = 60


def rotation_requirement_set(
    *, actor: Member | None, rotation, skill: Skill, level: int, required: bool = True
) -> RotationSkillRequirement:
    """A rotation asks for ``skill`` at ``level`` (organizers): ``required`` keeps members
    below it from holding turns, otherwise they are only passed over on ties. Replans it."""
    organization = rotation.organization
    require_organizer(actor, organization)
    check_skill(skill, organization)
    level = check_level(level)
    if not rotation.is_active:
        raise ServiceError(_("This rotation has ended."), field="rotation")
    with transaction.atomic():
        rule, _created = RotationSkillRequirement.objects.update_or_create(
            rotation=rotation,
            skill=skill,
            defaults={"organization": organization, "level": level, "required": bool(required)},
        )
        audit_record(
            organization=organization,
            actor=audit_actor(actor),
            verb=SkillEvent.ROTATION_REQUIREMENT_SET,
            target=rotation,
            data={"skill": skill.name, "level": level, "required": rule.required},
        )
        rotation_replan(rotation=rotation)
    return rule


def rotation_requirement_remove(*, actor: Member | None, rule: RotationSkillRequirement) -> None:
    """Drop a rotation's skill rule (organizers) and replan it."""
    organization = rule.organization
    require_organizer(actor, organization)
    rotation = rule.rotation
    with transaction.atomic():
        audit_record(
            organization=organization,
            actor=audit_actor(actor),
            verb=SkillEvent.ROTATION_REQUIREMENT_REMOVED,
            target=rotation,
            data={"skill": rule.skill.name},
        )
        rule.delete()
        if rotation.is_active:
            rotation_replan(rotation=rotation)


def replan_rotations_needing(*, organization_id: int, skill_id: int) -> int:
    """Replan the organization's active rotations whose rule names the skill (after a level
    changed); return how many."""
    rules = RotationSkillRequirement.objects.filter(
        organization_id=organization_id, skill_id=skill_id
    ).values_list("rotation_id", flat=True)
    count = 0
    for rotation in rotations_active(organization=organization_id).filter(pk__in=list(rules)):
        rotation_replan(rotation=rotation)
        count += 1
    return count


def shadow_turn_log(turn) -> int:
    """A turn with a shadow is over: log it as a session of each skill its rotation asks
    for, the holder teaching the shadow (once per turn and skill); return how many."""
    if turn.holder_id is None or turn.shadow_id is None or turn.holder_id == turn.shadow_id:
        return 0
    rules = RotationSkillRequirement.objects.filter(rotation_id=turn.rotation_id).select_related(
        "skill__organization"
    )
    logged = 0
    for rule in rules:
        if rule.skill.retired_at is not None:
            continue
        session = shadow_session_log(
            turn_id=turn.pk,
            skill=rule.skill,
            holder=turn.holder,
            shadow=turn.shadow,
            held_on=turn.start,
            minutes=SHADOW_MINUTES,
        )
        logged += session is not None
    return logged
