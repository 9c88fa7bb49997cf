"""The rotations panel on the organization's dashboard: your next turns."""

from __future__ import annotations

from django.utils import timezone

from orgkit.organizations.dashboard import DashboardPanel
from orgkit.rotations.selectors import member_turns, turns_needing_cover


def next_turns_context(request) -> dict:
    """Your next turns, and first the alarms: confirmed turns nobody will serve — every one in
    the organization for an organizer, your own for a member."""
    today = timezone.localdate()
    me = request.member
    return {
        "my_turns": member_turns(organization=request.organization, member=me, since=today)[:3],
        "needs_cover": turns_needing_cover(
            organization=request.organization,
            since=today,
            member=None if me.is_organizer else me,
        )[:10],
    }


PANEL = DashboardPanel(
    key="rotations.next-turns",
    template="rotations/_dashboard_panel.html",
    context=next_turns_context,
    order=20,
)
