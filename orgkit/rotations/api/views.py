"""REST endpoints for rotations: the same services as the pages."""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from orgkit.core.errors import ServiceError
from orgkit.organizations.api.base import OrgAPIMixin, OrgListAPI
from orgkit.rotations import selectors, services
from orgkit.rotations.api import serializers as s
from orgkit.rotations.models import Leave, Rotation, Turn
from orgkit.rotations.planning import org_today
from orgkit.rotations.previews import preview_moves
from orgkit.rotations.views import SWAP_ACTIONS, TURN_ACTIONS, months_param

MEMBERS_WRITE = frozenset()  # members act for themselves; services check on whose behalf


def _rotation(request, rotation_id) -> Rotation:
    rotation = selectors.rotation_get(organization=request.organization, rotation_id=rotation_id)
    if rotation is None:
        raise Http404
    return rotation


class RotationListAPI(OrgListAPI):
    """Active rotations; POST makes a role rotate (organizers)."""

    model = Rotation
    serializer_class = s.RotationOut

    def org_queryset(self):
        return selectors.rotations_active(organization=self.request.organization)

    @extend_schema(request=s.RotationIn, responses={201: s.RotationOut})
    def post(self, request, org_slug):
        data = s.RotationIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        rotation = services.rotation_create(actor=request.member, **data.validated_data)
        return Response(s.RotationOut(rotation).data, status=status.HTTP_201_CREATED)


class RotationDetailAPI(OrgAPIMixin, APIView):
    """A rotation; PATCH changes its rules (organizers) and replans the coming turns."""

    @extend_schema(responses=s.RotationOut)
    def get(self, request, org_slug, rotation_id):
        return Response(s.RotationOut(_rotation(request, rotation_id)).data)

    @extend_schema(request=s.RotationRulesIn, responses=s.RotationOut)
    def patch(self, request, org_slug, rotation_id):
        rotation = _rotation(request, rotation_id)  # the object first: 404 before any 400
        data = s.RotationRulesIn(data=request.data)
        data.is_valid(raise_exception=True)
        rotation = services.rotation_update(
            actor=request.member, rotation=rotation, **data.validated_data
        )
        return Response(s.RotationOut(rotation).data)


class RotationTurnsAPI(OrgListAPI):
    """Coming turns with holder, shadow and the reasons for each."""

    model = Turn
    serializer_class = s.TurnOut

    def org_queryset(self):
        rotation = _rotation(self.request, self.kwargs["rotation_id"])
        return selectors.upcoming_turns(
            organization=self.request.organization, rotation=rotation, today=org_today(rotation)
        )


class RotationFairnessAPI(OrgAPIMixin, APIView):
    """Turns per member (served and planned) from ``months`` back to the end of the plan."""

    @extend_schema(responses=s.FairnessOut)
    def get(self, request, org_slug, rotation_id):
        rotation = _rotation(request, rotation_id)
        months = months_param(request.query_params.get("months"))
        today = org_today(rotation)
        start = today - timedelta(days=round(months * 30.44))
        report, names, served, planned, end = selectors.fairness(
            organization=request.organization, rotation=rotation, start=start, today=today
        )
        members = [
            {
                "member": t.member_id,
                "name": names.get(t.member_id, ""),
                "turns": t.turns,
                "served": served[t.member_id],
                "planned": planned[t.member_id],
            }
            for t in report.members
        ]
        data = {
            "start": start,
            "end": end,
            "balance": str(report.balance),
            "balance_percent": round(float(report.balance) * 100),
            "members": members,
            "never_served": list(report.never_served),
            "overloaded": list(report.overloaded),
        }
        return Response(s.FairnessOut(data).data)


class RotationPoolAPI(OrgAPIMixin, APIView):
    """POST opts in (yourself, or ``member`` for organizers); DELETE opts out."""

    organizer_only = MEMBERS_WRITE

    def _member(self, request):
        data = s.PoolIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        return data.validated_data["member"] or request.member

    @extend_schema(request=s.PoolIn, responses={204: None})
    def post(self, request, org_slug, rotation_id):
        services.pool_join(
            actor=request.member,
            rotation=_rotation(request, rotation_id),
            member=self._member(request),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=s.PoolIn, responses={204: None})
    def delete(self, request, org_slug, rotation_id):
        services.pool_leave(
            actor=request.member,
            rotation=_rotation(request, rotation_id),
            member=self._member(request),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


def _turn(request, turn_id) -> Turn:
    turn = selectors.turn_get(organization=request.organization, turn_id=turn_id)
    if turn is None:
        raise Http404
    return turn


def _preview(moves) -> Response:
    return Response(s.PreviewOut({"moves": moves}).data)


class TurnActionAPI(OrgAPIMixin, APIView):
    """``accept`` (your turn), ``skip`` (yours; you keep your place) or ``cover`` (someone's:
    this one turn only). GET on ``skip`` or ``cover`` previews the turns that would move."""

    organizer_only = MEMBERS_WRITE

    @extend_schema(responses={200: s.PreviewOut})
    def get(self, request, org_slug, turn_id, action):
        if action not in ("skip", "cover"):
            raise Http404
        turn = _turn(request, turn_id)
        if turn.starts_at <= timezone.now():
            raise ServiceError(_("This turn has already started; it can no longer be moved."))
        if action == "skip":
            return _preview(preview_moves(rotation=turn.rotation, skip=turn))
        return _preview(
            preview_moves(rotation=turn.rotation, moves={turn.start: request.member.pk})
        )

    @extend_schema(request=None, responses={200: s.TurnOut})
    def post(self, request, org_slug, turn_id, action):
        if action not in TURN_ACTIONS:
            raise Http404
        turn = _turn(request, turn_id)
        TURN_ACTIONS[action](actor=request.member, turn=turn)
        return Response(s.TurnOut(_turn(request, turn_id)).data)


class TurnSwapAPI(OrgAPIMixin, APIView):
    """Ask to swap: offer one of your turns for this one. GET with ``?offered_turn=`` previews
    the two turns that would change hands."""

    organizer_only = MEMBERS_WRITE

    @extend_schema(responses={200: s.PreviewOut})
    def get(self, request, org_slug, turn_id):
        wanted = _turn(request, turn_id)
        data = s.SwapIn(data=request.query_params, context={"request": request})
        data.is_valid(raise_exception=True)
        offered = data.validated_data["offered_turn"]
        if offered.rotation_id != wanted.rotation_id:
            raise ValidationError(
                {"offered_turn": _("Both turns must belong to the same rotation.")}
            )
        return _preview(
            preview_moves(
                rotation=wanted.rotation,
                moves={offered.start: wanted.holder_id, wanted.start: offered.holder_id},
            )
        )

    @extend_schema(request=s.SwapIn, responses={201: s.SwapOut})
    def post(self, request, org_slug, turn_id):
        wanted = _turn(request, turn_id)
        data = s.SwapIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        swap = services.swap_request(
            actor=request.member,
            offered_turn=data.validated_data["offered_turn"],
            wanted_turn=wanted,
        )
        return Response(s.SwapOut(swap).data, status=status.HTTP_201_CREATED)


class RotationSwapsAPI(OrgAPIMixin, APIView):
    """Organizers arrange a swap between two members: GET ``?first_turn=&second_turn=``
    previews the turns that would change hands, POST does it."""

    organizer_only = frozenset({"GET", "POST"})

    def _turns(self, request, source):
        data = s.SwapArrangeIn(data=source, context={"request": request})
        data.is_valid(raise_exception=True)
        return data.validated_data["first_turn"], data.validated_data["second_turn"]

    @extend_schema(
        operation_id="v1_orgs_rotations_swaps_arrange_preview", responses={200: s.PreviewOut}
    )
    def get(self, request, org_slug, rotation_id):
        rotation = _rotation(request, rotation_id)
        first, second = self._turns(request, request.query_params)
        if rotation.pk not in (first.rotation_id, second.rotation_id):
            raise Http404
        return _preview(
            preview_moves(
                rotation=rotation,
                moves={first.start: second.holder_id, second.start: first.holder_id},
            )
        )

    @extend_schema(
        operation_id="v1_orgs_rotations_swaps_arrange",
        request=s.SwapArrangeIn,
        responses={201: s.SwapOut},
    )
    def post(self, request, org_slug, rotation_id):
        rotation = _rotation(request, rotation_id)
        first, second = self._turns(request, request.data)
        if rotation.pk not in (first.rotation_id, second.rotation_id):
            raise Http404
        swap = services.swap_arrange(actor=request.member, first_turn=first, second_turn=second)
        return Response(s.SwapOut(swap).data, status=status.HTTP_201_CREATED)


class SwapActionAPI(OrgAPIMixin, APIView):
    """``accept`` / ``decline`` (the other member), ``cancel`` (the asker), ``undo`` (either)."""

    organizer_only = MEMBERS_WRITE

    @extend_schema(request=None, responses=s.SwapOut)
    def post(self, request, org_slug, swap_id, swap_action):
        if swap_action not in SWAP_ACTIONS:
            raise Http404
        swap = selectors.swap_get(organization=request.organization, swap_id=swap_id)
        if swap is None:
            raise Http404
        return Response(
            s.SwapOut(SWAP_ACTIONS[swap_action][0](actor=request.member, swap=swap)).data
        )


class MyTurnsAPI(OrgListAPI):
    model = Turn
    serializer_class = s.TurnOut

    def org_queryset(self):
        from django.utils import timezone

        return selectors.member_turns(
            organization=self.request.organization,
            member=self.request.member,
            since=timezone.localdate(),
        )


class LeaveAPI(OrgListAPI):
    """Your leave; POST records leave (your rotations are replanned around it)."""

    model = Leave
    serializer_class = s.LeaveOut
    organizer_only = MEMBERS_WRITE

    def org_queryset(self):
        from datetime import date

        return selectors.member_leave(
            organization=self.request.organization, member=self.request.member, since=date.min
        )

    @extend_schema(request=s.LeaveIn, responses={201: s.LeaveOut})
    def post(self, request, org_slug):
        data = s.LeaveIn(data=request.data)
        data.is_valid(raise_exception=True)
        leave = services.leave_add(
            actor=request.member, member=request.member, **data.validated_data
        )
        return Response(s.LeaveOut(leave).data, status=status.HTTP_201_CREATED)
