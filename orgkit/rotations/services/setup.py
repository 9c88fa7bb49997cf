"""Setting up a rotation: create, import past turns, change rules, stop."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.bounds import require_plausible_date
from orgkit.core.errors import ServiceError
from orgkit.organizations.models import Member, Role
from orgkit.organizations.selectors import body_current_members
from orgkit.organizations.services.checks import require_organizer, require_same_org
from orgkit.rotations import engine
from orgkit.rotations.events import RotationEvent
from orgkit.rotations.explanations import IMPORTED
from orgkit.rotations.models import (
    PoolEntry,
    Rotation,
    Turn,
)
from orgkit.rotations.planning import _aware, org_today, rotation_replan, rules_for


def _is_count(value, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _check_rules(rotation: Rotation) -> None:
    """The rules a rotation must meet, each refused with a message beside its field; anything
    else the engine refuses is reported with the engine's own words."""
    checks = [
        (
            rotation.cadence_unit in Rotation.Unit.values,
            "cadence_unit",
            _("Choose weeks or months."),
        ),
        (
            _is_count(rotation.cadence_every, 1),
            "cadence_every",
            _("The cadence must be every 1 or more weeks or months."),
        ),
        (
            rotation.cadence_unit != Rotation.Unit.MONTHS
            or rotation.day_of_month is None
            or 1 <= rotation.day_of_month <= 31,
            "day_of_month",
            _("The day of the month must be between 1 and 31."),
        ),
        (
            _is_count(rotation.term_length, 1),
            "term_length",
            _("The term length must be at least 1 turn."),
        ),
        (
            _is_count(rotation.max_consecutive_terms, 1),
            "max_consecutive_terms",
            _("Allow at least 1 term in a row."),
        ),
        (
            _is_count(rotation.cooldown_turns, 0),
            "cooldown_turns",
            _("The cool-down cannot be negative."),
        ),
        (
            rotation.max_terms_per_12_months is None
            or _is_count(rotation.max_terms_per_12_months, 1),
            "max_terms_per_12_months",
            _("Allow at least 1 term in any 12 months, or leave it empty for no limit."),
        ),
        (
            _is_count(rotation.confirmation_horizon, 0),
            "confirmation_horizon",
            _("The number of turns confirmed ahead cannot be negative."),
        ),
        (
            _is_count(rotation.plan_ahead_turns, 1) and rotation.plan_ahead_turns <= 520,
            "plan_ahead_turns",
            _("Plan between 1 and 520 turns ahead."),
        ),
    ]
    for ok, field, message in checks:
        if not ok:
            raise ServiceError(message, field=field)
    try:
        rules_for(rotation)
    except engine.RotationError as exc:
        raise ServiceError(
            _("These rotation rules cannot be used: %(problem)s") % {"problem": exc}
        ) from None


def rotation_create(
    *,
    actor: Member,
    role: Role,
    cadence_unit: str,
    cadence_every: int,
    anchor: date,
    handover_time: time = time(18, 0),
    day_of_month: int | None = None,
    term_length: int = 1,
    max_consecutive_terms: int = 1,
    cooldown_turns: int = 0,
    max_terms_per_12_months: int | None = None,
    shadow_turns: bool = True,
    confirmation_horizon: int = 4,
    plan_ahead_turns: int = 12,
    handover_checklist: str = "",
    pool: list[Member] | None = None,
    at: datetime | None = None,
) -> Rotation:
    """Make a role rotate and plan its first turns.

    The pool starts as ``pool`` or, by default, everyone who belongs to the role's body;
    members can opt out (or back in) afterwards. A first handover in the past numbers the
    turns from that day, but the plan starts today, with the body's members of today (its
    members of the past day may be nobody at all: an empty pool and a plan of open turns).
    """
    at = at or timezone.now()
    require_organizer(actor)
    require_same_org(actor, role)
    require_plausible_date(anchor, field="anchor")
    rotation = Rotation(
        organization=actor.organization,
        role=role,
        cadence_unit=cadence_unit,
        cadence_every=cadence_every,
        anchor=anchor,
        handover_time=handover_time,
        day_of_month=day_of_month,
        term_length=term_length,
        max_consecutive_terms=max_consecutive_terms,
        cooldown_turns=cooldown_turns,
        max_terms_per_12_months=max_terms_per_12_months,
        shadow_turns=shadow_turns,
        confirmation_horizon=confirmation_horizon,
        plan_ahead_turns=plan_ahead_turns,
        handover_checklist=handover_checklist,
        created_at=at,
    )
    _check_rules(rotation)
    members = (
        pool
        if pool is not None
        else body_current_members(
            organization=actor.organization,
            body=role.body,
            on=max(anchor, org_today(rotation, at)),
        )
    )
    require_same_org(actor, *members)
    with transaction.atomic():
        try:
            with transaction.atomic():
                rotation.save()
        except IntegrityError:
            raise ServiceError(
                _("%(role)s already rotates: change that rotation instead.") % {"role": role},
                field="role",
            ) from None
        for offset, member in enumerate(members):
            PoolEntry.objects.create(
                organization=actor.organization,
                rotation=rotation,
                member=member,
                joined_at=at + timedelta(microseconds=offset),
            )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb=RotationEvent.ROTATION_CREATED,
            target=rotation,
            data={"every": f"{cadence_every} {cadence_unit}", "pool": len(members)},
            at=at,
        )
        # Planned in the same transaction: if planning fails, no rotation without turns is
        # left behind (one used to be, and it broke every later replan).
        rotation_replan(rotation=rotation, at=at, notify=False)
    return rotation


def rotation_import_history(
    *, actor: Member, rotation: Rotation, at: datetime | None = None
) -> int:
    """Record the turns before today from the role's holder history.

    A group that adopts orgkit already knows who held the role; without that history the
    planner would think the long-serving member "never served" and hand them the next turn.
    Each past slot (from the rotation's first handover) is credited to whoever held the role
    on its first day. Slots already recorded are left alone; returns how many were added.
    """
    at = at or timezone.now()
    require_organizer(actor)
    require_same_org(actor, rotation)
    from orgkit.organizations.models import RoleAssignment

    today = org_today(rotation, at)
    rules = rules_for(rotation)
    history = list(RoleAssignment.objects.filter(role=rotation.role).order_by("start"))
    added = 0
    with transaction.atomic():
        recorded = set(
            Turn.objects.filter(rotation=rotation, start__lt=today).values_list("start", flat=True)
        )
        for slot in engine.turn_slots(
            rules.cadence, start=rotation.anchor, until=today - timedelta(days=1)
        ):
            if slot.start in recorded:
                continue
            holder = next(
                (
                    a.member_id
                    for a in reversed(history)
                    if a.start <= slot.start and (a.end is None or a.end >= slot.start)
                ),
                None,
            )
            zone = rotation.organization.timezone
            Turn.objects.create(
                organization=rotation.organization,
                rotation=rotation,
                index=slot.index,
                start=slot.start,
                end=slot.end,
                starts_at=_aware(rules.cadence.starts_at(slot.start), zone),
                ends_at=_aware(rules.cadence.starts_at(slot.end), zone),
                holder_id=holder,
                status=Turn.Status.SERVED,
                confirmed=True,
                handed_over_at=at,
                reasons=[
                    {
                        "code": IMPORTED,
                        "text": "recorded from the role's history",
                        "member": holder,
                        "on": None,
                    }
                ],
            )
            added += 1
        if added:
            # Upcoming turns were confirmed by a plan that did not know this history; unless a
            # member accepted or swapped them, plan them again in its light.
            Turn.objects.filter(
                rotation=rotation,
                start__gte=today,
                accepted_at__isnull=True,
                status=Turn.Status.PLANNED,
            ).update(confirmed=False)
        audit_record(
            organization=rotation.organization,
            actor=actor.user,
            verb=RotationEvent.HISTORY_IMPORTED,
            target=rotation,
            data={"turns": added},
            at=at,
        )
    rotation_replan(rotation=rotation, at=at, notify=False)
    return added


EDITABLE_RULES = (
    "term_length",
    "max_consecutive_terms",
    "cooldown_turns",
    "max_terms_per_12_months",
    "shadow_turns",
    "confirmation_horizon",
    "plan_ahead_turns",
    "handover_checklist",
    "handover_time",
)


def rotation_update(
    *, actor: Member, rotation: Rotation, at: datetime | None = None, **rules
) -> Rotation:
    """Change a rotation's rules and replan its unconfirmed turns under them.

    The cadence and first handover stay fixed: they number the turns, and the history is
    counted in those turns. To change them, stop this rotation and start a new one.
    """
    at = at or timezone.now()
    require_organizer(actor)
    require_same_org(actor, rotation)
    unknown = set(rules) - set(EDITABLE_RULES)
    if unknown:
        raise ServiceError(
            _("These cannot be changed on a running rotation: %(names)s.")
            % {"names": ", ".join(sorted(unknown))}
        )
    before = {name: getattr(rotation, name) for name in rules}
    for name, value in rules.items():
        setattr(rotation, name, value)
    try:
        _check_rules(rotation)
    except ServiceError:
        for name, value in before.items():
            setattr(rotation, name, value)
        raise
    with transaction.atomic():
        rotation.save(update_fields=list(rules))
        changed = {k: str(v) for k, v in rules.items() if before[k] != v}
        audit_record(
            organization=rotation.organization,
            actor=actor.user,
            verb=RotationEvent.ROTATION_UPDATED,
            target=rotation,
            data={"changed": changed},
            at=at,
        )
    rotation_replan(rotation=rotation, at=at)
    return rotation


def rotation_deactivate(
    *, actor: Member, rotation: Rotation, at: datetime | None = None
) -> Rotation:
    """Stop rotating a role; turns already served stay as history, future ones are removed."""
    at = at or timezone.now()
    require_organizer(actor)
    require_same_org(actor, rotation)
    with transaction.atomic():
        rotation.is_active = False
        rotation.save(update_fields=["is_active"])
        Turn.objects.filter(rotation=rotation, start__gte=org_today(rotation, at)).delete()
        audit_record(
            organization=rotation.organization,
            actor=actor.user,
            verb=RotationEvent.ROTATION_STOPPED,
            target=rotation,
            at=at,
        )
    return rotation
