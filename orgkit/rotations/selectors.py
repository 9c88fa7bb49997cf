"""Reads for rotations; each takes ``organization=`` and loads what its page shows."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from orgkit.organizations.models import Body, Member, Organization
from orgkit.rotations import engine
from orgkit.rotations.models import (
    CalendarFeed,
    Leave,
    PoolEntry,
    ReminderPreference,
    Rotation,
    Swap,
    Turn,
)


def rotations_active(*, organization: Organization) -> QuerySet[Rotation]:
    """The organization's active rotations with their role and body (one query)."""
    return Rotation.objects.filter(organization=organization, is_active=True).select_related(
        "role__body"
    )


def rotation_list(
    *, organization: Organization, today: date, body: Body | None = None
) -> QuerySet[Rotation]:
    """Active rotations (of one body, if given) with who holds the next turn (one query)."""
    upcoming = Turn.objects.filter(rotation=OuterRef("pk"), start__gte=today).order_by("start")
    rotations = rotations_active(organization=organization)
    if body is not None:
        rotations = rotations.filter(role__body=body)
    return rotations.annotate(
        next_start=Subquery(upcoming.values("start")[:1]),
        next_holder_name=Subquery(upcoming.values("holder__user__full_name")[:1]),
    )


def rotation_get(*, organization: Organization, rotation_id: int) -> Rotation | None:
    return (
        Rotation.objects.filter(organization=organization, pk=rotation_id, is_active=True)
        .select_related("role__body", "organization")
        .first()
    )


def turn_get(*, organization: Organization, turn_id: int) -> Turn | None:
    """One turn of the organization, with what acting on it reads (rotation, role, holder)."""
    return (
        Turn.objects.filter(organization=organization, pk=turn_id)
        .select_related(
            "organization",
            "rotation__role__body",
            "rotation__organization",
            "holder__user",
            "shadow__user",
        )
        .first()
    )


def swap_get(*, organization: Organization, swap_id: int) -> Swap | None:
    """One swap of the organization, with its rotation and the two members."""
    return (
        Swap.objects.filter(organization=organization, pk=swap_id)
        .select_related(
            "organization", "rotation__organization", "requested_by__user", "counterpart__user"
        )
        .first()
    )


def leave_get(*, organization: Organization, leave_id: int) -> Leave | None:
    """One period of leave recorded in the organization, with its member."""
    return (
        Leave.objects.filter(organization=organization, pk=leave_id)
        .select_related("member__user", "member__organization")
        .first()
    )


def feed_get(*, organization: Organization, member: Member, feed_id: int) -> CalendarFeed | None:
    """One of ``member``'s own calendar feeds (revoked or not); someone else's is None."""
    return CalendarFeed.objects.filter(organization=organization, member=member, pk=feed_id).first()


def feed_for_token(*, org_slug: str, token_hash: str) -> CalendarFeed | None:
    """The live feed with this token under this organization's address, for an active
    member; None for an unknown, revoked or misplaced token."""
    return (
        CalendarFeed.objects.filter(
            token_hash=token_hash,
            revoked_at__isnull=True,
            organization__slug=org_slug,
            member__status=Member.Status.ACTIVE,
        )
        .select_related("organization", "member__user", "member__organization", "body")
        .first()
    )


def reminder_preference_get(
    *, organization: Organization, member: Member
) -> ReminderPreference | None:
    """The member's reminder setting, if they ever saved one."""
    return ReminderPreference.objects.filter(organization=organization, member=member).first()


def turns_between(
    *, organization: Organization, rotation: Rotation, start: date, end: date
) -> QuerySet[Turn]:
    """Turns starting in [start, end), holders and shadows loaded."""
    return Turn.objects.filter(
        organization=organization, rotation=rotation, start__gte=start, start__lt=end
    ).select_related("holder__user", "shadow__user", "covered_for__user")


def turns_overlapping(
    *, organization: Organization, rotations, start: date, end: date
) -> QuerySet[Turn]:
    """Turns of the given rotations that cover any day in [start, end) — including a long turn
    that began months before ``start``."""
    return (
        Turn.objects.filter(
            organization=organization, rotation__in=rotations, end__gt=start, start__lt=end
        )
        .select_related("holder__user", "shadow__user", "rotation__role")
        .order_by("start", "rotation__role__name")
    )


def upcoming_turns(
    *, organization: Organization, rotation: Rotation, today: date
) -> QuerySet[Turn]:
    return turns_between(organization=organization, rotation=rotation, start=today, end=date.max)


def rotation_pool(*, organization: Organization, rotation: Rotation) -> QuerySet[PoolEntry]:
    return PoolEntry.objects.filter(
        organization=organization, rotation=rotation, left_at__isnull=True
    ).select_related("member__user")


def member_turns(*, organization: Organization, member: Member, since: date) -> QuerySet[Turn]:
    """A member's turns (held or shadowed) from ``since`` on, across rotations."""
    return (
        Turn.objects.filter(organization=organization, start__gte=since, rotation__is_active=True)
        .filter(Q(holder=member) | Q(shadow=member))
        .select_related("rotation__role__body", "holder__user", "shadow__user")
    )


def turns_needing_cover(
    *, organization: Organization, since: date, member: Member | None = None
) -> list[Turn]:
    """Coming confirmed turns nobody will serve (``Turn.needs_cover``), soonest first: all of
    the organization's, or those ``member`` holds. One query; the alarm itself is read from
    each turn's stored reasons, in Python (SQLite has no JSON containment)."""
    turns = Turn.objects.filter(
        organization=organization,
        start__gte=since,
        confirmed=True,
        status=Turn.Status.PLANNED,
        rotation__is_active=True,
    )
    if member is not None:
        turns = turns.filter(holder=member)
    turns = turns.select_related("rotation__role__body", "holder__user").order_by("start", "id")
    # Confirmed turns are the few nearest ones of each rotation (its confirmation horizon) and
    # those members accepted; the cap only guards against a runaway organization.
    return [t for t in turns[:500] if t.needs_cover]


def open_swaps_for(*, organization: Organization, member: Member) -> QuerySet[Swap]:
    """Swaps waiting on ``member`` or asked by them, accepted ones they may undo, and those that
    closed on their own in the last 30 days (so the members see why)."""
    lapsed_since = timezone.now() - timedelta(days=30)
    return (
        Swap.objects.filter(organization=organization)
        .filter(Q(requested_by=member) | Q(counterpart=member))
        .filter(
            Q(status__in=[Swap.Status.REQUESTED, Swap.Status.ACCEPTED])
            | Q(status=Swap.Status.LAPSED, decided_at__gte=lapsed_since)
        )
        .select_related(
            "offered_turn",
            "wanted_turn",
            "requested_by__user",
            "counterpart__user",
            "rotation__role",
        )
    )


def member_leave(*, organization: Organization, member: Member, since: date) -> QuerySet[Leave]:
    """The member's leave that has not ended by ``since`` (what still shapes the plan)."""
    return Leave.objects.filter(organization=organization, member=member, end__gte=since)


def member_earlier_leave(
    *, organization: Organization, member: Member, before: date, limit: int = 10
) -> list[Leave]:
    """The member's most recent leave that ended before ``before``, newest first (bounded:
    a page lists the last few, not a lifetime)."""
    return list(
        Leave.objects.filter(organization=organization, member=member, end__lt=before).order_by(
            "-end", "-pk"
        )[:limit]
    )


def member_feeds(*, organization: Organization, member: Member) -> QuerySet[CalendarFeed]:
    return CalendarFeed.objects.filter(
        organization=organization, member=member, revoked_at__isnull=True
    ).select_related("body")


def feed_turns(*, feed: CalendarFeed, since: date) -> QuerySet[Turn]:
    """The turns a calendar feed shows: the member's own, or every rotation on the body."""
    turns = Turn.objects.filter(
        organization_id=feed.organization_id, start__gte=since, rotation__is_active=True
    )
    if feed.kind == CalendarFeed.Kind.PERSONAL:
        turns = turns.filter(Q(holder_id=feed.member_id) | Q(shadow_id=feed.member_id))
    else:
        turns = turns.filter(rotation__role__body_id=feed.body_id)
    return turns.select_related("rotation__role__body", "holder__user", "shadow__user").order_by(
        "start"
    )


def fairness(*, organization: Organization, rotation: Rotation, start: date, today: date):
    """The engine's fairness report over turns from ``start`` to the end of the plan.

    Returns ``(report, names, served, planned, end)``: ``served`` and ``planned`` count each
    member's turns before and from ``today`` (turns served credit whoever served them).
    """
    turns = list(
        turns_between(organization=organization, rotation=rotation, start=start, end=date.max)
    )
    end = max((t.end for t in turns), default=today + timedelta(days=1))
    pool = list(rotation_pool(organization=organization, rotation=rotation))
    records = [
        engine.PastTurn(
            t.start,
            t.holder_id,
            engine.TurnOutcome(t.status)
            if t.status in Turn.OVERRIDES
            else engine.TurnOutcome.SERVED,
            covered_for=t.covered_for_id,
        )
        for t in turns
    ]
    report = engine.fairness_report(records, start=start, end=end, pool=[e.member_id for e in pool])
    names = {e.member_id: e.member.display_name for e in pool}
    names.update({t.holder_id: t.holder.display_name for t in turns if t.holder})
    served = Counter(t.holder_id for t in turns if t.holder_id and t.start < today)
    planned = Counter(t.holder_id for t in turns if t.holder_id and t.start >= today)
    return report, names, served, planned, end


def body_choices_with_rotations(*, organization: Organization) -> QuerySet[Body]:
    return Body.objects.filter(
        organization=organization, roles__rotations__is_active=True
    ).distinct()
