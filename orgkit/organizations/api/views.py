"""REST endpoints for organizations. Reads go through selectors, writes through services."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from orgkit.core.audit import audit_events_for
from orgkit.core.bounds import int_param, text_param
from orgkit.core.keyset import keyset_page
from orgkit.core.pagination import MAX_LIMIT
from orgkit.organizations import selectors, services
from orgkit.organizations.api import serializers as s
from orgkit.organizations.api.base import OrgAPIMixin, OrgListAPI
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
from orgkit.organizations.services.bulk_invitations import row_problem_words
from orgkit.organizations.tenancy import member_language


def _created(data) -> Response:
    return Response(data, status=status.HTTP_201_CREATED)


class OrganizationListAPI(generics.ListAPIView):
    """Organizations you belong to; POST creates one (you become its first organizer)."""

    serializer_class = s.OrganizationOut
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Organization.objects.none()
        return selectors.organizations_of_user(user=self.request.user).order_by("name")

    @extend_schema(request=s.OrganizationIn, responses={201: s.OrganizationOut})
    def post(self, request):
        data = s.OrganizationIn(data=request.data)
        data.is_valid(raise_exception=True)
        org = services.organization_create(creator=request.user, **data.validated_data)
        return _created(s.OrganizationOut(org).data)


class OrganizationDetailAPI(OrgAPIMixin, APIView):
    organizer_only = frozenset()

    @extend_schema(responses=s.OrganizationOut)
    def get(self, request, org_slug):
        return Response(s.OrganizationOut(request.organization).data)


class MemberListAPI(OrgListAPI):
    model = Member

    def get_serializer_class(self):
        member = getattr(self.request, "member", None)
        return s.MemberWithEmailOut if member is None or member.is_organizer else s.MemberOut

    def org_queryset(self):
        return selectors.member_list(
            organization=self.request.organization,
            search=text_param(self.request.query_params.get("q"), max_length=100),
            branch_slug=text_param(self.request.query_params.get("branch"), max_length=60),
        )


class MemberDetailAPI(OrgAPIMixin, APIView):
    @extend_schema(responses=s.MemberOut, operation_id="orgs_member_detail")
    def get(self, request, org_slug, member_id):
        member = selectors.member_get(organization=request.organization, member_id=member_id)
        if member is None:
            raise Http404
        out = s.MemberWithEmailOut if request.member.is_organizer else s.MemberOut
        return Response(out(member).data)


class OrganizerAPI(OrgAPIMixin, APIView):
    """POST makes the member an organizer; DELETE revokes it (or steps down, on yourself)."""

    organizer_only = frozenset({"POST"})

    def _member(self, request, member_id):
        member = selectors.member_get(organization=request.organization, member_id=member_id)
        if member is None:
            raise Http404
        return member

    @extend_schema(request=None, responses=s.MemberOut)
    def post(self, request, org_slug, member_id):
        member = services.member_grant_organizer(
            actor=request.member, member=self._member(request, member_id)
        )
        return Response(s.MemberOut(member).data)

    @extend_schema(request=None, responses=s.MemberOut)
    def delete(self, request, org_slug, member_id):
        member = services.member_revoke_organizer(
            actor=request.member, member=self._member(request, member_id)
        )
        return Response(s.MemberOut(member).data)


class MemberLeaveAPI(OrgAPIMixin, APIView):
    """Leave the organization (on yourself) or record that a member left (organizers)."""

    organizer_only = frozenset()

    @extend_schema(request=None, responses=s.MemberOut)
    def post(self, request, org_slug, member_id):
        member = selectors.member_get(organization=request.organization, member_id=member_id)
        if member is None:
            raise Http404
        return Response(
            s.MemberOut(services.member_leave(actor=request.member, member=member)).data
        )


class MemberLanguageAPI(OrgAPIMixin, APIView):
    """A member's own language: GET shows it, PUT chooses it (``""`` for the organization's).
    Only the member themselves may use it; organizers get 403 on anyone else's."""

    organizer_only = frozenset()

    def _own(self, request, member_id):
        member = selectors.member_get(organization=request.organization, member_id=member_id)
        if member is None:
            raise Http404
        if member.pk != request.member.pk:
            raise PermissionDenied(_("Members choose their own language."))
        return member

    @staticmethod
    def _out(member):
        return s.MemberLanguageOut(
            {"language": member.language, "effective_language": member_language(member)}
        ).data

    @extend_schema(responses=s.MemberLanguageOut, operation_id="orgs_member_language_read")
    def get(self, request, org_slug, member_id):
        return Response(self._out(self._own(request, member_id)))

    @extend_schema(request=s.MemberLanguageIn, responses=s.MemberLanguageOut)
    def put(self, request, org_slug, member_id):
        member = self._own(request, member_id)
        data = s.MemberLanguageIn(data=request.data)
        data.is_valid(raise_exception=True)
        member = services.member_set_language(
            actor=request.member, member=member, language=data.validated_data["language"]
        )
        return Response(self._out(member))


class BranchListAPI(OrgListAPI):
    model = Branch
    serializer_class = s.BranchOut

    def org_queryset(self):
        return selectors.branch_list(organization=self.request.organization)

    @extend_schema(request=s.BranchIn, responses={201: s.BranchOut})
    def post(self, request, org_slug):
        data = s.BranchIn(data=request.data)
        data.is_valid(raise_exception=True)
        return _created(
            s.BranchOut(services.branch_create(actor=request.member, **data.validated_data)).data
        )


class BodyListAPI(OrgListAPI):
    model = Body
    serializer_class = s.BodyOut

    def org_queryset(self):
        return selectors.body_list(organization=self.request.organization)

    @extend_schema(request=s.BodyIn, responses={201: s.BodyOut})
    def post(self, request, org_slug):
        data = s.BodyIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        return _created(
            s.BodyOut(services.body_create(actor=request.member, **data.validated_data)).data
        )


def _body_or_404(request, body_slug):
    body = selectors.body_get(organization=request.organization, body_slug=body_slug)
    if body is None:
        raise Http404
    return body


class BodyDetailAPI(OrgAPIMixin, APIView):
    @extend_schema(responses=s.BodyOut)
    def get(self, request, org_slug, body_slug):
        return Response(s.BodyOut(_body_or_404(request, body_slug)).data)


class BodySeatListAPI(OrgListAPI):
    model = BodyMember
    """Seats on a body (history included); POST seats a member."""

    serializer_class = s.BodyMemberOut

    def org_queryset(self):
        body = _body_or_404(self.request, self.kwargs["body_slug"])
        return selectors.body_seats(organization=self.request.organization, body=body)

    @extend_schema(request=s.BodyMemberIn, responses={201: s.BodyMemberOut})
    def post(self, request, org_slug, body_slug):
        body = _body_or_404(request, body_slug)
        data = s.BodyMemberIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        seat = services.body_member_add(actor=request.member, body=body, **data.validated_data)
        return _created(s.BodyMemberOut(seat).data)


class RoleListAPI(OrgListAPI):
    model = Role
    serializer_class = s.RoleOut

    def org_queryset(self):
        return selectors.role_list(organization=self.request.organization)

    @extend_schema(request=s.RoleIn, responses={201: s.RoleOut})
    def post(self, request, org_slug):
        data = s.RoleIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        return _created(
            s.RoleOut(services.role_create(actor=request.member, **data.validated_data)).data
        )


def _role_or_404(request, role_id):
    role = selectors.role_get(organization=request.organization, role_id=role_id)
    if role is None:
        raise Http404
    return role


class RoleAssignmentListAPI(OrgListAPI):
    model = RoleAssignment
    """Everyone who has held the role; POST hands it to a member (ending the current term)."""

    serializer_class = s.RoleAssignmentOut

    def org_queryset(self):
        role = _role_or_404(self.request, self.kwargs["role_id"])
        return selectors.role_history(organization=self.request.organization, role=role)

    @extend_schema(request=s.RoleAssignIn, responses={201: s.RoleAssignmentOut})
    def post(self, request, org_slug, role_id):
        role = _role_or_404(request, role_id)
        data = s.RoleAssignIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        assignment = services.role_assign(actor=request.member, role=role, **data.validated_data)
        return _created(s.RoleAssignmentOut(assignment).data)


class InvitationListAPI(OrgListAPI):
    model = Invitation
    organizer_only = True
    serializer_class = s.InvitationOut

    def org_queryset(self):
        return selectors.invitation_list(organization=self.request.organization)

    @extend_schema(request=s.InvitationIn, responses={201: s.InvitationOut})
    def post(self, request, org_slug):
        data = s.InvitationIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        invitation, _token = services.invitation_create(actor=request.member, **data.validated_data)
        return _created(s.InvitationOut(invitation).data)


def _bulk_out(plan, invitations=()) -> dict:
    rows = [
        {
            "line": row.line,
            "name": row.name,
            "email": row.email,
            "branch": row.branch,
            "problems": row_problem_words(row),
            "problem_codes": row.problems,
        }
        for row in plan.rows
    ]
    return s.BulkInvitationOut(
        {
            "rows": rows,
            "good": len(plan.good),
            "bad": len(plan.bad),
            "invitations": list(invitations),
        }
    ).data


class InvitationBulkAPI(OrgAPIMixin, APIView):
    """Invite many people from a CSV text (name, email, branch). ``dry_run`` checks the list
    and reports each row's problems without inviting anyone. Otherwise everyone is invited in
    one transaction — or, if any row has a problem, nobody (400 with the rows), unless
    ``drop_bad_rows``. Emails go out after the commit."""

    organizer_only = True

    @extend_schema(
        request=s.BulkInvitationIn,
        responses={200: s.BulkInvitationOut, 201: s.BulkInvitationOut, 400: s.BulkInvitationOut},
    )
    def post(self, request, org_slug):
        data = s.BulkInvitationIn(data=request.data)
        data.is_valid(raise_exception=True)
        text = data.validated_data["csv"]
        if data.validated_data["dry_run"]:
            plan = services.invitations_bulk_check(actor=request.member, text=text)
            return Response(_bulk_out(plan))
        try:
            plan, invitations = services.invitations_bulk_create(
                actor=request.member,
                text=text,
                drop_bad_rows=data.validated_data["drop_bad_rows"],
            )
        except services.BulkInvitationRefused as refused:
            body = {"detail": refused.message, **_bulk_out(refused.plan)}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return _created(_bulk_out(plan, invitations))


class InvitationRevokeAPI(OrgAPIMixin, APIView):
    organizer_only = True

    @extend_schema(request=None, responses=s.InvitationOut)
    def post(self, request, org_slug, invitation_id):
        invitation = (
            selectors.invitation_list(organization=request.organization)
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None:
            raise Http404
        return Response(
            s.InvitationOut(
                services.invitation_revoke(actor=request.member, invitation=invitation)
            ).data
        )


class InvitationAcceptAPI(APIView):
    """Accept an invitation by its token: signed in, it joins your account; otherwise it creates
    an account for the invited address with the name and password given."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=s.InvitationAcceptIn, responses={201: s.MemberOut})
    def post(self, request):
        data = s.InvitationAcceptIn(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user if request.user.is_authenticated else None
        member = services.invitation_accept(user=user, **data.validated_data)
        return _created({**s.MemberOut(member).data, "organization": member.organization.slug})


class AuditLogAPI(OrgAPIMixin, APIView):
    """The organization's log, newest first, in keyset pages: follow `next` for older events
    and `previous` for newer ones. No total is given: counting a long log would cost more
    than the page."""

    @extend_schema(
        parameters=[
            OpenApiParameter("verb", str, description="only events whose kind starts with this"),
            OpenApiParameter("older", str, description="the `next` cursor of a page"),
            OpenApiParameter("newer", str, description="the `previous` cursor of a page"),
            OpenApiParameter("limit", int, description=f"rows per page (at most {MAX_LIMIT})"),
        ],
        responses=s.AuditPageOut,
    )
    def get(self, request, org_slug):
        query = request.query_params
        events = audit_events_for(
            organization=request.organization,
            verb_prefix=text_param(query.get("verb"), max_length=100),
        )
        page = keyset_page(
            events,
            older=query.get("older"),
            newer=query.get("newer"),
            size=int_param(query.get("limit"), default=50, minimum=1, maximum=MAX_LIMIT),
        )

        def link(key: str, cursor: str | None) -> str | None:
            if cursor is None:
                return None
            kept = {k: v for k, v in query.items() if k in ("verb", "limit")}
            return request.build_absolute_uri(f"?{urlencode({**kept, key: cursor})}")

        rows = s.AuditEventOut(page.rows, many=True, context={"request": request}).data
        return Response(
            {
                "next": link("older", page.older),
                "previous": link("newer", page.newer),
                "results": rows,
            }
        )
