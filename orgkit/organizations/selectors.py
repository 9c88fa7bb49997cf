"""Reads for organizations. Every selector takes ``organization=`` and does its own eager
loading, so a page's query count does not grow with its rows (DESIGN.md rules 4 and 6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from orgkit.organizations.models import (
    Body,
    BodyMember,
    Branch,
    Invitation,
    Member,
    Organization,
    Role,
    RoleAssignment,
)


def organizations_of_user(*, user) -> QuerySet[Organization]:
    """The organizations in which ``user`` is an active member, with their member counts."""
    # The count is a subquery: annotating Count("members") after filtering on members__user
    # would reuse that join and count only the user's own membership ("1 member").
    active_count = (
        Member.objects.filter(organization=OuterRef("pk"), status=Member.Status.ACTIVE)
        .order_by()
        .values("organization")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Organization.objects.filter(
        members__user=user, members__status=Member.Status.ACTIVE
    ).annotate(active_members=Coalesce(Subquery(active_count), 0))


def member_list(
    *,
    organization: Organization,
    search: str = "",
    branch_slug: str = "",
    include_left: bool = False,
) -> QuerySet[Member]:
    """Members for the member list, with account, branch and current roles in two queries."""
    members = Member.objects.filter(organization=organization).select_related("user", "branch")
    if not include_left:
        members = members.active()
    if search:
        members = members.filter(
            Q(user__full_name__icontains=search) | Q(user__email__icontains=search)
        )
    if branch_slug:
        members = members.filter(branch__slug=branch_slug)
    current_roles = RoleAssignment.objects.filter(end__isnull=True).select_related("role__body")
    return members.prefetch_related(
        Prefetch("role_assignments", queryset=current_roles, to_attr="current_roles")
    )


def member_get(*, organization: Organization, member_id: int) -> Member | None:
    return (
        Member.objects.filter(organization=organization, pk=member_id)
        .select_related("user", "branch")
        .first()
    )


def member_role_history(*, organization: Organization, member: Member) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(organization=organization, member=member).select_related(
        "role__body"
    )


def branch_list(*, organization: Organization) -> QuerySet[Branch]:
    return Branch.objects.filter(organization=organization).annotate(
        active_members=Count("members", filter=Q(members__status=Member.Status.ACTIVE))
    )


@dataclass
class BodyNode:
    body: Body
    children: list[BodyNode] = field(default_factory=list)
    depth: int = 0


def body_tree(*, organization: Organization) -> list[BodyNode]:
    """All bodies as a forest (roots first, children sorted by name), in one query."""
    bodies = list(
        Body.objects.filter(organization=organization)
        .select_related("branch", "parent")
        .annotate(role_count=Count("roles", distinct=True))
        .order_by("name")
    )
    nodes = {body.pk: BodyNode(body=body) for body in bodies}
    roots: list[BodyNode] = []
    for body in bodies:
        node = nodes[body.pk]
        if body.parent_id and body.parent_id in nodes:
            nodes[body.parent_id].children.append(node)
        else:
            roots.append(node)

    def set_depth(node: BodyNode, depth: int) -> None:
        node.depth = depth
        for child in node.children:
            set_depth(child, depth + 1)

    for root in roots:
        set_depth(root, 0)
    return roots


def flatten_tree(roots: list[BodyNode]) -> list[BodyNode]:
    """Depth-first order, for rendering a tree as an indented list."""
    out: list[BodyNode] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def body_get(*, organization: Organization, body_slug: str) -> Body | None:
    return (
        Body.objects.filter(organization=organization, slug=body_slug)
        .select_related("parent", "branch")
        .first()
    )


def body_members_on(*, organization: Organization, body: Body, on: date) -> QuerySet[Member]:
    """Who belongs to ``body`` on date ``on``, as a query (a page can read it a page at a
    time): named seats, the branch's members, or everyone for an assembly."""
    members = (
        Member.objects.active().filter(organization=organization).select_related("user", "branch")
    )
    if body.membership == Body.Membership.ORGANIZATION:
        return members
    if body.membership == Body.Membership.BRANCH:
        return members.filter(branch_id=body.branch_id)
    seated = BodyMember.objects.filter(body=body, start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    return members.filter(pk__in=seated.values("member_id"))


def body_current_members(*, organization: Organization, body: Body, on: date) -> list[Member]:
    """Who belongs to ``body`` on date ``on``: named seats, or everyone for an assembly."""
    return list(body_members_on(organization=organization, body=body, on=on))


def body_seats(*, organization: Organization, body: Body) -> QuerySet[BodyMember]:
    """Every seat ever held on a body (history included), newest first."""
    return (
        BodyMember.objects.filter(organization=organization, body=body)
        .select_related("member__user")
        .order_by("-start", "-id")
    )


def body_roles(*, organization: Organization, body: Body) -> QuerySet[Role]:
    """The body's roles, each with its current holder prefetched."""
    current = RoleAssignment.objects.filter(end__isnull=True).select_related("member__user")
    # "rotations" is the rotations app's reverse relation; prefetched so the body page can
    # link a rotating role to its calendar without a query per role.
    return Role.objects.filter(organization=organization, body=body).prefetch_related(
        Prefetch("assignments", queryset=current, to_attr="current_assignments"), "rotations"
    )


def role_get(*, organization: Organization, role_id: int) -> Role | None:
    return Role.objects.filter(organization=organization, pk=role_id).select_related("body").first()


def role_list(*, organization: Organization) -> QuerySet[Role]:
    current = RoleAssignment.objects.filter(end__isnull=True).select_related("member__user")
    return (
        Role.objects.filter(organization=organization)
        .select_related("body")
        .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))
    )


def role_history(*, organization: Organization, role: Role) -> QuerySet[RoleAssignment]:
    """Everyone who has held a role, newest first."""
    return RoleAssignment.objects.filter(organization=organization, role=role).select_related(
        "member__user"
    )


def invitation_list(*, organization: Organization) -> QuerySet[Invitation]:
    return Invitation.objects.filter(organization=organization).select_related(
        "branch", "invited_by__user"
    )


def _count_of(queryset) -> Coalesce:
    """A correlated COUNT subquery: counting each relation separately avoids the row
    explosion that joining members × bodies × roles in one GROUP BY would cause."""
    counted = queryset.order_by().values("organization").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def dashboard_counts(*, organization: Organization) -> dict[str, int]:
    """Headline numbers for the dashboard, in one query."""
    this_org = OuterRef("pk")
    return (
        Organization.objects.filter(pk=organization.pk)
        .annotate(
            n_members=_count_of(Member.objects.active().filter(organization=this_org)),
            n_organizers=_count_of(Member.objects.organizers().filter(organization=this_org)),
            n_branches=_count_of(Branch.objects.filter(organization=this_org)),
            n_bodies=_count_of(Body.objects.filter(organization=this_org)),
            n_roles=_count_of(Role.objects.filter(organization=this_org)),
            n_pending_invitations=_count_of(
                Invitation.objects.filter(organization=this_org, status=Invitation.Status.PENDING)
            ),
        )
        .values(
            "n_members",
            "n_organizers",
            "n_branches",
            "n_bodies",
            "n_roles",
            "n_pending_invitations",
        )
        .get()
    )


def body_list(*, organization: Organization) -> QuerySet[Body]:
    return Body.objects.filter(organization=organization).select_related("parent", "branch")
