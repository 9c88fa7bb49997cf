"""Checks every skills service shares."""

from __future__ import annotations

from django.utils.translation import gettext as _

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.organizations.models import Member
from orgkit.skills.models import Level, Skill


def require_member(actor: Member | None, organization) -> None:
    """An active member of ``organization`` (``None`` is the system, e.g. a periodic job)."""
    if actor is None:
        return
    if actor.organization_id != organization.pk or actor.status != Member.Status.ACTIVE:
        raise NotAllowed(_("Only members of this organization can do this."))


def require_organizer(actor: Member | None, organization) -> None:
    """An organizer of ``organization`` (or the system)."""
    require_member(actor, organization)
    if actor is not None and not actor.is_organizer:
        raise NotAllowed(_("Only organizers can do this."))


def check_level(level: object, *, field: str = "level") -> int:
    """A level on the scale (1–4) or a clear error."""
    try:
        value = int(level)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        value = 0
    if isinstance(level, bool) or value not in Level.values:
        raise ServiceError(_("Choose a level from the list."), field=field)
    return value


def check_skill(skill: Skill, organization, *, field: str = "skill") -> None:
    """A skill of this organization that is still in the catalogue."""
    if skill.organization_id != organization.pk:
        raise ServiceError(_("No such skill in this organization."), field=field)
    if skill.retired_at is not None:
        raise ServiceError(_("“%(skill)s” is retired.") % {"skill": skill.name}, field=field)


def audit_actor(actor: Member | None):
    return actor.user if actor is not None else None
