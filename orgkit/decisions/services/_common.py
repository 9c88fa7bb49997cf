"""Helpers the decision services share: membership checks, the body's policy, bounded text."""

from __future__ import annotations

from datetime import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.decisions.models import DecisionPolicy
from orgkit.organizations.models import Body, BodyMember, Member
from orgkit.organizations.tenancy import in_organization_time

MAX_TEXT = 50_000


class NotEntitled(ServiceError):
    """A member's right that this member does not hold here: not on the body, not in the
    minority, not the report's signatory. A rule with a reason, shown as a message (400 in the
    API), unlike NotAllowed, which guards organizer-only actions (403)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="not_entitled")


def org_time_text(moment: datetime, organization) -> str:
    """``moment`` as the organization's members read a clock, in the active language: "5 Mar
    2026 18:00", "5 de marzo de 2026, 18:00"."""
    return date_format(in_organization_time(moment, organization), "DATETIME_FORMAT")


def policy_for(body: Body) -> DecisionPolicy:
    """The body's decision policy, or the defaults (unsaved) when none was set."""
    policy = DecisionPolicy.objects.filter(body=body).first()
    return policy or DecisionPolicy(organization_id=body.organization_id, body=body)


def require_active(actor: Member, *objects) -> None:
    """The actor is an active member of the organization the objects belong to."""
    if actor.status != Member.Status.ACTIVE:
        raise NotAllowed(_("Only active members can do this."))
    for obj in objects:
        if obj is not None and obj.organization_id != actor.organization_id:
            raise ServiceError(_("Not found in this organization."), code="not_found")


def require_organizer(actor: Member) -> None:
    if not (actor.status == Member.Status.ACTIVE and actor.is_organizer):
        raise NotAllowed(_("Only organizers can do this."))


def sits_on(member: Member, body: Body, at: datetime) -> bool:
    """Whether ``member`` belongs to ``body`` on the day of ``at``."""
    if member.status != Member.Status.ACTIVE or member.organization_id != body.organization_id:
        return False
    if body.membership == Body.Membership.ORGANIZATION:
        return True
    if body.membership == Body.Membership.BRANCH:
        return member.branch_id == body.branch_id
    day = in_organization_time(at, body.organization).date()
    seats = BodyMember.objects.filter(body=body, member=member, start__lte=day)
    return seats.exclude(end__lt=day).exists()


def require_body_member(member: Member, body: Body, at: datetime, *, doing: str) -> None:
    if not sits_on(member, body, at):
        raise NotEntitled(
            _("Only members of %(body)s can %(doing)s.") % {"body": body.name, "doing": doing}
        )


def clean_text(text: str, *, field: str, empty: str, most: int = MAX_TEXT) -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError(empty, field=field)
    if len(text) > most:
        raise ServiceError(_("Keep this under %(most)s characters.") % {"most": most}, field=field)
    return text
