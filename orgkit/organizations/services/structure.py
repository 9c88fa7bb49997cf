"""Writes for organizations: every change goes through one of these functions.

Each service validates, writes inside one transaction, records an audit event and enqueues any
email after commit. They take keyword arguments only and an ``at`` time (default: now) so that
seeds can build a believable past through the same code, and tests can move the clock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.bounds import require_plausible_date
from orgkit.core.errors import ServiceError
from orgkit.organizations.events import OrganizationEvent
from orgkit.organizations.models import (
    Body,
    BodyMember,
    Branch,
    Member,
    Role,
    RoleAssignment,
)
from orgkit.organizations.removals import ELECTED_ROLE, check_removal
from orgkit.organizations.services.checks import (
    check_slug,
    require_organizer,
    require_same_org,
)

# --- branches, bodies, roles ----------------------------------------------------------------


def branch_create(
    *, actor: Member, name: str, slug: str = "", at: datetime | None = None
) -> Branch:
    """Add a branch (a workplace, a neighbourhood, a chapter)."""
    require_organizer(actor)
    if not name.strip():
        raise ServiceError(_("Give the branch a name."), field="name")
    slug = check_slug(slug or slugify(name))
    try:
        with transaction.atomic():
            branch = Branch.objects.create(
                organization=actor.organization,
                name=name.strip(),
                slug=slug,
                created_at=at or timezone.now(),
            )
            audit_record(
                organization=actor.organization,
                actor=actor.user,
                verb=OrganizationEvent.BRANCH_CREATED,
                target=branch,
                at=at,
            )
    except IntegrityError:
        raise ServiceError(
            _("A branch with the address “%(slug)s” exists.") % {"slug": slug}, field="slug"
        ) from None
    return branch


def body_create(
    *,
    actor: Member,
    name: str,
    kind: str,
    membership: str = Body.Membership.EXPLICIT,
    parent: Body | None = None,
    branch: Branch | None = None,
    slug: str = "",
    description: str = "",
    at: datetime | None = None,
) -> Body:
    """Add a body to the organization's tree (a committee, region, congress or assembly)."""
    require_organizer(actor)
    require_same_org(actor, parent, branch)
    if not name.strip():
        raise ServiceError(_("Give the body a name."), field="name")
    if kind not in Body.Kind.values:
        raise ServiceError(_("Choose what kind of body this is."), field="kind")
    if membership not in Body.Membership.values:
        raise ServiceError(_("Choose how membership of this body works."), field="membership")
    if membership == Body.Membership.BRANCH and branch is None:
        raise ServiceError(_("An assembly of a branch needs its branch."), field="branch")
    slug = check_slug(slug or slugify(name))
    try:
        with transaction.atomic():
            body = Body.objects.create(
                organization=actor.organization,
                name=name.strip(),
                slug=slug,
                kind=kind,
                membership=membership,
                parent=parent,
                branch=branch,
                description=description,
                created_at=at or timezone.now(),
            )
            audit_record(
                organization=actor.organization,
                actor=actor.user,
                verb=OrganizationEvent.BODY_CREATED,
                target=body,
                data={"kind": kind, "parent": parent.slug if parent else None},
                at=at,
            )
    except IntegrityError:
        raise ServiceError(
            _("A body with the address “%(slug)s” exists.") % {"slug": slug}, field="slug"
        ) from None
    return body


def body_member_add(
    *,
    actor: Member,
    body: Body,
    member: Member,
    how: str,
    start: date,
    end: date | None = None,
    at: datetime | None = None,
) -> BodyMember:
    """Seat a member on a body with named membership, from ``start`` (to ``end``)."""
    require_organizer(actor)
    require_same_org(actor, body, member)
    if body.membership != Body.Membership.EXPLICIT:
        raise ServiceError(
            _("Everyone in %(who)s belongs to %(body)s already.")
            % {"who": body.get_membership_display(), "body": body.name}
        )
    if how not in BodyMember.How.values:
        raise ServiceError(_("Say how the member came to sit on this body."), field="how")
    require_plausible_date(start, field="start")
    require_plausible_date(end, field="end")
    if end is not None and end < start:
        raise ServiceError(_("The end date is before the start date."), field="end")
    overlapping = BodyMember.objects.filter(body=body, member=member, start__lte=end or date.max)
    overlapping = overlapping.exclude(end__lt=start)
    if overlapping.exists():
        raise ServiceError(
            _("%(name)s already sits on %(body)s at that time.")
            % {"name": member.display_name, "body": body.name}
        )
    with transaction.atomic():
        seat = BodyMember.objects.create(
            organization=actor.organization,
            body=body,
            member=member,
            how=how,
            start=start,
            end=end,
            created_at=at or timezone.now(),
        )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb=OrganizationEvent.BODY_MEMBER_ADDED,
            target=body,
            data={
                "member": member.pk,
                "name": member.display_name,
                "how": how,
                "start": start.isoformat(),
                "end": end.isoformat() if end else None,
            },
            at=at,
        )
    return seat


def role_create(
    *, actor: Member, body: Body, name: str, description: str = "", at: datetime | None = None
) -> Role:
    """Define a role on a body (coordinator, secretary, treasurer…)."""
    require_organizer(actor)
    require_same_org(actor, body)
    if not name.strip():
        raise ServiceError(_("Give the role a name."), field="name")
    try:
        with transaction.atomic():
            role = Role.objects.create(
                organization=actor.organization,
                body=body,
                name=name.strip(),
                description=description,
                created_at=at or timezone.now(),
            )
            audit_record(
                organization=actor.organization,
                actor=actor.user,
                verb=OrganizationEvent.ROLE_CREATED,
                target=role,
                at=at,
            )
    except IntegrityError:
        raise ServiceError(
            _("%(body)s already has a role called “%(role)s”.") % {"body": body.name, "role": name},
            field="name",
        ) from None
    return role


def role_assignment_end(
    *,
    actor: Member | None,
    assignment: RoleAssignment,
    on: date | None = None,
    reason: str = "",
    at: datetime | None = None,
) -> RoleAssignment:
    """End a current term. The holder may always resign (no approval needed); an organizer
    may end someone else's term, except an elected one, which only a recorded decision ends
    (``removals.check_removal``); ``actor`` None is the system carrying out such a decision."""
    on = on or timezone.localdate()
    require_plausible_date(on, field="on")
    resigning = actor is not None and actor.pk == assignment.member_id
    if actor is not None and not resigning:
        require_organizer(actor)
        require_same_org(actor, assignment)
        if assignment.how == RoleAssignment.How.ELECTION:
            check_removal(
                actor=actor, member=assignment.member, kind=ELECTED_ROLE, role=assignment.role
            )
    with transaction.atomic():
        current = (
            RoleAssignment.objects.select_for_update()
            .filter(pk=assignment.pk, end__isnull=True)
            .first()
        )
        if current is None:
            raise ServiceError(_("This term has ended already."))
        if on < current.start:
            raise ServiceError(_("A term cannot end before it started."), field="on")
        current.end = on
        current.save(update_fields=["end"])
        audit_record(
            organization=current.organization,
            actor=actor.user if actor else None,
            verb=OrganizationEvent.ROLE_ENDED,
            target=current.role,
            data={
                "name": current.member.display_name,
                "on": on.isoformat(),
                "why": "resigned" if resigning else (reason or "ended")[:200],
            },
            at=at,
        )
    return current


def role_assign(
    *,
    actor: Member | None,
    role: Role,
    member: Member,
    how: str,
    start: date,
    note: str = "",
    at: datetime | None = None,
) -> RoleAssignment:
    """Hand a role to a member from ``start``; the previous holder's term ends the day before.

    ``actor`` is None when the system itself records a handover (a rotation or an election
    result); otherwise it must be an organizer.
    """
    if actor is not None:
        require_organizer(actor)
        require_same_org(actor, role, member)
    if member.organization_id != role.organization_id:
        raise ServiceError(_("Not found in this organization."), code="not_found")
    if how not in RoleAssignment.How.values:
        raise ServiceError(_("Say how the member came to hold the role."), field="how")
    require_plausible_date(start, field="start")
    if member.status != Member.Status.ACTIVE:
        raise ServiceError(
            _("%(name)s is no longer an active member.") % {"name": member.display_name}
        )
    with transaction.atomic():
        current = (
            RoleAssignment.objects.select_for_update().filter(role=role, end__isnull=True).first()
        )
        if current is not None:
            # An elected holder is not replaced by an organizer's appointment: that would be a
            # removal, which needs a recorded decision (orgkit/organizations/removals.py).
            if (
                actor is not None
                and current.how == RoleAssignment.How.ELECTION
                and how != RoleAssignment.How.ELECTION
            ):
                check_removal(actor=actor, member=current.member, kind=ELECTED_ROLE, role=role)
            if start <= current.start:
                raise ServiceError(
                    _("The current holder started on %(date)s; a new term must start after that.")
                    % {"date": date_format(current.start, "DATE_FORMAT")},
                    field="start",
                )
            current.end = start - timedelta(days=1)
            current.save(update_fields=["end"])
        if RoleAssignment.objects.filter(role=role, end__gte=start).exists():
            raise ServiceError(_("That start date falls inside an earlier term."), field="start")
        assignment = RoleAssignment.objects.create(
            organization=role.organization,
            role=role,
            member=member,
            how=how,
            start=start,
            note=note,
            created_at=at or timezone.now(),
        )
        audit_record(
            organization=role.organization,
            actor=actor.user if actor else None,
            verb=OrganizationEvent.ROLE_ASSIGNED,
            target=role,
            data={
                "member": member.pk,
                "name": member.display_name,
                "how": how,
                "start": start.isoformat(),
            },
            at=at,
        )
    return assignment
