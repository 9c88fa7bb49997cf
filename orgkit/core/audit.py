"""Writing and reading the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone

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


# Plain-language phrases for event verbs, so the log reads as sentences. Each app registers
# its own in AppConfig.ready(); an unknown verb falls back to the verb itself.
_EVENT_PHRASES: dict[str, str] = {}


def register_event_phrases(phrases: dict[str, str]) -> None:
    _EVENT_PHRASES.update(phrases)


def describe_event(event: AuditEvent) -> str:
    """“Ana Petrova invited new@example.org” — the phrase for an event's verb, filled in with
    the event's target and data; the raw verb if no phrase is registered or a key is missing."""
    phrase = _EVENT_PHRASES.get(event.verb)
    if phrase is None:
        return f"{event.verb} {event.target_label}".strip()
    try:
        return phrase.format(target=event.target_label, **(event.data or {}))
    except (KeyError, IndexError, ValueError):
        return f"{event.verb} {event.target_label}".strip()
