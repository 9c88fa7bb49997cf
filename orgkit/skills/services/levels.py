"""Members' levels: self-assessed, raised by signed-off sessions, every change kept."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.organizations.models import Member
from orgkit.skills.events import SkillEvent
from orgkit.skills.models import Level, LevelChange, MemberSkillLevel, Skill, TeachingSession
from orgkit.skills.services._common import check_level, check_skill, require_member
from orgkit.skills.services.catalogue import skill_settings


def _record(
    *,
    member: Member,
    skill: Skill,
    row: MemberSkillLevel | None,
    level: int,
    confirmed: int,
    source: str,
    session: TeachingSession | None,
    at: datetime,
) -> MemberSkillLevel:
    """Write the member's level and append the change to its history (caller's transaction)."""
    old = row.level if row else 0
    if row is None:
        row = MemberSkillLevel(organization_id=member.organization_id, member=member, skill=skill)
    row.level, row.confirmed_level, row.updated_at = level, confirmed, at
    row.save()
    if old != level:
        LevelChange.objects.create(
            organization_id=member.organization_id,
            member=member,
            skill=skill,
            old_level=old,
            new_level=level,
            source=source,
            session=session,
            changed_at=at,
        )
    return row


def level_set(
    *, actor: Member, skill: Skill, level: int, at: datetime | None = None
) -> MemberSkillLevel:
    """A member assesses their own level in a skill (nobody sets another's).

    Where the organization asks for sessions, a member may claim at most one level above
    what a signed-off session confirmed; lowering is always allowed.
    """
    organization = actor.organization
    require_member(actor, organization)
    check_skill(skill, organization)
    level = check_level(level)
    at = at or timezone.now()
    with transaction.atomic():
        row = MemberSkillLevel.objects.select_for_update().filter(member=actor, skill=skill).first()
        confirmed = row.confirmed_level if row else 0
        current = row.level if row else 0
        if (
            level > current
            and level > confirmed + 1
            and skill_settings(organization).require_sessions
        ):
            raise ServiceError(
                _(
                    "This organization asks for a signed-off session before a level goes up: "
                    "you can claim at most “%(level)s” until someone teaches you."
                )
                % {"level": Level(confirmed + 1).label},
                field="level",
            )
        row = _record(
            member=actor,
            skill=skill,
            row=row,
            level=level,
            confirmed=confirmed,
            source=LevelChange.Source.SELF,
            session=None,
            at=at,
        )
        audit_record(
            organization=organization,
            actor=actor.user,
            verb=SkillEvent.LEVEL_SET,
            target=skill,
            data={"level": level, "member": actor.pk},
            at=at,
        )
    return row


def level_confirm(
    *, learner: Member, session: TeachingSession, level: int, at: datetime
) -> MemberSkillLevel:
    """A signed-off session confirms ``level``: it becomes the learner's level if higher
    (caller's transaction; called by ``signoff_answer`` only)."""
    row = (
        MemberSkillLevel.objects.select_for_update()
        .filter(member=learner, skill=session.skill)
        .first()
    )
    confirmed = max(row.confirmed_level if row else 0, level)
    new_level = max(row.level if row else 0, level)
    return _record(
        member=learner,
        skill=session.skill,
        row=row,
        level=new_level,
        confirmed=confirmed,
        source=LevelChange.Source.SESSION,
        session=session,
        at=at,
    )
