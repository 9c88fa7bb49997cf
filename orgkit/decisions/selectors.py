"""Reads for decisions. Every selector takes ``organization=`` and does its own eager loading,
so a page's query count does not grow with its rows."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from orgkit.decisions.models import (
    Appeal,
    DecisionPolicy,
    Meeting,
    MeetingMove,
    MinorityReport,
    Motion,
    RecordVersion,
    Rejoinder,
    Signature,
    Vote,
)
from orgkit.organizations.models import Body, Member, Organization, RoleAssignment
from orgkit.organizations.selectors import body_current_members


def body_list(*, organization: Organization) -> QuerySet[Body]:
    """The organization's bodies, with their decision policies (if set) and parents."""
    return Body.objects.filter(organization=organization).select_related(
        "parent", "decision_policy"
    )


def body_get(*, organization: Organization, body_id: int) -> Body | None:
    return body_list(organization=organization).filter(pk=body_id).first()


def policy_get(*, organization: Organization, body: Body) -> DecisionPolicy | None:
    return DecisionPolicy.objects.filter(organization=organization, body=body).first()


def meeting_list(*, organization: Organization) -> QuerySet[Meeting]:
    """Meetings, latest first, with their body and how many agenda items and moves."""
    return (
        Meeting.objects.filter(organization=organization)
        .select_related("body")
        .annotate(item_count=Count("agenda", distinct=True), move_count=Count("moves"))
    )


def meeting_get(*, organization: Organization, meeting_id: int) -> Meeting | None:
    """One meeting with its agenda (and who proposed each item), its moves and its motions."""
    return (
        Meeting.objects.filter(organization=organization, pk=meeting_id)
        .select_related("body", "scheduled_by__user")
        .prefetch_related(
            "agenda__proposed_by__user",
            Prefetch("moves", queryset=MeetingMove.objects.select_related("moved_by__user")),
            Prefetch("motions", queryset=Motion.objects.select_related("body")),
        )
        .first()
    )


def motion_list(*, organization: Organization) -> QuerySet[Motion]:
    """Motions, newest first, with body, proposer and how many minority reports."""
    return (
        Motion.objects.filter(organization=organization)
        .select_related("body", "proposer__user", "seconder__user")
        .annotate(report_count=Count("reports"))
    )


def motion_get(*, organization: Organization, motion_id: int) -> Motion | None:
    """One motion with everything its page shows beside it, in a fixed number of queries."""
    reports = MinorityReport.objects.select_related("author__user").prefetch_related(
        Prefetch("signatures", queryset=Signature.objects.select_related("member__user")),
        Prefetch("rejoinders", queryset=Rejoinder.objects.select_related("author__user")),
    )
    return (
        Motion.objects.filter(organization=organization, pk=motion_id)
        .select_related(
            "body__parent",
            "meeting",
            "proposer__user",
            "seconder__user",
            "subject__user",
            "subject_role",
        )
        .prefetch_related(
            Prefetch("votes", queryset=Vote.objects.select_related("member__user")),
            Prefetch("reports", queryset=reports),
            Prefetch("extensions"),
            Prefetch(
                "appeals",
                queryset=Appeal.objects.select_related("to_body", "appellant__user", "meeting"),
            ),
            Prefetch("versions", queryset=RecordVersion.objects.order_by("number")),
        )
        .first()
    )


def report_get(*, organization: Organization, report_id: int) -> MinorityReport | None:
    return (
        MinorityReport.objects.filter(organization=organization, pk=report_id)
        .select_related("motion__body", "motion__organization")
        .first()
    )


def appeal_list(*, organization: Organization) -> QuerySet[Appeal]:
    """Appeals, newest first: visible to every member (both bodies' members included)."""
    return Appeal.objects.filter(organization=organization).select_related(
        "motion__body", "to_body", "appellant__user", "meeting"
    )


def appeal_get(*, organization: Organization, appeal_id: int) -> Appeal | None:
    return appeal_list(organization=organization).filter(pk=appeal_id).first()


def record_versions(*, organization: Organization, motion: Motion) -> QuerySet[RecordVersion]:
    return RecordVersion.objects.filter(organization=organization, motion=motion).order_by("number")


def active_members(*, organization: Organization) -> QuerySet[Member]:
    return Member.objects.active().filter(organization=organization).select_related("user")


def body_members(*, organization: Organization, body: Body) -> list[Member]:
    """Today's members of ``body`` (for the secretary's roll call)."""
    from django.utils import timezone

    return body_current_members(organization=organization, body=body, on=timezone.localdate())


def minutes_motions(*, organization: Organization, meeting: Meeting) -> QuerySet[Motion]:
    """The meeting's motions with their latest record version (for the minutes)."""
    return (
        Motion.objects.filter(organization=organization, meeting=meeting)
        .select_related("body", "proposer__user", "seconder__user")
        .prefetch_related(
            Prefetch("versions", queryset=RecordVersion.objects.order_by("number")),
        )
        .order_by("created_at", "id")
    )


def version_at(*, organization: Organization, seq: int) -> RecordVersion | None:
    return (
        RecordVersion.objects.filter(organization=organization, seq=seq)
        .select_related("motion")
        .first()
    )


def version_count(*, organization: Organization) -> int:
    return RecordVersion.objects.filter(organization=organization).count()


def report_list(*, organization: Organization, motion: Motion) -> QuerySet[MinorityReport]:
    """A decision's minority reports with signatories and rejoinders, in three queries."""
    return (
        MinorityReport.objects.filter(organization=organization, motion=motion)
        .select_related("author__user")
        .prefetch_related(
            Prefetch("signatures", queryset=Signature.objects.select_related("member__user")),
            Prefetch("rejoinders", queryset=Rejoinder.objects.select_related("author__user")),
        )
    )


def current_terms(*, organization: Organization, member: Member) -> QuerySet[RoleAssignment]:
    """The roles ``member`` holds now, with their bodies."""
    return RoleAssignment.objects.filter(
        organization=organization, member=member, end__isnull=True
    ).select_related("role__body")


def open_windows(*, organization: Organization) -> QuerySet[Motion]:
    """Decided motions whose minority-report window is open, soonest deadline first."""
    return (
        Motion.objects.filter(organization=organization, state=Motion.State.DECIDED)
        .exclude(window_closes_at__isnull=True)
        .select_related("body")
        .order_by("window_closes_at", "id")
    )


def emergency_meetings(*, organization: Organization, since) -> QuerySet[Meeting]:
    """Meetings still to come that were called (or moved earlier) by emergency decision."""
    return (
        Meeting.objects.filter(organization=organization, starts_at__gte=since)
        .exclude(emergency_reasons="")
        .select_related("body")
        .order_by("starts_at", "id")
    )
