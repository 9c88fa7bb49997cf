"""The democratic-health page under /o/<org_slug>/health/ (namespace "health")."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views import View

from orgkit.health.board import build_panels, status_counts
from orgkit.organizations.tenancy import OrgPageMixin


class HealthDashboardView(OrgPageMixin, View):
    """Every member may read it: how the group does is the members' business."""

    def get(self, request, org_slug):
        panels = build_panels(organization=request.organization, today=timezone.localdate())
        return render(
            request,
            "health/dashboard.html",
            {"panels": panels, "counts": status_counts(panels)},
        )
