"""Periodic work: recording handovers and sending reminders."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from orgkit.core.errors import ServiceError
from orgkit.core.periodic import PeriodicJobFailures, run_isolated
from orgkit.organizations.models import Member
from orgkit.organizations.services import role_assign
from orgkit.rotations import hooks
from orgkit.rotations.mailing import email_member, rotation_link
from orgkit.rotations.models import (
    Rotation,
    Turn,
)
from orgkit.rotations.planning import rotation_replan


def turns_hand_over(*, at: datetime | None = None) -> int:
    """Record every turn that has started: the RoleAssignment history gets the new holder,
    outgoing and incoming holders get the handover checklist, and the plan rolls forward.

    Each turn, then each rotation's replan, runs on its own: one that fails is logged and
    skipped, the rest are done, and PeriodicJobFailures names the failures at the end.
    """
    at = at or timezone.now()
    due = (
        Turn.objects.filter(
            starts_at__lte=at, handed_over_at__isnull=True, rotation__is_active=True
        )
        .order_by("starts_at")
        .values_list("pk", flat=True)
    )
    handed: list[int] = []
    failures: list[PeriodicJobFailures] = []

    def hand_over(turn_id: int) -> None:
        if _hand_over_one(turn_id, at=at):
            handed.append(turn_id)

    try:
        run_isolated(
            list(due[:500]),
            hand_over,
            job="rotations-hand-over",
            label=lambda turn_id: f"turn {turn_id}",
        )
    except PeriodicJobFailures as exc:
        failures.append(exc)
    try:
        run_isolated(
            list(Rotation.objects.filter(is_active=True, turns__handed_over_at=at).distinct()),
            lambda rotation: rotation_replan(rotation=rotation, at=at),
            job="rotations-hand-over (replan)",
            label=lambda rotation: f"rotation {rotation.pk}",
        )
    except PeriodicJobFailures as exc:
        failures.append(exc)
    if failures:
        raise PeriodicJobFailures(
            "rotations-hand-over", [name for exc in failures for name in exc.failed], len(handed)
        )
    return len(handed)


def _hand_over_one(turn_id: int, *, at: datetime) -> bool:
    """Hand over one turn (under a lock on it); False if it was handed over already."""
    turn = (
        Turn.objects.select_for_update(of=("self",))
        .select_related(
            "organization",
            "rotation__role",
            "rotation__organization",
            "holder__user",
            "holder__organization",
        )
        .get(pk=turn_id)
    )
    if turn.handed_over_at is not None:
        return False
    role = turn.rotation.role
    current = role.assignments.filter(end__isnull=True).select_related("member__user").first()
    if turn.holder is not None and (current is None or current.member_id != turn.holder_id):
        if current is None or current.start < turn.start:
            try:
                with transaction.atomic():
                    role_assign(
                        actor=None,
                        role=role,
                        member=turn.holder,
                        how="rotation",
                        start=turn.start,
                        note=_handover_note(turn),
                        at=at,
                    )
            except ServiceError:
                # e.g. the holder left the organization: the turn stays as planned but no one
                # is recorded as holding the role; organizers see it as vacant.
                pass
            else:
                _send_checklist(turn, outgoing=current.member if current else None)
    turn.handed_over_at = at
    turn.save(update_fields=["handed_over_at"])
    # The turn before this one is over now; if it had a shadow, apps that care hear of it.
    previous = (
        Turn.objects.filter(rotation=turn.rotation, start__lt=turn.start, shadow__isnull=False)
        .filter(end__lte=turn.start)
        .select_related("organization", "rotation", "holder", "shadow")
        .order_by("-start")
        .first()
    )
    if previous is not None and previous.end == turn.start:
        hooks.shadow_turn_done(previous)
    return True


def _handover_note(turn: Turn) -> str:
    """The note on the role's holder history, in the organization's language (it is stored
    once and read by every member)."""
    with translation.override(turn.organization.language or None):
        return _("rotation turn of %(date)s") % {"date": date_format(turn.start, "DATE_FORMAT")}


def _send_checklist(turn: Turn, *, outgoing: Member | None) -> None:
    """The handover checklist to the incoming holder and to the outgoing one."""
    rotation = turn.rotation
    link = rotation_link(rotation)
    for member, incoming in ((turn.holder, True), (outgoing, False)):
        if member is None:
            continue
        email_member(
            member=member,
            template="handover",
            kind="rotations.handover",
            context={
                "turn": turn,
                "role": rotation.role,
                "incoming": incoming,
                "checklist": rotation.handover_checklist.strip(),
                "link": link,
            },
        )


def turn_reminders_send(*, at: datetime | None = None) -> int:
    """Remind holders N days before their turn (their setting; default 3), once per turn.
    Each turn on its own: one that fails is logged and skipped, the others are reminded."""
    at = at or timezone.now()
    upcoming = Turn.objects.filter(
        reminded_at__isnull=True,
        holder__isnull=False,
        starts_at__gt=at,
        starts_at__lte=at + timedelta(days=61),
        rotation__is_active=True,
    ).select_related(
        "holder__user",
        "holder__reminder_preference",
        "holder__organization",
        "rotation__role__body",
        "rotation__organization",
        "shadow__user",
    )
    sent: list[int] = []

    def remind(turn: Turn) -> None:
        if _remind_one(turn, at=at):
            sent.append(turn.pk)

    try:
        run_isolated(
            list(upcoming), remind, job="rotations-reminders", label=lambda t: f"turn {t.pk}"
        )
    except PeriodicJobFailures as exc:
        raise PeriodicJobFailures(exc.job, exc.failed, len(sent)) from None
    return len(sent)


def _remind_one(turn: Turn, *, at: datetime) -> bool:
    """Remind one turn's holder if it is time; False if not due or reminded already."""
    preference = getattr(turn.holder, "reminder_preference", None)
    days = preference.days_before if preference else 3
    if (preference and not preference.enabled) or turn.starts_at - at > timedelta(days=days):
        return False
    if Turn.objects.filter(pk=turn.pk, reminded_at__isnull=True).update(reminded_at=at) != 1:
        return False  # another worker reminded it
    email_member(
        member=turn.holder,
        template="reminder",
        kind="rotations.reminder",
        context={"turn": turn, "link": rotation_link(turn.rotation)},
    )
    return True
