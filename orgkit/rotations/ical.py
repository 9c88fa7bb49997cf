"""iCal rendering of turns (RFC 5545, via the icalendar library)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from orgkit.core.links import absolute_url
from orgkit.rotations.explanations import cover_alarm, reason_texts
from orgkit.rotations.models import CalendarFeed, Turn
from orgkit.rotations.selectors import feed_turns


def render_feed(feed: CalendarFeed, *, since: date, language: str | None = None) -> bytes:
    """One VEVENT per turn: the holder's turn, from handover to handover. The UID is stable per
    turn, so calendar apps update an event when the plan changes instead of duplicating it.
    Titles and descriptions are written in ``language`` (default: the active one)."""
    with translation.override(language or translation.get_language()):
        cal = Calendar()
        cal.add("prodid", "-//orgkit//rotations//EN")
        cal.add("version", "2.0")
        if feed.kind == CalendarFeed.Kind.PERSONAL:
            title = _("My turns")
        else:
            title = _("%(body)s rotations") % {"body": feed.body.name}
        cal.add("x-wr-calname", f"{title} · {feed.organization.name}")
        host = settings.ORGKIT_BASE_URL.split("//")[-1].split("/")[0] or "orgkit"
        for turn in feed_turns(feed=feed, since=since):
            cal.add_component(_event(turn, feed, host))
        return cal.to_ical()


def _event(turn: Turn, feed: CalendarFeed, host: str) -> Event:
    role = turn.rotation.role
    event = Event()
    event.add("uid", f"turn-{turn.pk}@{host}")
    holder = turn.holder.display_name if turn.holder else _("open — nobody yet")
    shadowing = feed.kind == CalendarFeed.Kind.PERSONAL and turn.shadow_id == feed.member_id
    summary = _("%(role)s (%(body)s): %(holder)s") % {
        "role": role.name,
        "body": role.body.name,
        "holder": holder,
    }
    if shadowing:
        summary = _("Shadowing: %(turn)s") % {"turn": summary}
    if turn.needs_cover:  # the alarm shows in the calendar too, not only on the page
        summary = _("NEEDS COVER: %(turn)s") % {"turn": summary}
    event.add("summary", summary)
    event.add("dtstart", turn.starts_at)
    event.add("dtend", turn.ends_at)
    event.add("dtstamp", turn.starts_at)
    details = [_("Holder: %(name)s") % {"name": holder}]
    if turn.needs_cover:
        # Find cover: one click from the event to the turn's row, where it can be covered.
        page = absolute_url(
            "rotations:detail", org_slug=feed.organization.slug, rotation_id=turn.rotation_id
        )
        link = f"{page}#turn-{turn.pk}"
        details[:0] = [cover_alarm(turn), _("Find cover: %(link)s") % {"link": link}]
        event.add("url", link)
    if turn.shadow:
        details.append(_("Shadow: %(name)s") % {"name": turn.shadow.display_name})
    details += reason_texts(turn.reasons, turn_start=turn.start)
    event.add("description", "\n".join(details))
    event.add("status", "CONFIRMED" if turn.confirmed else "TENTATIVE")
    return event
