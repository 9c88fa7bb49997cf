"""The health figures' reads: one query for each kind of fact, each scoped to the organization.

This is the one module of the health app that reads other apps' tables (organizations,
elections, decisions; the audit log) and calls other apps' selectors (rotations, skills). Each function returns plain facts for the pure metrics, never
querysets, so a panel's query count is fixed however much data the organization has.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from orgkit.core.models import AuditEvent
from orgkit.decisions.models import Appeal, Meeting, MeetingMove, MinorityReport, Motion
from orgkit.elections.models import Apportionment, Election, ElectionResult, Protest, VoterRollEntry
from orgkit.health.metrics.roles import Holding
from orgkit.organizations.events import OrganizationEvent
from orgkit.organizations.models import Member, Organization, Role, RoleAssignment
from orgkit.rotations.selectors import rotations_active, turns_overlapping
from orgkit.skills import coverage as skills_coverage
from orgkit.skills import selectors as skills_selectors


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


def _count(queryset, by: str = "election") -> Coalesce:
    """How many rows of ``queryset`` (correlated by ``by`` to the outer row), 0 for none."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(by).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def elections_since(*, organization: Organization, since: datetime) -> list[ElectionRow]:
    """Elections whose voting opened since ``since``, with the roll's size and who voted.
    Imported elections are left out: nobody voted in orgkit, so they have no roll, turnout or
    notice to measure."""
    roll = VoterRollEntry.objects.filter(election=OuterRef("pk"))
    rows = (
        Election.objects.filter(organization=organization, voting_opens_at__gte=since)
        .exclude(state=Election.State.DRAFT)
        .exclude(imported=True)
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


def organizer_figures(*, organization: Organization, since: datetime) -> dict[str, int]:
    """How many organizers and roles there are now, and step-downs recorded since ``since`` —
    one query."""
    here = OuterRef("pk")
    return (
        Organization.objects.filter(pk=organization.pk)
        .annotate(
            organizers=_count(
                Member.objects.filter(
                    organization=here, status=Member.Status.ACTIVE, is_organizer=True
                ),
                "organization",
            ),
            n_roles=_count(Role.objects.filter(organization=here), "organization"),
            step_downs=_count(
                AuditEvent.objects.filter(
                    organization=here,
                    verb=OrganizationEvent.ORGANIZER_STEPPED_DOWN,
                    occurred_at__gte=since,
                ),
                "organization",
            ),
        )
        .values("organizers", "n_roles", "step_downs")
        .get()
    )


# --- skills -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleBusRow:
    role_id: int
    role_name: str
    body_name: str
    needs: int  # how many skill requirements the role has
    able: frozenset[int]  # members of its pool who could hold it tomorrow
    bus_factor: int


def role_bus_factors(*, organization: Organization) -> list[RoleBusRow]:
    """Each role's bus factor as the skills app computes it (its own selector and core; a
    fixed number of queries)."""
    return [
        RoleBusRow(
            row.role.pk,
            row.role.name,
            row.role.body.name,
            len(row.requirements),
            frozenset(m.pk for m in row.able),
            row.bus_factor,
        )
        for row in skills_selectors.role_coverage_list(organization=organization)
    ]


def teaching_sessions(
    *, organization: Organization, since: date
) -> list[skills_coverage.SessionFact]:
    """Teaching sessions held since ``since``, as the skills core's facts (its selector)."""
    return skills_selectors.session_facts(organization=organization, since=since)


def rotation_term_holders(*, organization: Organization, today: date) -> dict[int, str]:
    """Who holds each rotating role's current term (the skills app's reading of rotations),
    with their names — three queries."""
    ids = {
        holder
        for _r, holder, _first, _last in skills_selectors.current_terms(
            organization=organization, today=today
        )
    }
    rows = Member.objects.filter(organization=organization, pk__in=ids).values_list(
        "pk", "user__full_name", "user__email"
    )
    return {pk: name or email for pk, name, email in rows}


def open_alert_count(*, organization: Organization) -> int:
    """How many succession alerts are open (one query)."""
    return skills_selectors.alerts_open(organization=organization).count()


# --- decisions ----------------------------------------------------------------------------

#: The notice a body without a decision policy gets (the decisions app's model default).
DEFAULT_NOTICE_DAYS = 7


def _local(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localdate(moment)


@dataclass(frozen=True)
class ReportRow:
    motion_id: int
    title: str
    due: date  # the minority-report window's close
    published_on: date | None


def minority_reports_since(*, organization: Organization, since: datetime) -> list[ReportRow]:
    """Minority reports on decisions whose window closed since ``since``, with when each
    was published (one query)."""
    rows = (
        MinorityReport.objects.filter(
            organization=organization,
            motion__window_closes_at__gte=since,
        )
        .order_by("motion__window_closes_at", "pk")
        .values_list("motion_id", "motion__title", "motion__window_closes_at", "published_at")
    )
    return [ReportRow(m, t, _local(due), _local(pub)) for m, t, due, pub in rows]


@dataclass(frozen=True)
class MeetingRow:
    id: int
    title: str
    starts_at: datetime
    first_starts_at: datetime  # the date it was first called for
    called_at: datetime  # when it was called, or last moved
    notice_days: int  # the body's minimum
    emergency: bool  # called, or moved earlier, by emergency decision


def meetings_since(*, organization: Organization, since: datetime) -> list[MeetingRow]:
    """Meetings (not cancelled) starting since ``since``: first date, last change, the body's
    notice period and whether an emergency decision was used (one query)."""
    moves = MeetingMove.objects.filter(meeting=OuterRef("pk"))
    rows = (
        Meeting.objects.filter(organization=organization, starts_at__gte=since)
        .exclude(state=Meeting.State.CANCELLED)
        .annotate(
            first_at=Subquery(moves.order_by("moved_at", "pk").values("from_starts_at")[:1]),
            last_moved=Subquery(moves.order_by("-moved_at", "-pk").values("moved_at")[:1]),
            notice=Coalesce("body__decision_policy__notice_days", Value(DEFAULT_NOTICE_DAYS)),
            emergency_moves=_count(moves.exclude(emergency_reasons=""), "meeting"),
        )
        .order_by("starts_at", "pk")
        .values_list(
            "id",
            "title",
            "starts_at",
            "first_at",
            "created_at",
            "last_moved",
            "notice",
            "emergency_reasons",
            "emergency_moves",
        )
    )
    return [
        MeetingRow(i, t, starts, first or starts, moved or created, notice, bool(why or n))
        for i, t, starts, first, created, moved, notice, why, n in rows
    ]


HEARD = {
    Appeal.State.HEARD,
    Appeal.State.UPHELD,
    Appeal.State.OVERTURNED,
    Appeal.State.REFERRED_BACK,
}


@dataclass(frozen=True)
class AppealRow:
    motion_id: int
    title: str
    filed_at: datetime
    hear_by: date
    heard_on: date | None  # the meeting it was heard at (None: not heard yet)
    expulsion: bool


def appeals_since(*, organization: Organization, since: datetime) -> list[AppealRow]:
    """Appeals filed since ``since``: the deadline to hear each, and the date of the meeting
    that heard it (one query)."""
    rows = (
        Appeal.objects.filter(organization=organization, filed_at__gte=since)
        .order_by("filed_at", "pk")
        .values_list(
            "motion_id",
            "motion__title",
            "filed_at",
            "hear_by",
            "state",
            "meeting__starts_at",
            "motion__action",
        )
    )
    return [
        AppealRow(
            m,
            t,
            filed,
            _local(hear_by),
            _local(held) if state in HEARD and held is not None else None,
            action == Motion.Action.EXPEL,
        )
        for m, t, filed, hear_by, state, held, action in rows
    ]


@dataclass(frozen=True)
class ActionRow:
    motion_id: int
    title: str
    action: str  # "remove" or "expel"
    decided_at: datetime


def removals_decided_since(*, organization: Organization, since: datetime) -> list[ActionRow]:
    """Removal and expulsion motions that carried since ``since`` (one query)."""
    rows = (
        Motion.objects.filter(
            organization=organization,
            action__in=[Motion.Action.REMOVE, Motion.Action.EXPEL],
            outcome=Motion.Outcome.CARRIED,
            decided_at__gte=since,
        )
        .order_by("decided_at", "pk")
        .values_list("pk", "title", "action", "decided_at")
    )
    return [ActionRow(*row) for row in rows]


@dataclass(frozen=True)
class EndingRow:
    role_id: int
    role_name: str
    member_name: str
    on: date
    at: datetime
    why: str  # "resigned", "decision <motion id>", "ended" or an organizer's reason


def elected_terms_ended_since(*, organization: Organization, since: datetime) -> list[EndingRow]:
    """Terms of roles filled by election that someone ended since ``since``: the audit log's
    role-ended events, kept to those matching an elected holding that ended that day (two
    queries)."""
    elected = set(
        RoleAssignment.objects.filter(
            organization=organization,
            how=RoleAssignment.How.ELECTION,
            end__gte=timezone.localdate(since),
        )
        .order_by()
        .values_list("role_id", "end")
    )
    rows = (
        AuditEvent.objects.filter(
            organization=organization,
            verb=OrganizationEvent.ROLE_ENDED,
            occurred_at__gte=since,
        )
        .order_by("occurred_at", "pk")
        .values_list("target_id", "target_label", "data", "occurred_at")
    )
    endings = []
    for target, label, data, at in rows:
        try:
            role_id, on = int(target), date.fromisoformat(str(data.get("on")))
        except (TypeError, ValueError):
            continue  # an event this reading does not understand is not counted
        if (role_id, on) in elected:
            endings.append(
                EndingRow(
                    role_id, label, str(data.get("name", "")), on, at, str(data.get("why", ""))
                )
            )
    return endings


def who_taught(
    sessions: list[skills_coverage.SessionFact], *, members: list[int], since: date, until: date
) -> set[int]:
    """Of ``members``, who taught someone who signed off between ``since`` and ``until`` (the
    skills core's own tally, so health counts teaching exactly as the skills pages do)."""
    tally = skills_coverage.teaching_tallies(members, sessions, since=since, until=until)
    return {m for m, n in tally.taught_sessions.items() if n > 0}
