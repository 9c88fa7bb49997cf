"""The skills panel on the organization's dashboard: open succession alerts, and sessions
waiting for the member's sign-off."""

from __future__ import annotations

from orgkit.organizations.dashboard import DashboardPanel
from orgkit.skills.selectors import alerts_open, signoffs_waiting


def skills_panel_context(request) -> dict:
    alerts = list(alerts_open(organization=request.organization)[:5])
    waiting = list(signoffs_waiting(organization=request.organization, member=request.member)[:5])
    return {"alerts": alerts, "waiting": waiting}


PANEL = DashboardPanel(
    key="skills.succession",
    template="skills/_dashboard_panel.html",
    context=skills_panel_context,
    order=30,
)
