"""The pool and leave: who takes turns, and when they are away."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.bounds import require_plausible_date
from orgkit.core.errors import ServiceError
from orgkit.organizations.models import Member
from orgkit.organizations.services.checks import require_same_org
from orgkit.rotations.events import RotationEvent
from orgkit.rotations.models import (
    Leave,
    PoolEntry,
    Rotation,
    Turn,
)
from orgkit.rotations.planning import rotation_replan
from orgkit.rotations.services._common import acting_for, on_behalf


def pool_join(
    *, actor: Member, rotation: Rotation, member: Member, at: datetime | None = None
) -> PoolEntry:
    """Opt a member in to taking turns (themselves, or an organizer for them)."""
    at = at or timezone.now()
    acting_for(actor, member, _("Only organizers can opt other members in."))
    require_same_org(actor, rotation)
    if member.status != Member.Status.ACTIVE:
        raise ServiceError(_("%(name)s is no longer a member.") % {"name": member.display_name})
    try:
        with transaction.atomic():
            entry = PoolEntry.objects.create(
                organization=rotation.organization,
                rotation=rotation,
                member=member,
                joined_at=at,
            )
            audit_record(
                organization=rotation.organization,
                actor=actor.user,
                verb=RotationEvent.POOL_JOINED,
                target=rotation,
                data={
                    "member": member.pk,
                    "name": member.display_name,
                    **on_behalf(actor, member),
                },
                at=at,
            )
    except IntegrityError:
        raise ServiceError(
            _("%(name)s is already in the rotation.") % {"name": member.display_name}
        ) from None
    rotation_replan(rotation=rotation, at=at)
    return entry


def pool_leave(
    *, actor: Member, rotation: Rotation, member: Member, at: datetime | None = None
) -> None:
    """Opt a member out. Their confirmed turns stay (they can swap or ask for cover); their
    unconfirmed ones are replanned."""
    at = at or timezone.now()
    acting_for(actor, member, _("Only organizers can opt other members out."))
    require_same_org(actor, rotation)
    with transaction.atomic():
        updated = PoolEntry.objects.filter(
            rotation=rotation, member=member, left_at__isnull=True
        ).update(left_at=at)
        if not updated:
            raise ServiceError(
                _("%(name)s is not in the rotation.") % {"name": member.display_name}
            )
        Turn.objects.filter(rotation=rotation, holder=member, confirmed=False).update(holder=None)
        audit_record(
            organization=rotation.organization,
            actor=actor.user,
            verb=RotationEvent.POOL_LEFT,
            target=rotation,
            data={"member": member.pk, "name": member.display_name, **on_behalf(actor, member)},
            at=at,
        )
    rotation_replan(rotation=rotation, at=at)


def leave_add(
    *,
    actor: Member,
    member: Member,
    start: date,
    end: date,
    note: str = "",
    at: datetime | None = None,
) -> Leave:
    """Record that a member is away; every rotation they are in is replanned around it."""
    at = at or timezone.now()
    acting_for(actor, member, _("Only organizers can record leave for someone else."))
    require_plausible_date(start, field="start")
    require_plausible_date(end, field="end")
    if end < start:
        raise ServiceError(_("The leave ends before it starts."), field="end")
    if (end - start).days > 3 * 366:
        raise ServiceError(_("Record leave of at most three years at a time."), field="end")
    with transaction.atomic():
        leave = Leave.objects.create(
            organization=member.organization,
            member=member,
            start=start,
            end=end,
            note=note[:200],
            created_at=at,
        )
        audit_record(
            organization=member.organization,
            actor=actor.user,
            verb=RotationEvent.LEAVE_ADDED,
            target=member,
            data={
                "name": member.display_name,
                "start": start.isoformat(),
                "end": end.isoformat(),
                **on_behalf(actor, member),
            },
            at=at,
        )
    _replan_rotations_of(member, at=at)
    return leave


def leave_delete(*, actor: Member, leave: Leave, at: datetime | None = None) -> None:
    """Remove a member's leave (theirs, or an organizer for anyone); their rotations are
    replanned without it."""
    at = at or timezone.now()
    acting_for(actor, leave.member, _("Only organizers can remove someone else's leave."))
    member = leave.member
    with transaction.atomic():
        leave.delete()
        audit_record(
            organization=member.organization,
            actor=actor.user,
            verb=RotationEvent.LEAVE_REMOVED,
            target=member,
            at=at,
        )
    _replan_rotations_of(member, at=at)


def _replan_rotations_of(member: Member, *, at: datetime) -> None:
    rotations = Rotation.objects.filter(
        is_active=True, pool_entries__member=member, pool_entries__left_at__isnull=True
    ).select_related("organization")
    for rotation in rotations:
        rotation_replan(rotation=rotation, at=at)
