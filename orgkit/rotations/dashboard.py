"""The rotations panel on the organization's dashboard: your next turns."""

from __future__ import annotations

from django.utils import timezone

from orgkit.organizations.dashboard import DashboardPanel
from orgkit.rotations.selectors import member_turns


def next_turns_context(request) -> dict:
    return {
        "my_turns": member_turns(
            organization=request.organization,
            member=request.member,
            since=timezone.localdate(),
        )[:3],
    }


PANEL = DashboardPanel(
    key="rotations.next-turns",
    template="rotations/_dashboard_panel.html",
    context=next_turns_context,
    order=20,
)
