"""REST endpoints for decisions. Reads go through selectors, writes through services."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from orgkit.decisions import selectors, services
from orgkit.decisions.api import serializers as s
from orgkit.decisions.models import Appeal, Meeting, MinorityReport, Motion
from orgkit.organizations.api.base import OrgAPIMixin, OrgListAPI


def _motion_or_404(request, motion_id) -> Motion:
    motion = selectors.motion_get(organization=request.organization, motion_id=motion_id)
    if motion is None:
        raise Http404
    return motion


class MotionListAPI(OrgListAPI):
    """Motions and decisions, newest first; any member POSTs to propose one."""

    model = Motion
    serializer_class = s.MotionOut
    organizer_only = frozenset()

    def org_queryset(self):
        return selectors.motion_list(organization=self.request.organization)

    @extend_schema(request=s.MotionIn, responses={201: s.MotionOut})
    def post(self, request, org_slug):
        data = s.MotionIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        motion = services.motion_propose(actor=request.member, **data.validated_data)
        return Response(s.MotionOut(motion).data, status=status.HTTP_201_CREATED)


class MotionDetailAPI(OrgAPIMixin, APIView):
    """A decision with its minority reports beside it, its votes, appeals and versions."""

    @extend_schema(responses=s.MotionDetailOut)
    def get(self, request, org_slug, motion_id):
        return Response(s.MotionDetailOut(_motion_or_404(request, motion_id)).data)


class VoteAPI(OrgAPIMixin, APIView):
    """A member of the body votes online, with an optional reason."""

    organizer_only = frozenset()

    @extend_schema(request=s.DecisionVoteIn, responses={201: s.DecisionVoteOut})
    def post(self, request, org_slug, motion_id):
        motion = _motion_or_404(request, motion_id)
        data = s.DecisionVoteIn(data=request.data)
        data.is_valid(raise_exception=True)
        vote = services.vote_cast(voter=request.member, motion=motion, **data.validated_data)
        return Response(s.DecisionVoteOut(vote).data, status=status.HTTP_201_CREATED)


class ReportListAPI(OrgListAPI):
    """A decision's minority reports; a member of the minority POSTs to file one."""

    model = MinorityReport
    serializer_class = s.DecisionReportOut
    organizer_only = frozenset()

    def org_queryset(self):
        motion = _motion_or_404(self.request, self.kwargs["motion_id"])
        return selectors.report_list(organization=self.request.organization, motion=motion)

    @extend_schema(request=s.DecisionReportIn, responses={201: s.DecisionReportOut})
    def post(self, request, org_slug, motion_id):
        motion = _motion_or_404(request, motion_id)
        data = s.DecisionReportIn(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_file(actor=request.member, motion=motion, **data.validated_data)
        return Response(s.DecisionReportOut(report).data, status=status.HTTP_201_CREATED)


class CosignAPI(OrgAPIMixin, APIView):
    """A member of the minority co-signs a report (once)."""

    organizer_only = frozenset()

    @extend_schema(request=None, responses={201: s.DecisionReportOut})
    def post(self, request, org_slug, report_id):
        report = selectors.report_get(organization=request.organization, report_id=report_id)
        if report is None:
            raise Http404
        services.report_cosign(actor=request.member, report=report)
        report = selectors.report_list(organization=request.organization, motion=report.motion)
        return Response(
            s.DecisionReportOut(report.get(pk=report_id)).data, status=status.HTTP_201_CREATED
        )


class AppealListAPI(OrgListAPI):
    """Every appeal in the organization, newest first."""

    model = Appeal
    serializer_class = s.DecisionAppealOut

    def org_queryset(self):
        return selectors.appeal_list(organization=self.request.organization)


class AppealFileAPI(OrgAPIMixin, APIView):
    """A member of the deciding body appeals the decision to the parent body."""

    organizer_only = frozenset()

    @extend_schema(request=s.DecisionAppealIn, responses={201: s.DecisionAppealOut})
    def post(self, request, org_slug, motion_id):
        motion = _motion_or_404(request, motion_id)
        data = s.DecisionAppealIn(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = services.appeal_file(actor=request.member, motion=motion, **data.validated_data)
        return Response(s.DecisionAppealOut(appeal).data, status=status.HTTP_201_CREATED)


class MeetingListAPI(OrgListAPI):
    """Meetings, latest first; organizers POST to call one (the notice period is enforced)."""

    model = Meeting
    serializer_class = s.DecisionMeetingOut

    def org_queryset(self):
        return selectors.meeting_list(organization=self.request.organization)

    @extend_schema(request=s.DecisionMeetingIn, responses={201: s.DecisionMeetingOut})
    def post(self, request, org_slug):
        data = s.DecisionMeetingIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        meeting = services.meeting_schedule(actor=request.member, **data.validated_data)
        return Response(s.DecisionMeetingOut(meeting).data, status=status.HTTP_201_CREATED)


class DecisionVerifyOut(serializers.Serializer):
    holds = serializers.BooleanField()
    versions = serializers.IntegerField()
    broken_seq = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField(allow_null=True)


class VerifyAPI(OrgAPIMixin, APIView):
    """Check the organization's record chain; name the first broken link."""

    @extend_schema(responses=DecisionVerifyOut)
    def get(self, request, org_slug):
        broken = services.record_verify(organization=request.organization)
        return Response(
            {
                "holds": broken is None,
                "versions": selectors.version_count(organization=request.organization),
                "broken_seq": broken.seq if broken else None,
                "reason": broken.reason if broken else None,
            }
        )
