"""Small helpers the election services share."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.formats import date_format

from orgkit.organizations.tenancy import in_organization_time


def org_time_text(moment: datetime, organization) -> str:
    """``moment`` as the organization's members read a clock, in the active language: "5 Mar
    2026 18:00", "5 de marzo de 2026, 18:00"."""
    return date_format(in_organization_time(moment, organization), "DATETIME_FORMAT")


def day_text(day: date) -> str:
    """A date for a message, in the active language: "5 Mar 2026", "5 de marzo de 2026"."""
    return date_format(day, "DATE_FORMAT")
