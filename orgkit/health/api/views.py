"""The democratic-health dashboard as JSON, for any member."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from orgkit.health.api.serializers import HealthOut
from orgkit.health.board import build_panels, status_counts
from orgkit.organizations.api.base import OrgAPIMixin


class HealthAPI(OrgAPIMixin, APIView):
    """Every panel: status, figure, records, twelve-month trend."""

    @extend_schema(responses=HealthOut, operation_id="orgs_health")
    def get(self, request, org_slug):
        panels = build_panels(organization=request.organization, today=timezone.localdate())
        return Response(HealthOut({"counts": status_counts(panels), "panels": panels}).data)
