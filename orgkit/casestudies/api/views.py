"""REST endpoints for case studies: read-only, for any member of the organization."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from orgkit.casestudies import selectors
from orgkit.casestudies.api.serializers import CaseStudyOut
from orgkit.casestudies.models import CaseStudy
from orgkit.casestudies.tactics import TACTIC_NAMES
from orgkit.core.bounds import text_param
from orgkit.organizations.api.base import OrgAPIMixin, OrgListAPI


class CaseStudyListAPI(OrgListAPI):
    """Case studies in order; ``?tactic=`` (a–k, decades, skills) and ``?q=`` narrow them."""

    model = CaseStudy
    serializer_class = CaseStudyOut

    @extend_schema(
        parameters=[
            OpenApiParameter("tactic", str, description="a–k, decades or skills"),
            OpenApiParameter("q", str, description="words to search for"),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def org_queryset(self):
        tactic = text_param(self.request.query_params.get("tactic"), max_length=10)
        query = text_param(self.request.query_params.get("q"), max_length=100)
        return selectors.case_study_list(
            tactic=tactic if tactic in TACTIC_NAMES else "", query=query
        )


class CaseStudyDetailAPI(OrgAPIMixin, APIView):
    """One case study."""

    @extend_schema(responses=CaseStudyOut, operation_id="orgs_case_study_detail")
    def get(self, request, org_slug, study_slug):
        study = selectors.case_study_get(slug=study_slug)
        if study is None:
            raise Http404
        return Response(CaseStudyOut(study).data)
