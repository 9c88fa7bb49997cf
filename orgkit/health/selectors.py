"""The health figures' reads: one query for each kind of fact, each scoped to the organization.

This is the one module of the health app that reads other apps' tables (organizations,
elections; the audit log). Each function returns plain facts for the pure metrics, never
querysets, so a panel's query count is fixed however much data the organization has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from orgkit.core.models import AuditEvent
from orgkit.elections.models import Apportionment, Election, ElectionResult, Protest, VoterRollEntry
from orgkit.health.metrics.roles import Holding
from orgkit.organizations.events import OrganizationEvent
from orgkit.organizations.models import Member, Organization, Role, RoleAssignment
from orgkit.rotations.selectors import rotations_active, turns_overlapping


@dataclass(frozen=True)
class MemberSpan:
    id: int
    joined_on: date
    left_on: date | None

    def member_on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)


@dataclass(frozen=True)
class HoldingRow:
    holding: Holding
    role_name: str
    body_name: str
    member_name: str


@dataclass(frozen=True)
class ElectionRow:
    id: int
    title: str
    state: str
    voting_opens_at: datetime
    voting_closes_at: datetime
    notice_sent_at: datetime | None
    notice_days: int
    on_roll: int
    voted: int


@dataclass(frozen=True)
class ResultRow:
    election_id: int
    title: str
    at: datetime
    data: dict


@dataclass(frozen=True)
class ApportionmentRow:
    id: int
    congress: str
    method: str
    at: datetime
    table: dict


@dataclass(frozen=True)
class ProtestRow:
    election_id: int
    title: str
    lodged_at: datetime
    answered_at: datetime | None


@dataclass(frozen=True)
class RotationRow:
    role_id: int
    max_consecutive_terms: int
    max_terms_per_12_months: int | None


def rotation_limits(*, organization: Organization) -> list[RotationRow]:
    """The active rotations' roles and term limits (one query, through the rotations app's
    selector)."""
    return [
        RotationRow(*row)
        for row in rotations_active(organization=organization)
        .select_related(None)
        .order_by()
        .values_list("role_id", "max_consecutive_terms", "max_terms_per_12_months")
    ]


def turn_holders(*, organization: Organization, start: date, end: date) -> list[int | None]:
    """The holder of each turn of the active rotations in [start, end) (None: left open) — one
    query, through the rotations app's selector."""
    return list(
        turns_overlapping(
            organization=organization,
            rotations=rotations_active(organization=organization).values("pk"),
            start=start,
            end=end,
        )
        .select_related(None)
        .values_list("holder_id", flat=True)
    )


def member_spans(*, organization: Organization) -> list[MemberSpan]:
    """Every member's membership dates (left members too: the trend looks back a year)."""
    return [
        MemberSpan(i, joined, left)
        for i, joined, left in Member.objects.filter(organization=organization)
        .order_by()
        .values_list("id", "joined_on", "left_on")
    ]


def role_holdings(*, organization: Organization) -> list[HoldingRow]:
    """Every role assignment, with the names its panel links show."""
    rows = (
        RoleAssignment.objects.filter(organization=organization)
        .order_by()
        .values_list(
            "member_id",
            "role_id",
            "start",
            "end",
            "role__name",
            "role__body__name",
            "member__user__full_name",
            "member__user__email",
        )
    )
    return [
        HoldingRow(Holding(m, r, start, end), role, body, name or email)
        for m, r, start, end, role, body, name, email in rows
    ]


def _count(queryset) -> Coalesce:
    return Coalesce(
        Subquery(
            queryset.order_by().values("election").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def elections_since(*, organization: Organization, since: datetime) -> list[ElectionRow]:
    """Elections whose voting opened since ``since``, with the roll's size and who voted."""
    roll = VoterRollEntry.objects.filter(election=OuterRef("pk"))
    rows = (
        Election.objects.filter(organization=organization, voting_opens_at__gte=since)
        .exclude(state=Election.State.DRAFT)
        .annotate(on_roll=_count(roll), voted=_count(roll.filter(voted=True)))
        .order_by("voting_opens_at", "pk")
        .values_list(
            "id",
            "title",
            "state",
            "voting_opens_at",
            "voting_closes_at",
            "notice_sent_at",
            "notice_days",
            "on_roll",
            "voted",
        )
    )
    return [ElectionRow(*row) for row in rows]


def first_results_since(*, organization: Organization, since: datetime) -> list[ResultRow]:
    """Each election's first count stored since ``since`` (recounts repeat it)."""
    rows = (
        ElectionResult.objects.filter(
            organization=organization, created_at__gte=since, recount_of__isnull=True
        )
        .order_by("created_at", "pk")
        .values_list("election_id", "election__title", "created_at", "data")
    )
    return [ResultRow(*row) for row in rows]


def apportionments_since(*, organization: Organization, since: datetime) -> list[ApportionmentRow]:
    rows = (
        Apportionment.objects.filter(organization=organization, created_at__gte=since)
        .order_by("created_at", "pk")
        .values_list("id", "congress__name", "method", "created_at", "table")
    )
    return [ApportionmentRow(*row) for row in rows]


def protests_since(*, organization: Organization, since: datetime) -> list[ProtestRow]:
    rows = (
        Protest.objects.filter(organization=organization, lodged_at__gte=since)
        .order_by("lodged_at", "pk")
        .values_list("election_id", "election__title", "lodged_at", "answered_at")
    )
    return [ProtestRow(*row) for row in rows]


def _per_org(queryset) -> Coalesce:
    return Coalesce(
        Subquery(
            queryset.order_by().values("organization").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def organizer_figures(*, organization: Organization, since: datetime) -> dict[str, int]:
    """How many organizers and roles there are now, and step-downs recorded since ``since`` —
    one query."""
    here = OuterRef("pk")
    return (
        Organization.objects.filter(pk=organization.pk)
        .annotate(
            organizers=_per_org(
                Member.objects.filter(
                    organization=here, status=Member.Status.ACTIVE, is_organizer=True
                )
            ),
            n_roles=_per_org(Role.objects.filter(organization=here)),
            step_downs=_per_org(
                AuditEvent.objects.filter(
                    organization=here,
                    verb=OrganizationEvent.ORGANIZER_STEPPED_DOWN,
                    occurred_at__gte=since,
                )
            ),
        )
        .values("organizers", "n_roles", "step_downs")
        .get()
    )
