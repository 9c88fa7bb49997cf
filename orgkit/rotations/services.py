"""Writes for rotations: set-up, the pool, leave, skips, covers, swaps, feeds, handovers.

Every action that changes who holds which turn ends by replanning, so the calendar, the
reasons and the "your turn moved" emails always follow from the same engine.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from orgkit.core.audit import audit_record
from orgkit.core.emails import email_enqueue
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.organizations.models import Body, Member, Role
from orgkit.organizations.selectors import body_current_members
from orgkit.organizations.services import role_assign
from orgkit.organizations.services._common import require_organizer, require_same_org
from orgkit.rotations import engine
from orgkit.rotations.models import (
    CalendarFeed,
    Leave,
    PoolEntry,
    ReminderPreference,
    Rotation,
    Skip,
    Swap,
    Turn,
)
from orgkit.rotations.planning import org_today, rotation_replan, rules_for


def _acting_for(actor: Member, member: Member, what: str) -> None:
    """Members act for themselves; organizers may act on someone's behalf (audited)."""
    require_same_org(actor, member)
    if actor.pk != member.pk and not actor.is_organizer:
        raise NotAllowed(f"Only organizers can {what} on someone else's behalf.")


def _on_behalf(actor: Member, member: Member) -> dict:
    return {"on_behalf_of": member.display_name} if actor.pk != member.pk else {}


# --- set-up ---------------------------------------------------------------------------------


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
    members can opt out (or back in) afterwards.
    """
    require_organizer(actor)
    require_same_org(actor, role)
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
        created_at=at or timezone.now(),
    )
    rotation.organization = actor.organization
    try:
        rules_for(rotation)
    except engine.RotationError as exc:
        raise ServiceError(str(exc)) from None
    if not 1 <= plan_ahead_turns <= 520:
        raise ServiceError("Plan between 1 and 520 turns ahead.", field="plan_ahead_turns")
    members = (
        pool
        if pool is not None
        else body_current_members(organization=actor.organization, body=role.body, on=anchor)
    )
    require_same_org(actor, *members)
    try:
        with transaction.atomic():
            rotation.save()
            for offset, member in enumerate(members):
                PoolEntry.objects.create(
                    organization=actor.organization,
                    rotation=rotation,
                    member=member,
                    joined_at=(at or timezone.now()) + timedelta(microseconds=offset),
                )
            audit_record(
                organization=actor.organization,
                actor=actor.user,
                verb="rotations.rotation.created",
                target=rotation,
                data={"every": f"{cadence_every} {cadence_unit}", "pool": len(members)},
                at=at,
            )
    except IntegrityError:
        raise ServiceError(
            f"{role} already rotates: change that rotation instead.", field="role"
        ) from None
    rotation_replan(rotation=rotation, at=at, notify=False)
    return rotation


def rotation_import_history(*, actor: Member, rotation: Rotation, at: datetime | None = None) -> int:
    """Record the turns before today from the role's holder history.

    A group that adopts orgkit already knows who held the role; without that history the
    planner would think the long-serving member "never served" and hand them the next turn.
    Each past slot (from the rotation's first handover) is credited to whoever held the role
    on its first day. Slots already recorded are left alone; returns how many were added.
    """
    require_organizer(actor)
    require_same_org(actor, rotation)
    from orgkit.organizations.models import RoleAssignment
    from orgkit.rotations.planning import _aware

    today = org_today(rotation, at)
    rules = rules_for(rotation)
    history = list(RoleAssignment.objects.filter(role=rotation.role).order_by("start"))
    added = 0
    with transaction.atomic():
        recorded = set(Turn.objects.filter(rotation=rotation, start__lt=today).values_list("start", flat=True))
        for slot in engine.turn_slots(rules.cadence, start=rotation.anchor, until=today - timedelta(days=1)):
            if slot.start in recorded:
                continue
            holder = next((a.member_id for a in reversed(history)
                           if a.start <= slot.start and (a.end is None or a.end >= slot.start)), None)
            zone = rotation.organization.timezone
            Turn.objects.create(
                organization=rotation.organization, rotation=rotation, index=slot.index, start=slot.start,
                end=slot.end, starts_at=_aware(rules.cadence.starts_at(slot.start), zone),
                ends_at=_aware(rules.cadence.starts_at(slot.end), zone), holder_id=holder,
                status=Turn.Status.SERVED, confirmed=True, handed_over_at=at or timezone.now(),
                reasons=[{"code": "imported", "text": "recorded from the role's history", "member": holder, "on": None}],
            )
            added += 1
        if added:
            # Upcoming turns were confirmed by a plan that did not know this history; unless a
            # member accepted or swapped them, plan them again in its light.
            Turn.objects.filter(
                rotation=rotation, start__gte=today, accepted_at__isnull=True, status=Turn.Status.PLANNED
            ).update(confirmed=False)
        audit_record(organization=rotation.organization, actor=actor.user, verb="rotations.history.imported",
                     target=rotation, data={"turns": added})
    rotation_replan(rotation=rotation, at=at, notify=False)
    return added


EDITABLE_RULES = (
    "term_length", "max_consecutive_terms", "cooldown_turns", "max_terms_per_12_months",
    "shadow_turns", "confirmation_horizon", "plan_ahead_turns", "handover_checklist", "handover_time",
)


def rotation_update(*, actor: Member, rotation: Rotation, **rules) -> Rotation:
    """Change a rotation's rules and replan its unconfirmed turns under them.

    The cadence and first handover stay fixed: they number the turns, and the history is
    counted in those turns. To change them, stop this rotation and start a new one.
    """
    require_organizer(actor)
    require_same_org(actor, rotation)
    unknown = set(rules) - set(EDITABLE_RULES)
    if unknown:
        raise ServiceError(f"These cannot be changed on a running rotation: {', '.join(sorted(unknown))}.")
    before = {name: getattr(rotation, name) for name in rules}
    for name, value in rules.items():
        setattr(rotation, name, value)
    try:
        rules_for(rotation)
    except engine.RotationError as exc:
        for name, value in before.items():
            setattr(rotation, name, value)
        raise ServiceError(str(exc)) from None
    if not 1 <= rotation.plan_ahead_turns <= 520:
        raise ServiceError("Plan between 1 and 520 turns ahead.", field="plan_ahead_turns")
    with transaction.atomic():
        rotation.save(update_fields=list(rules))
        changed = {k: str(v) for k, v in rules.items() if before[k] != v}
        audit_record(organization=rotation.organization, actor=actor.user, verb="rotations.rotation.updated",
                     target=rotation, data={"changed": changed})
    rotation_replan(rotation=rotation)
    return rotation


def rotation_deactivate(*, actor: Member, rotation: Rotation) -> Rotation:
    """Stop rotating a role; turns already served stay as history, future ones are removed."""
    require_organizer(actor)
    require_same_org(actor, rotation)
    with transaction.atomic():
        rotation.is_active = False
        rotation.save(update_fields=["is_active"])
        Turn.objects.filter(rotation=rotation, start__gte=org_today(rotation)).delete()
        audit_record(
            organization=rotation.organization,
            actor=actor.user,
            verb="rotations.rotation.stopped",
            target=rotation,
        )
    return rotation


# --- the pool and leave ---------------------------------------------------------------------


def pool_join(
    *, actor: Member, rotation: Rotation, member: Member, at: datetime | None = None
) -> PoolEntry:
    """Opt a member in to taking turns (themselves, or an organizer for them)."""
    _acting_for(actor, member, "opt members in")
    require_same_org(actor, rotation)
    if member.status != Member.Status.ACTIVE:
        raise ServiceError(f"{member.display_name} is no longer a member.")
    try:
        with transaction.atomic():
            entry = PoolEntry.objects.create(
                organization=rotation.organization,
                rotation=rotation,
                member=member,
                joined_at=at or timezone.now(),
            )
            audit_record(
                organization=rotation.organization,
                actor=actor.user,
                verb="rotations.pool.joined",
                target=rotation,
                data={
                    "member": member.pk,
                    "name": member.display_name,
                    **_on_behalf(actor, member),
                },
            )
    except IntegrityError:
        raise ServiceError(f"{member.display_name} is already in the rotation.") from None
    rotation_replan(rotation=rotation, at=at)
    return entry


def pool_leave(
    *, actor: Member, rotation: Rotation, member: Member, at: datetime | None = None
) -> None:
    """Opt a member out. Their confirmed turns stay (they can swap or ask for cover); their
    unconfirmed ones are replanned."""
    _acting_for(actor, member, "opt members out")
    require_same_org(actor, rotation)
    with transaction.atomic():
        updated = PoolEntry.objects.filter(
            rotation=rotation, member=member, left_at__isnull=True
        ).update(left_at=at or timezone.now())
        if not updated:
            raise ServiceError(f"{member.display_name} is not in the rotation.")
        Turn.objects.filter(rotation=rotation, holder=member, confirmed=False).update(holder=None)
        audit_record(
            organization=rotation.organization,
            actor=actor.user,
            verb="rotations.pool.left",
            target=rotation,
            data={"member": member.pk, "name": member.display_name, **_on_behalf(actor, member)},
        )
    rotation_replan(rotation=rotation, at=at)


def leave_add(*, actor: Member, member: Member, start: date, end: date, note: str = "") -> Leave:
    """Record that a member is away; every rotation they are in is replanned around it."""
    _acting_for(actor, member, "record leave")
    if end < start:
        raise ServiceError("The leave ends before it starts.", field="end")
    if (end - start).days > 3 * 366:
        raise ServiceError("Record leave of at most three years at a time.", field="end")
    with transaction.atomic():
        leave = Leave.objects.create(
            organization=member.organization, member=member, start=start, end=end, note=note[:200]
        )
        audit_record(
            organization=member.organization,
            actor=actor.user,
            verb="rotations.leave.added",
            target=member,
            data={
                "name": member.display_name,
                "start": start.isoformat(),
                "end": end.isoformat(),
                **_on_behalf(actor, member),
            },
        )
    _replan_rotations_of(member)
    return leave


def leave_delete(*, actor: Member, leave: Leave) -> None:
    _acting_for(actor, leave.member, "remove leave")
    member = leave.member
    with transaction.atomic():
        leave.delete()
        audit_record(
            organization=member.organization,
            actor=actor.user,
            verb="rotations.leave.removed",
            target=member,
        )
    _replan_rotations_of(member)


def _replan_rotations_of(member: Member) -> None:
    rotations = Rotation.objects.filter(
        is_active=True, pool_entries__member=member, pool_entries__left_at__isnull=True
    ).select_related("organization")
    for rotation in rotations:
        rotation_replan(rotation=rotation)


# --- turns ----------------------------------------------------------------------------------


def _upcoming(turn: Turn, what: str) -> None:
    if turn.starts_at <= timezone.now():
        raise ServiceError(f"This turn has already started; it is too late to {what}.")


def turn_accept(*, actor: Member, turn: Turn) -> Turn:
    """The holder accepts their turn: it is confirmed and will not move automatically."""
    require_same_org(actor, turn)
    if turn.holder_id != actor.pk:
        raise NotAllowed("Only the member who holds a turn can accept it.")
    _upcoming(turn, "accept it")
    with transaction.atomic():
        turn.confirmed, turn.accepted_at = True, timezone.now()
        turn.save(update_fields=["confirmed", "accepted_at"])
        audit_record(
            organization=turn.organization,
            actor=actor.user,
            verb="rotations.turn.accepted",
            target=turn,
        )
    return turn


def turn_skip(*, actor: Member, turn: Turn, note: str = "") -> Skip:
    """The holder skips an upcoming turn and keeps their place: someone else is planned for it,
    and the skipper comes up first at the next turn they can take."""
    require_same_org(actor, turn)
    if turn.holder_id is None:
        raise ServiceError("Nobody holds this turn.")
    _acting_for(actor, turn.holder, "skip a turn")
    _upcoming(turn, "skip it")
    holder = turn.holder
    with transaction.atomic():
        turn = Turn.objects.select_for_update().get(pk=turn.pk)
        skip = Skip.objects.create(
            organization=turn.organization,
            rotation_id=turn.rotation_id,
            member=holder,
            turn_start=turn.start,
            turn_end=turn.end,
            note=note[:200],
        )
        turn.holder, turn.confirmed, turn.accepted_at = None, False, None
        turn.save(update_fields=["holder", "confirmed", "accepted_at"])
        audit_record(
            organization=turn.organization,
            actor=actor.user,
            verb="rotations.turn.skipped",
            target=turn,
            data={
                "name": holder.display_name,
                "start": turn.start.isoformat(),
                **_on_behalf(actor, holder),
            },
        )
    rotation_replan(rotation=turn.rotation)
    return skip


def turn_cover(*, actor: Member, turn: Turn) -> Turn:
    """A member covers someone's upcoming turn; the coverer is credited, and the member covered
    for keeps their place."""
    require_same_org(actor, turn)
    _upcoming(turn, "cover it")
    if turn.holder_id == actor.pk:
        raise ServiceError("This is already your turn.")
    with transaction.atomic():
        turn = Turn.objects.select_for_update(of=("self",)).select_related("holder__user").get(pk=turn.pk)
        original = turn.holder
        turn.covered_for = original
        turn.holder, turn.confirmed, turn.accepted_at = actor, True, timezone.now()
        turn.status = Turn.Status.COVERED if original else Turn.Status.PLANNED
        turn.save(update_fields=["holder", "covered_for", "confirmed", "accepted_at", "status"])
        audit_record(
            organization=turn.organization,
            actor=actor.user,
            verb="rotations.turn.covered",
            target=turn,
            data={"name": actor.display_name, "for": original.display_name if original else None},
        )
    rotation_replan(rotation=turn.rotation)
    return turn


# --- swaps ----------------------------------------------------------------------------------


def swap_request(*, actor: Member, offered_turn: Turn, wanted_turn: Turn) -> Swap:
    """Offer your turn in exchange for someone else's (or an organizer, for the holder)."""
    require_same_org(actor, offered_turn, wanted_turn)
    if offered_turn.rotation_id != wanted_turn.rotation_id:
        raise ServiceError("Both turns must belong to the same rotation.")
    if offered_turn.holder_id is None or wanted_turn.holder_id is None:
        raise ServiceError("Both turns need a holder to swap.")
    if offered_turn.holder_id == wanted_turn.holder_id:
        raise ServiceError("Both turns have the same holder.")
    _acting_for(actor, offered_turn.holder, "request a swap")
    _upcoming(offered_turn, "swap it")
    _upcoming(wanted_turn, "swap it")
    with transaction.atomic():
        swap = Swap.objects.create(
            organization=actor.organization,
            rotation_id=offered_turn.rotation_id,
            offered_turn=offered_turn,
            wanted_turn=wanted_turn,
            requested_by=offered_turn.holder,
            counterpart=wanted_turn.holder,
        )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb="rotations.swap.requested",
            target=swap,
            data={
                "from": offered_turn.holder.display_name,
                "to": wanted_turn.holder.display_name,
                **_on_behalf(actor, offered_turn.holder),
            },
        )
        counterpart = wanted_turn.holder
        email_enqueue(
            organization=actor.organization,
            to=counterpart.user.email,
            subject=f"{offered_turn.holder.display_name} asks to swap turns",
            body=(
                f"{offered_turn.holder.display_name} offers their turn of {offered_turn.start:%d %B %Y} "
                f"for yours of {wanted_turn.start:%d %B %Y} ({offered_turn.rotation.role}).\n"
                "Accept or decline it on your turns page in orgkit."
            ),
            kind="rotations.swap_requested",
        )
    return swap


def swap_accept(*, actor: Member, swap: Swap) -> Swap:
    """The other member accepts: the holders exchange turns and both turns are confirmed.

    Locks the swap and both turns, so two acceptances at once (or an acceptance racing a
    cancellation) settle exactly once.
    """
    require_same_org(actor, swap)
    _acting_for(actor, swap.counterpart, "accept a swap")
    with transaction.atomic():
        swap = Swap.objects.select_for_update().get(pk=swap.pk)
        if swap.status != Swap.Status.REQUESTED:
            raise ServiceError(f"This swap was already {swap.get_status_display()}.")
        offered, wanted = (
            Turn.objects.select_for_update().get(pk=pk)
            for pk in (swap.offered_turn_id, swap.wanted_turn_id)
        )
        if offered.holder_id != swap.requested_by_id or wanted.holder_id != swap.counterpart_id:
            raise ServiceError("The turns changed hands since the swap was asked for.")
        _upcoming(offered, "swap it")
        _upcoming(wanted, "swap it")
        _check_swap_keeps_rules(swap.rotation, offered, wanted)
        _exchange(offered, wanted)
        swap.status, swap.decided_at = Swap.Status.ACCEPTED, timezone.now()
        swap.save(update_fields=["status", "decided_at"])
        audit_record(
            organization=swap.organization,
            actor=actor.user,
            verb="rotations.swap.accepted",
            target=swap,
            data=_on_behalf(actor, swap.counterpart),
        )
    rotation_replan(rotation=swap.rotation)
    return swap


def _exchange(first: Turn, second: Turn) -> None:
    first.holder_id, second.holder_id = second.holder_id, first.holder_id
    for turn in (first, second):
        turn.confirmed, turn.accepted_at = True, timezone.now()
        turn.save(update_fields=["holder", "confirmed", "accepted_at"])


def _check_swap_keeps_rules(rotation: Rotation, offered: Turn, wanted: Turn) -> None:
    """Refuse a swap that would break the rotation's limits (cool-down, runs, leave)."""
    from orgkit.rotations.planning import gather_facts

    facts = gather_facts(rotation, today=org_today(rotation))
    swapped = {offered.start: wanted.holder_id, wanted.start: offered.holder_id}
    timeline = [
        engine.ExistingTurn(t.start, swapped.get(t.start, t.holder), t.shadow, confirmed=True)
        for t in facts.inputs.existing
    ]
    indices = {rules_for(rotation).cadence.index_of(day) for day in swapped}
    problems = [
        v
        for v in engine.rule_violations(
            timeline,
            facts.inputs.rules,
            history=facts.inputs.history,
            pool=facts.inputs.pool,
            leave=facts.inputs.leave,
        )
        if indices & set(v.indices)
    ]
    if problems:
        raise ServiceError(
            "This swap would break the rotation's rules: " + "; ".join(p.text for p in problems[:3])
        )


def swap_decline(*, actor: Member, swap: Swap) -> Swap:
    return _close_swap(
        actor=actor, swap=swap, by=swap.counterpart, status=Swap.Status.DECLINED, verb="declined"
    )


def swap_cancel(*, actor: Member, swap: Swap) -> Swap:
    return _close_swap(
        actor=actor, swap=swap, by=swap.requested_by, status=Swap.Status.CANCELLED, verb="cancelled"
    )


def _close_swap(*, actor: Member, swap: Swap, by: Member, status: str, verb: str) -> Swap:
    require_same_org(actor, swap)
    _acting_for(actor, by, f"{verb[:-1]} a swap")
    with transaction.atomic():
        swap = Swap.objects.select_for_update().get(pk=swap.pk)
        if swap.status != Swap.Status.REQUESTED:
            raise ServiceError(f"This swap was already {swap.get_status_display()}.")
        swap.status, swap.decided_at = status, timezone.now()
        swap.save(update_fields=["status", "decided_at"])
        audit_record(
            organization=swap.organization,
            actor=actor.user,
            verb=f"rotations.swap.{verb}",
            target=swap,
        )
    return swap


def swap_undo(*, actor: Member, swap: Swap) -> Swap:
    """Either member (or an organizer) undoes an accepted swap before the earlier turn starts."""
    require_same_org(actor, swap)
    if actor.pk not in (swap.requested_by_id, swap.counterpart_id) and not actor.is_organizer:
        raise NotAllowed("Only the two members (or an organizer) can undo a swap.")
    with transaction.atomic():
        swap = Swap.objects.select_for_update().get(pk=swap.pk)
        if swap.status != Swap.Status.ACCEPTED:
            raise ServiceError("Only an accepted swap can be undone.")
        offered, wanted = (
            Turn.objects.select_for_update().get(pk=pk)
            for pk in (swap.offered_turn_id, swap.wanted_turn_id)
        )
        _upcoming(min(offered, wanted, key=lambda t: t.start), "undo the swap")
        _exchange(offered, wanted)
        swap.status, swap.decided_at = Swap.Status.UNDONE, timezone.now()
        swap.save(update_fields=["status", "decided_at"])
        audit_record(
            organization=swap.organization,
            actor=actor.user,
            verb="rotations.swap.undone",
            target=swap,
        )
    rotation_replan(rotation=swap.rotation)
    return swap


# --- calendar feeds and reminders -----------------------------------------------------------


def feed_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_create(*, actor: Member, kind: str, body: Body | None = None) -> tuple[CalendarFeed, str]:
    """Make a secret iCal address; return the feed and its token (shown once)."""
    require_same_org(actor, body)
    if kind not in CalendarFeed.Kind.values:
        raise ServiceError("Choose which calendar to subscribe to.", field="kind")
    if kind == CalendarFeed.Kind.BODY and body is None:
        raise ServiceError("Choose the body.", field="body")
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        feed = CalendarFeed.objects.create(
            organization=actor.organization,
            member=actor,
            kind=kind,
            body=body if kind == CalendarFeed.Kind.BODY else None,
            token_hash=feed_token_hash(token),
        )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb="rotations.feed.created",
            target=feed,
        )
    return feed, token


def feed_revoke(*, actor: Member, feed: CalendarFeed) -> CalendarFeed:
    require_same_org(actor, feed)
    if feed.member_id != actor.pk:
        raise NotAllowed("You can only revoke your own calendar addresses.")
    with transaction.atomic():
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb="rotations.feed.revoked",
            target=feed,
        )
    return feed


def reminder_preference_set(
    *, actor: Member, days_before: int, enabled: bool
) -> ReminderPreference:
    if not 0 <= days_before <= 60:
        raise ServiceError("Choose between 0 and 60 days.", field="days_before")
    preference, _ = ReminderPreference.objects.update_or_create(
        member=actor,
        defaults={
            "organization": actor.organization,
            "days_before": days_before,
            "enabled": enabled,
        },
    )
    return preference


# --- handovers (periodic) -------------------------------------------------------------------


def turns_hand_over(*, at: datetime | None = None) -> int:
    """Record every turn that has started: the RoleAssignment history gets the new holder,
    outgoing and incoming holders get the handover checklist, and the plan rolls forward."""
    at = at or timezone.now()
    handed = 0
    due = (
        Turn.objects.filter(
            starts_at__lte=at, handed_over_at__isnull=True, rotation__is_active=True
        )
        .select_related("rotation__role__body", "rotation__organization", "holder__user")
        .order_by("starts_at")
    )
    for turn in due[:500]:
        with transaction.atomic():
            turn = (
                Turn.objects.select_for_update(of=("self",))
                .select_related("rotation__role", "holder__user")
                .get(pk=turn.pk)
            )
            if turn.handed_over_at is not None:
                continue
            role = turn.rotation.role
            current = (
                role.assignments.filter(end__isnull=True).select_related("member__user").first()
            )
            if turn.holder is not None and (current is None or current.member_id != turn.holder_id):
                if current is None or current.start < turn.start:
                    try:
                        role_assign(
                            actor=None,
                            role=role,
                            member=turn.holder,
                            how="rotation",
                            start=turn.start,
                            note=f"rotation turn of {turn.start:%d %b %Y}",
                            at=at,
                        )
                    except ServiceError:
                        # e.g. the holder left the organization: the turn stays as planned but
                        # no one is recorded as holding the role; organizers see it as vacant.
                        pass
                    else:
                        _send_checklist(turn, outgoing=current.member if current else None)
            turn.handed_over_at = at
            turn.save(update_fields=["handed_over_at"])
            handed += 1
    for rotation in Rotation.objects.filter(is_active=True, turns__handed_over_at=at).distinct():
        rotation_replan(rotation=rotation, at=at)
    return handed


def _send_checklist(turn: Turn, *, outgoing: Member | None) -> None:
    rotation = turn.rotation
    checklist = (
        rotation.handover_checklist.strip() or "(no checklist written yet — organizers can add one)"
    )
    for member, line in ((turn.holder, "You take over"), (outgoing, "You hand over")):
        if member is None:
            continue
        email_enqueue(
            organization=rotation.organization,
            to=member.user.email,
            subject=f"Handover: {rotation.role}",
            body=f"{line} as {rotation.role} on {turn.start:%A %d %B %Y}.\n\nHandover checklist:\n{checklist}\n",
            kind="rotations.handover",
        )


def turn_reminders_send(*, at: datetime | None = None) -> int:
    """Remind holders N days before their turn (their setting; default 3), once per turn."""
    at = at or timezone.now()
    sent = 0
    upcoming = Turn.objects.filter(
        reminded_at__isnull=True,
        holder__isnull=False,
        starts_at__gt=at,
        starts_at__lte=at + timedelta(days=61),
        rotation__is_active=True,
    ).select_related(
        "holder__user", "holder__reminder_preference", "rotation__role__body", "shadow__user"
    )
    for turn in upcoming:
        preference = getattr(turn.holder, "reminder_preference", None)
        days = preference.days_before if preference else 3
        if (preference and not preference.enabled) or turn.starts_at - at > timedelta(days=days):
            continue
        with transaction.atomic():
            if (
                Turn.objects.filter(pk=turn.pk, reminded_at__isnull=True).update(reminded_at=at)
                != 1
            ):
                continue  # another worker reminded it
            shadow = f"\n{turn.shadow.display_name} shadows you." if turn.shadow else ""
            email_enqueue(
                organization=turn.organization,
                to=turn.holder.user.email,
                subject=f"Your turn as {turn.rotation.role.name} starts {turn.start:%a %d %b}",
                body=(
                    f"Your turn as {turn.rotation.role} starts on {turn.start:%A %d %B %Y}"
                    f" and runs until {turn.end:%d %B}.{shadow}\n"
                ),
                kind="rotations.reminder",
            )
            sent += 1
    return sent
