"""iCal rendering of turns (RFC 5545, via the icalendar library)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from icalendar import Calendar, Event

from orgkit.rotations.models import CalendarFeed
from orgkit.rotations.selectors import feed_turns


def render_feed(feed: CalendarFeed, *, since: date) -> bytes:
    """One VEVENT per turn: the holder's turn, from handover to handover. The UID is stable per
    turn, so calendar apps update an event when the plan changes instead of duplicating it."""
    cal = Calendar()
    cal.add("prodid", "-//orgkit//rotations//EN")
    cal.add("version", "2.0")
    title = "My turns" if feed.kind == CalendarFeed.Kind.PERSONAL else f"{feed.body.name} rotations"
    cal.add("x-wr-calname", f"{title} · {feed.organization.name}")
    host = settings.ORGKIT_BASE_URL.split("//")[-1].split("/")[0] or "orgkit"
    for turn in feed_turns(feed=feed, since=since):
        role = turn.rotation.role
        event = Event()
        event.add("uid", f"turn-{turn.pk}@{host}")
        holder = turn.holder.display_name if turn.holder else "open — nobody yet"
        shadowing = feed.kind == CalendarFeed.Kind.PERSONAL and turn.shadow_id == feed.member_id
        event.add(
            "summary",
            f"{'Shadowing: ' if shadowing else ''}{role.name} ({role.body.name}): {holder}",
        )
        event.add("dtstart", turn.starts_at)
        event.add("dtend", turn.ends_at)
        event.add("dtstamp", turn.starts_at)
        details = [f"Holder: {holder}"]
        if turn.shadow:
            details.append(f"Shadow: {turn.shadow.display_name}")
        details += [r["text"] for r in turn.reasons]
        event.add("description", "\n".join(details))
        event.add("status", "CONFIRMED" if turn.confirmed else "TENTATIVE")
        cal.add_component(event)
    return cal.to_ical()
