"""Writing and reading the audit log."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from orgkit.core.models import AuditEvent, User


def audit_record(
    *,
    organization,
    actor: User | None,
    verb: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event. Call it inside the service's transaction so the event and the change
    it describes are written together or not at all."""
    return AuditEvent.objects.create(
        organization=organization,
        actor=actor,
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        data=data or {},
        occurred_at=at or timezone.now(),
    )


def audit_events_for(*, organization, verb_prefix: str = ""):
    """The organization's events, newest first, with the actor loaded in the same query."""
    events = AuditEvent.objects.filter(organization=organization).select_related("actor")
    if verb_prefix:
        events = events.filter(verb__startswith=verb_prefix)
    return events


# Plain-language phrases for event verbs, so the log reads as sentences. Each app declares its
# verbs as a StrEnum in its ``events.py`` with a phrase for every member, and registers both in
# AppConfig.ready(); a verb without a phrase stops the app from starting.
_EVENT_PHRASES: dict[str, object] = {}
_EVENT_ENUMS: list[type[StrEnum]] = []
# Codes an event's data holds, and how to name them: {verb: {data key: {code: lazy label}}}.
_EVENT_VALUES: dict[str, dict[str, Mapping[str, object]]] = {}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


# The log filter's names for each app's events (verb prefixes).
_AREA_NAMES = {
    "organizations": _("Members and structure"),
    "rotations": _("Rotations"),
    "elections": _("Elections"),
    "decisions": _("Decisions and minority reports"),
    "skills": _("Skill sharing"),
    "casestudies": _("Case studies"),
    "health": _("Democratic health"),
    "core": _("Accounts"),
}


def register_events(events: type[StrEnum], phrases: Mapping[str, object]) -> None:
    """Register an app's audit verbs and their phrases (lazy translations, with ``{target}``
    and the event's data keys as placeholders)."""
    missing = sorted(str(event) for event in events if event not in phrases)
    if missing:
        raise ImproperlyConfigured(f"Audit verbs without a phrase: {', '.join(missing)}")
    _EVENT_ENUMS.append(events)
    _EVENT_PHRASES.update({str(verb): phrase for verb, phrase in phrases.items()})


def register_event_values(values: Mapping[str, Mapping[str, Mapping[str, object]]]) -> None:
    """Name the codes some events store (``{verb: {data key: {code: lazy label}}}``), so that
    the log says "aprobada" where the data says "carried", in the reader's language."""
    for verb, keys in values.items():
        _EVENT_VALUES.setdefault(str(verb), {}).update(keys)


def registered_events() -> list[type[StrEnum]]:
    return list(_EVENT_ENUMS)


def event_phrase(verb: str):
    return _EVENT_PHRASES.get(verb)


# Data keys that name people outside the organization's member list (an invitee's address):
# organizers see them, other members read a placeholder. Members' own addresses are shown to
# organizers only, too (the member list hides them from members).
PRIVATE_DATA_KEYS = frozenset({"email"})

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _readable_dates(text: str) -> str:
    """“2027-07-13” → “13 Jul 2027” (in the active language): the log is read by people."""

    def replace(match: re.Match) -> str:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match[0]
        return date_format(day, "DATE_FORMAT")

    return _ISO_DATE.sub(replace, text)


def describe_event(event: AuditEvent, *, reveal_private: bool = True) -> str:
    """“Ana Petrova invited new@example.org” — the phrase for an event's verb, filled in with
    the event's target and data, dates written for people; the raw verb if no phrase is
    registered or a key is missing. With ``reveal_private=False`` (a member who is not an
    organizer) an invitee's address reads as a placeholder."""
    phrase = _EVENT_PHRASES.get(event.verb)
    if phrase is None:
        return _readable_dates(f"{event.verb} {event.target_label}".strip())
    data = _readable(event)
    if not reveal_private:
        data.update({key: gettext("a new member") for key in PRIVATE_DATA_KEYS & data.keys()})
    try:
        text = str(phrase).format(target=event.target_label, **data)
    except (KeyError, IndexError, ValueError):
        text = f"{event.verb} {event.target_label}".strip()
    return _readable_dates(text)


def redact_event_data(data: Mapping[str, Any] | None) -> dict[str, Any]:
    """An event's data without the keys only organizers may read (for the API)."""
    return {key: value for key, value in (data or {}).items() if key not in PRIVATE_DATA_KEYS}


def event_areas() -> list[tuple[str, str]]:
    """The log's filter choices: each app's verb prefix (“rotations.”) with the app's name in
    the active language, in the order the apps registered their events."""
    areas: dict[str, str] = {}
    for events in _EVENT_ENUMS:
        for verb in events:
            prefix = str(verb).split(".", 1)[0]
            if prefix not in areas:
                areas[prefix] = str(_AREA_NAMES.get(prefix, prefix))
    return [(f"{prefix}.", name) for prefix, name in areas.items()]


def _readable(event: AuditEvent) -> dict[str, Any]:
    """The event's data for its phrase: registered codes named, ISO dates ("2026-12-01")
    written the reader's way ("1 Dec 2026", "1 de diciembre de 2026")."""
    labels = _EVENT_VALUES.get(event.verb, {})
    data = {}
    for key, value in (event.data or {}).items():
        if isinstance(value, str) and value in labels.get(key, {}):
            value = str(labels[key][value])
        elif isinstance(value, str) and _ISO_DAY.fullmatch(value):
            try:
                value = date_format(date.fromisoformat(value), "DATE_FORMAT")
            except ValueError:
                pass
        data[key] = value
    return data
