"""The catalogue: skills (added, renamed, retired — never deleted) and what roles need."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.organizations.models import Member, Organization, Role
from orgkit.organizations.tenancy import organization_language
from orgkit.skills.events import SkillEvent
from orgkit.skills.models import (
    RoleSkillRequirement,
    RotationSkillRequirement,
    Skill,
    SkillSettings,
)
from orgkit.skills.services._common import (
    audit_actor,
    check_level,
    check_skill,
    require_organizer,
)

MAX_NAME = 120
MAX_TEXT = 5_000

#: The organizing basics every catalogue starts with (issue 11), written into the catalogue in
#: the organization's language.
BASICS = (
    (gettext_lazy("Chairing a meeting"), gettext_lazy("Agenda, speakers' list, time, votes.")),
    (gettext_lazy("Taking minutes"), gettext_lazy("Decisions, votes and actions, fairly.")),
    (
        gettext_lazy("One-on-one conversations"),
        gettext_lazy("Listening, agitating, asking for a commitment."),
    ),
    (gettext_lazy("Public speaking"), gettext_lazy("At a meeting, a rally, a hearing.")),
    (
        gettext_lazy("Writing a leaflet or press release"),
        gettext_lazy("Short, true, with one ask."),
    ),
    (gettext_lazy("Bookkeeping"), gettext_lazy("Dues, receipts, the monthly report.")),
    (gettext_lazy("Negotiating"), gettext_lazy("Preparing demands, the table, reporting back.")),
    (gettext_lazy("Running an election"), gettext_lazy("Notice, nominations, the count.")),
    (gettext_lazy("Using orgkit"), gettext_lazy("Rotations, elections, the skills log.")),
)


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ServiceError(_("Give the skill a name."), field="name")
    if len(name) > MAX_NAME:
        raise ServiceError(
            _("Keep the name under %(most)s characters.") % {"most": MAX_NAME}, field="name"
        )
    return name


def _clean_description(text: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ServiceError(
            _("Keep the description under %(most)s characters.") % {"most": MAX_TEXT},
            field="description",
        )
    return text


def _name_taken(organization: Organization, name: str, *, exclude: int | None = None) -> bool:
    skills = Skill.objects.filter(organization=organization, name__iexact=name)
    if exclude:
        skills = skills.exclude(pk=exclude)
    return skills.exists()


def skill_add(
    *,
    actor: Member | None,
    organization: Organization,
    name: str,
    description: str = "",
    at: datetime | None = None,
) -> Skill:
    """Add a skill to the catalogue (organizers). Names are unique, whatever their case."""
    require_organizer(actor, organization)
    name = _clean_name(name)
    description = _clean_description(description)
    at = at or timezone.now()
    with transaction.atomic():
        if _name_taken(organization, name):
            raise ServiceError(
                _("The catalogue already has a skill called “%(name)s”.") % {"name": name},
                field="name",
            )
        skill = Skill.objects.create(
            organization=organization, name=name, description=description, created_at=at
        )
        audit_record(
            organization=organization,
            actor=audit_actor(actor),
            verb=SkillEvent.SKILL_ADDED,
            target=skill,
            at=at,
        )
    return skill


def skill_update(*, actor: Member | None, skill: Skill, name: str, description: str = "") -> Skill:
    """Rename or describe a skill (organizers). Its sessions and levels stay with it."""
    organization = skill.organization
    require_organizer(actor, organization)
    name = _clean_name(name)
    description = _clean_description(description)
    with transaction.atomic():
        if _name_taken(organization, name, exclude=skill.pk):
            raise ServiceError(
                _("The catalogue already has a skill called “%(name)s”.") % {"name": name},
                field="name",
            )
        skill.name, skill.description = name, description
        skill.save(update_fields=["name", "description"])
        audit_record(
            organization=organization,
            actor=audit_actor(actor),
            verb=SkillEvent.SKILL_UPDATED,
            target=skill,
        )
    return skill


def skill_retire(*, actor: Member | None, skill: Skill, at: datetime | None = None) -> Skill:
    """Take a skill out of the catalogue (organizers). Nothing is deleted: its sessions and
    levels stay on record. A skill a role or rotation still needs cannot be retired."""
    organization = skill.organization
    require_organizer(actor, organization)
    at = at or timezone.now()
    with transaction.atomic():
        skill = Skill.objects.select_for_update().get(pk=skill.pk)
        if skill.retired_at is not None:
            raise ServiceError(_("This skill is retired already."))
        roles = sorted(
            str(r.role.name)
            for r in RoleSkillRequirement.objects.filter(skill=skill).select_related("role")
        )
        if roles or RotationSkillRequirement.objects.filter(skill=skill).exists():
            raise ServiceError(
                _(
                    "“%(skill)s” is still needed by %(roles)s: remove it from those roles "
                    "(and rotations) first."
                )
                % {"skill": skill.name, "roles": ", ".join(roles) or _("a rotation")}
            )
        skill.retired_at = at
        skill.save(update_fields=["retired_at"])
        audit_record(
            organization=organization,
            actor=audit_actor(actor),
            verb=SkillEvent.SKILL_RETIRED,
            target=skill,
            at=at,
        )
    return skill


def skill_restore(*, actor: Member | None, skill: Skill) -> Skill:
    """Bring a retired skill back into the catalogue (organizers)."""
    organization = skill.organization
    require_organizer(actor, organization)
    with transaction.atomic():
        skill = Skill.objects.select_for_update().get(pk=skill.pk)
        if skill.retired_at is None:
            raise ServiceError(_("This skill is in the catalogue already."))
        skill.retired_at = None
        skill.save(update_fields=["retired_at"])
        audit_record(
            organization=organization,
            actor=audit_actor(actor),
            verb=SkillEvent.SKILL_RESTORED,
            target=skill,
        )
    return skill


def catalogue_add_basics(
    *, actor: Member | None, organization: Organization, at: datetime | None = None
) -> list[Skill]:
    """Add the organizing basics (chairing, minutes, one-on-ones …) that the catalogue does
    not have yet, named in the organization's language. Running it twice adds nothing."""
    require_organizer(actor, organization)
    added = []
    with transaction.atomic(), translation.override(organization_language(organization)):
        for name, description in BASICS:
            if not _name_taken(organization, str(name)):
                added.append(
                    skill_add(
                        actor=actor,
                        organization=organization,
                        name=str(name),
                        description=str(description),
                        at=at,
                    )
                )
    return added


def requirement_set(
    *, actor: Member | None, role: Role, skill: Skill, level: int
) -> RoleSkillRequirement:
    """A role needs ``skill`` at ``level`` (organizers); setting it again changes the level."""
    organization = role.organization
    require_organizer(actor, organization)
    check_skill(skill, organization)
    level = check_level(level)
    with transaction.atomic():
        requirement, _created = RoleSkillRequirement.objects.update_or_create(
            role=role, skill=skill, defaults={"organization": organization, "level": level}
        )
        audit_record(
            organization=organization,
            actor=audit_actor(actor),
            verb=SkillEvent.REQUIREMENT_SET,
            target=role,
            data={"skill": skill.name, "level": level},
        )
    return requirement


def requirement_remove(*, actor: Member | None, requirement: RoleSkillRequirement) -> None:
    """A role no longer needs a skill (organizers); the audit log keeps that it did."""
    organization = requirement.organization
    require_organizer(actor, organization)
    with transaction.atomic():
        audit_record(
            organization=organization,
            actor=audit_actor(actor),
            verb=SkillEvent.REQUIREMENT_REMOVED,
            target=requirement.role,
            data={"skill": requirement.skill.name, "level": requirement.level},
        )
        requirement.delete()


def skill_settings(organization: Organization) -> SkillSettings:
    """The organization's settings row (made with the defaults on first use)."""
    settings, _created = SkillSettings.objects.get_or_create(organization=organization)
    return settings


def settings_update(
    *, actor: Member | None, organization: Organization, require_sessions: bool
) -> SkillSettings:
    """Whether self-assessed levels need a session behind them (organizers)."""
    require_organizer(actor, organization)
    with transaction.atomic():
        settings = skill_settings(organization)
        settings.require_sessions = bool(require_sessions)
        settings.save(update_fields=["require_sessions"])
        audit_record(
            organization=organization,
            actor=audit_actor(actor),
            verb=SkillEvent.SETTINGS_CHANGED,
            data={"require_sessions": settings.require_sessions},
        )
    return settings
