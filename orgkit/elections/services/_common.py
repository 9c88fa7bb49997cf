"""Small helpers the election services share."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import dateformat

from orgkit.organizations.tenancy import in_organization_time


def org_time_text(moment: datetime, organization) -> str:
    """``moment`` as the organization's members read a clock, e.g. "05 Mar 2026 18:00" (the
    month's name in the active language)."""
    return dateformat.format(in_organization_time(moment, organization), "d M Y H:i")


def day_text(day: date) -> str:
    """A date for a message, e.g. "05 Mar 2026" (the month's name in the active language)."""
    return dateformat.format(day, "d M Y")
