"""The decisions panel on the organization's dashboard: minority-report windows still open
(and when each record publishes), and meetings called at short notice by emergency decision."""

from __future__ import annotations

from django.utils import timezone

from orgkit.decisions import selectors
from orgkit.organizations.dashboard import DashboardPanel


def decisions_context(request) -> dict:
    org = request.organization
    return {
        "open_windows": list(selectors.open_windows(organization=org)[:5]),
        "emergencies": list(
            selectors.emergency_meetings(organization=org, since=timezone.now())[:5]
        ),
    }


PANEL = DashboardPanel(
    key="decisions.open-windows",
    template="decisions/_dashboard_panel.html",
    context=decisions_context,
    order=30,
)
