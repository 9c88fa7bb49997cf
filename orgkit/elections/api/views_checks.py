"""Election API, continued: notice, protests, who voted, seating delegates, apportionments."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from orgkit.elections import selectors, services
from orgkit.elections.api import serializers as s
from orgkit.elections.api.views import AFTER_CLOSE, _election_or_404
from orgkit.elections.models import Apportionment, Protest, VoterRollEntry
from orgkit.organizations.api.base import OrgAPIMixin, OrgListAPI


class NoticeAPI(OrgAPIMixin, APIView):
    """Organizers: send the election notice to every eligible member (once, in time)."""

    @extend_schema(request=None, responses=s.ElectionOut)
    def post(self, request, org_slug, election_id):
        election = services.election_send_notice(
            actor=request.member, election=_election_or_404(request, election_id)
        )
        return Response(s.ElectionOut(election).data)


class ProtestListAPI(OrgListAPI):
    """Protests with their answers; any member POSTs to lodge one in the protest period."""

    model = Protest
    serializer_class = s.ProtestOut
    organizer_only = frozenset()

    def org_queryset(self):
        election = _election_or_404(self.request, self.kwargs["election_id"])
        return selectors.protest_list(organization=self.request.organization, election=election)

    @extend_schema(request=s.ProtestIn, responses={201: s.ProtestOut})
    def post(self, request, org_slug, election_id):
        # The election first: another organization's election is a 404 whatever the body says.
        election = _election_or_404(request, election_id)
        data = s.ProtestIn(data=request.data)
        data.is_valid(raise_exception=True)
        protest = services.protest_lodge(
            actor=request.member, election=election, **data.validated_data
        )
        return Response(s.ProtestOut(protest).data, status=status.HTTP_201_CREATED)


class ProtestAnswerAPI(OrgAPIMixin, APIView):
    @extend_schema(request=s.AnswerIn, responses=s.ProtestOut)
    def post(self, request, org_slug, election_id, protest_id):
        election = _election_or_404(request, election_id)
        protest = (
            selectors.protest_list(organization=request.organization, election=election)
            .filter(pk=protest_id)
            .first()
        )
        if protest is None:
            raise Http404
        data = s.AnswerIn(data=request.data)
        data.is_valid(raise_exception=True)
        protest = services.protest_answer(
            actor=request.member, protest=protest, **data.validated_data
        )
        return Response(s.ProtestOut(protest).data)


class WhoVotedAPI(OrgListAPI):
    """After the close: who was on the roll and whether they voted — never how."""

    model = VoterRollEntry
    serializer_class = s.WhoVotedOut

    def org_queryset(self):
        election = _election_or_404(self.request, self.kwargs["election_id"])
        if election.state not in AFTER_CLOSE:
            return VoterRollEntry.objects.none()
        return selectors.who_voted(organization=self.request.organization, election=election)


class SeatDelegatesAPI(OrgAPIMixin, APIView):
    """Organizers: seat a published delegate election's winners on its congress."""

    @extend_schema(request=s.SeatIn, responses=s.SeatOut)
    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)  # the object first: 404 before 400
        data = s.SeatIn(data=request.data)
        data.is_valid(raise_exception=True)
        seats = services.election_seat_delegates(
            actor=request.member, election=election, **data.validated_data
        )
        return Response({"seated": [seat.member.display_name for seat in seats]})


class ApportionmentListAPI(OrgListAPI):
    """Congress apportionments; organizers POST to share seats and set up branch elections."""

    model = Apportionment
    serializer_class = s.ApportionmentOut

    def org_queryset(self):
        return selectors.apportionment_list(
            organization=self.request.organization
        ).prefetch_related("elections")

    @extend_schema(request=s.ApportionmentIn, responses={201: s.ApportionmentOut})
    def post(self, request, org_slug):
        data = s.ApportionmentIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        record = services.apportionment_create(actor=request.member, **data.validated_data)
        return Response(s.ApportionmentOut(record).data, status=status.HTTP_201_CREATED)
