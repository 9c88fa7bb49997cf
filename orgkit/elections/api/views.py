"""REST endpoints for elections. Reads go through selectors, writes through services."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from orgkit.elections import selectors, services
from orgkit.elections.api import serializers as s
from orgkit.elections.models import Candidate, Election
from orgkit.organizations.api.base import OrgAPIMixin, OrgListAPI

AFTER_CLOSE = {Election.State.CLOSED, Election.State.COUNTED, Election.State.PUBLISHED}
MOVES = {
    "nominations": services.election_open_nominations,
    "voting": services.election_open_voting,
    "closed": services.election_close,
}


def _election_or_404(request, election_id) -> Election:
    election = selectors.election_get(organization=request.organization, election_id=election_id)
    if election is None:
        raise Http404
    return election


class ElectionListAPI(OrgListAPI):
    """Elections, newest first; organizers POST to set one up (in draft)."""

    model = Election
    serializer_class = s.ElectionOut

    def org_queryset(self):
        return selectors.election_list(organization=self.request.organization)

    @extend_schema(request=s.ElectionIn, responses={201: s.ElectionOut})
    def post(self, request, org_slug):
        data = s.ElectionIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        election = services.election_create(actor=request.member, **data.validated_data)
        return Response(s.ElectionOut(election).data, status=status.HTTP_201_CREATED)


class ElectionDetailAPI(OrgAPIMixin, APIView):
    """An election; PATCH changes a draft's settings (organizers)."""

    @extend_schema(responses=s.ElectionOut, operation_id="orgs_election_detail")
    def get(self, request, org_slug, election_id):
        return Response(s.ElectionOut(_election_or_404(request, election_id)).data)

    @extend_schema(
        request=s.ElectionChangeIn, responses=s.ElectionOut, operation_id="orgs_election_change"
    )
    def patch(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        data = s.ElectionChangeIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = {k: v for k, v in data.validated_data.items() if k in request.data}
        election = services.election_update(actor=request.member, election=election, **changes)
        return Response(s.ElectionOut(election).data)


class ElectionMoveAPI(OrgAPIMixin, APIView):
    """Organizers: open nominations, open voting, or close voting (the count follows)."""

    @extend_schema(request=s.MoveIn, responses=s.ElectionOut)
    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        data = s.MoveIn(data=request.data)
        data.is_valid(raise_exception=True)
        to = data.validated_data["to"]
        extra = {"reason": data.validated_data["reason"]} if to == "closed" else {}
        election = MOVES[to](actor=request.member, election=election, **extra)
        return Response(s.ElectionOut(election).data)


class ElectionCancelAPI(OrgAPIMixin, APIView):
    """Organizers: call off an election that has not closed, with the reason on the record."""

    @extend_schema(request=s.CancelIn, responses=s.ElectionOut)
    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        data = s.CancelIn(data=request.data)
        data.is_valid(raise_exception=True)
        election = services.election_cancel(
            actor=request.member, election=election, reason=data.validated_data["reason"]
        )
        return Response(s.ElectionOut(election).data)


class CandidateListAPI(OrgListAPI):
    """Nominations; any member POSTs to nominate themselves or another member."""

    model = Candidate
    serializer_class = s.CandidateOut
    organizer_only = frozenset()

    def org_queryset(self):
        election = _election_or_404(self.request, self.kwargs["election_id"])
        return selectors.candidate_list(organization=self.request.organization, election=election)

    @extend_schema(request=s.NominationIn, responses={201: s.CandidateOut})
    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        data = s.NominationIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        candidate = services.candidate_nominate(
            actor=request.member, election=election, **data.validated_data
        )
        return Response(s.CandidateOut(candidate).data, status=status.HTTP_201_CREATED)


class CandidateConsentAPI(OrgAPIMixin, APIView):
    """The nominee agrees to stand for a nomination someone else made."""

    organizer_only = frozenset()

    @extend_schema(request=None, responses=s.CandidateOut)
    def post(self, request, org_slug, election_id, candidate_id):
        election = _election_or_404(request, election_id)
        candidate = selectors.candidate_get(
            organization=request.organization, election=election, candidate_id=candidate_id
        )
        if candidate is None:
            raise Http404
        candidate = services.candidate_consent(actor=request.member, candidate=candidate)
        return Response(s.CandidateOut(candidate).data)


class VoteAPI(OrgAPIMixin, APIView):
    """Cast your ballot; the answer holds your receipt code, given this once."""

    organizer_only = frozenset()

    @extend_schema(request=s.VoteIn, responses={201: s.ReceiptOut})
    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        data = s.VoteIn(data=request.data)
        data.is_valid(raise_exception=True)
        code = services.ballot_cast(
            voter=request.member, election=election, ranking=data.validated_data["ranking"]
        )
        return Response({"receipt": code}, status=status.HTTP_201_CREATED)


class ResultsAPI(OrgAPIMixin, APIView):
    """The published result (null until the count is done), with any recounts."""

    @extend_schema(responses=s.ResultOut)
    def get(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        result = selectors.election_result(organization=request.organization, election=election)
        return Response(
            {
                "election": election.pk,
                "state": election.state,
                # Counted by orgkit from an uploaded file, never voted here (see data.imported).
                "imported": election.imported,
                "result": result.data if result else None,
                "recounts": [r.data for r in result.recounts.all()] if result else [],
            }
        )


class ReceiptsAPI(OrgAPIMixin, APIView):
    """The sorted receipt codes (after voting closes)."""

    @extend_schema(responses=s.ReceiptListOut)
    def get(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        codes = (
            selectors.receipt_codes(organization=request.organization, election=election)
            if election.state in AFTER_CLOSE
            else []
        )
        return Response({"codes": codes})
