"""The health panel on the organization's dashboard: how many checks are ok, watch, alert."""

from __future__ import annotations

from django.utils import timezone

from orgkit.health.board import build_panels, status_counts
from orgkit.organizations.dashboard import DashboardPanel


def health_summary_context(request) -> dict:
    panels = build_panels(organization=request.organization, today=timezone.localdate())
    return {
        "counts": status_counts(panels),
        "alerts": [p for p in panels if p.status == "alert"],
    }


PANEL = DashboardPanel(
    key="health.summary",
    template="health/_dashboard_panel.html",
    context=health_summary_context,
    order=30,
)
