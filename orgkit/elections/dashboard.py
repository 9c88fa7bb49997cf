"""The elections panel on the organization's dashboard: ballots waiting for you."""

from __future__ import annotations

from orgkit.elections.selectors import ballots_waiting_for
from orgkit.organizations.dashboard import DashboardPanel


def waiting_ballots_context(request) -> dict:
    return {
        "waiting": list(
            ballots_waiting_for(organization=request.organization, member=request.member)[:5]
        )
    }


PANEL = DashboardPanel(
    key="elections.waiting-ballots",
    template="elections/_dashboard_panel.html",
    context=waiting_ballots_context,
    order=10,
)
