"""Checks shared by the organization services, and public to the feature apps: the tenant and
organizer checks every service makes first."""

from __future__ import annotations

import zoneinfo

from django.utils.text import slugify
from django.utils.translation import gettext as _

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.organizations.models import Member
from orgkit.organizations.tenancy import known_language


def check_timezone(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ServiceError(
            _("“%(name)s” is not a known time zone.") % {"name": name}, field="timezone_name"
        ) from None


def check_language(code: str, *, field: str = "language", allow_blank: bool = False) -> str:
    """``code`` if it is one of the languages orgkit speaks (or blank, when allowed)."""
    if (allow_blank and code == "") or known_language(code):
        return code
    raise ServiceError(
        _("Choose one of the languages orgkit speaks."), field=field, code="bad_language"
    )


def check_slug(slug: str, *, field: str = "slug") -> str:
    clean = slugify(slug)
    if not clean or clean != slug:
        raise ServiceError(
            _("Use only lower-case letters, digits and hyphens."), field=field, code="bad_slug"
        )
    return clean


def require_organizer(actor: Member) -> None:
    if not (actor.status == Member.Status.ACTIVE and actor.is_organizer):
        raise NotAllowed(_("Only organizers can do this."))


def require_same_org(actor: Member, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.organization_id != actor.organization_id:
            # Never reveal another organization's rows: treat them as not found.
            raise ServiceError(_("Not found in this organization."), code="not_found")
