"""Checks shared by the organization services, and public to the feature apps: the tenant and
organizer checks every service makes first."""

from __future__ import annotations

import zoneinfo

from django.utils.text import slugify

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.organizations.models import Member


def check_timezone(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ServiceError(f"“{name}” is not a known time zone.", field="timezone_name") from None


def check_slug(slug: str, *, field: str = "slug") -> str:
    clean = slugify(slug)
    if not clean or clean != slug:
        raise ServiceError(
            "Use only lower-case letters, digits and hyphens.", field=field, code="bad_slug"
        )
    return clean


def require_organizer(actor: Member) -> None:
    if not (actor.status == Member.Status.ACTIVE and actor.is_organizer):
        raise NotAllowed("Only organizers can do this.")


def require_same_org(actor: Member, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.organization_id != actor.organization_id:
            # Never reveal another organization's rows: treat them as not found.
            raise ServiceError("Not found in this organization.", code="not_found")
