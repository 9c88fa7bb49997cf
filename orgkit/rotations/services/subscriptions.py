"""Calendar feeds and reminder settings."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.organizations.models import Body, Member
from orgkit.organizations.services.checks import require_same_org
from orgkit.rotations.events import RotationEvent
from orgkit.rotations.models import (
    CalendarFeed,
    ReminderPreference,
)


def feed_token_hash(token: str) -> str:
    """The stored form of a feed's secret token (the token itself is shown once, never kept)."""
    return hashlib.sha256(token.encode()).hexdigest()


def feed_create(
    *, actor: Member, kind: str, body: Body | None = None, at: datetime | None = None
) -> tuple[CalendarFeed, str]:
    """Make a secret iCal address; return the feed and its token (shown once)."""
    at = at or timezone.now()
    require_same_org(actor, body)
    if kind not in CalendarFeed.Kind.values:
        raise ServiceError(_("Choose which calendar to subscribe to."), field="kind")
    if kind == CalendarFeed.Kind.BODY and body is None:
        raise ServiceError(_("Choose the body."), field="body")
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        feed = CalendarFeed.objects.create(
            organization=actor.organization,
            member=actor,
            kind=kind,
            body=body if kind == CalendarFeed.Kind.BODY else None,
            token_hash=feed_token_hash(token),
            created_at=at,
        )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb=RotationEvent.FEED_CREATED,
            target=feed,
            at=at,
        )
    return feed, token


def feed_revoke(*, actor: Member, feed: CalendarFeed, at: datetime | None = None) -> CalendarFeed:
    """Revoke one of your calendar addresses: it stops working at once."""
    at = at or timezone.now()
    require_same_org(actor, feed)
    if feed.member_id != actor.pk:
        raise NotAllowed(_("You can only revoke your own calendar addresses."))
    with transaction.atomic():
        feed.revoked_at = at
        feed.save(update_fields=["revoked_at"])
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb=RotationEvent.FEED_REVOKED,
            target=feed,
            at=at,
        )
    return feed


def reminder_preference_set(
    *, actor: Member, days_before: int, enabled: bool
) -> ReminderPreference:
    """How many days before their turns a member is reminded, or not at all."""
    if not 0 <= days_before <= 60:
        raise ServiceError(_("Choose between 0 and 60 days."), field="days_before")
    preference, _created = ReminderPreference.objects.update_or_create(
        member=actor,
        defaults={
            "organization": actor.organization,
            "days_before": days_before,
            "enabled": enabled,
        },
    )
    return preference
