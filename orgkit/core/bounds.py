"""The one place that says which dates and numbers a user may send.

``date + timedelta`` past 9999-12-31 (or before 0001-01-01) raises ``OverflowError``, and a
number past 2**63 is a database error on PostgreSQL; both used to become a 500 after a row had
been saved. Every date, month and number that comes from a user is checked against the bounds
here: forms and serializers use the fields in :mod:`orgkit.core.fields` (a 400 with a message),
services check again with :func:`require_plausible_date` (they are the API of record), and
query parameters go through :func:`month_param` / :func:`int_param`.

The date range is wide enough for any real record (founding dates, historical role holders,
plans decades ahead) and narrow enough that a plan, a leave or a calendar built from it never
comes near the ends of Python's calendar.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from orgkit.core.errors import ServiceError

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)

#: The largest value a PostgreSQL bigint holds: ids and offsets past it are database errors.
MAX_BIGINT = 2**63 - 1

DATE_RANGE_MESSAGE = gettext_lazy("Enter a date between %(earliest)s and %(latest)s.")


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def date_in_range(value: date | datetime) -> bool:
    """Whether a date (or the day of a datetime) lies inside the plausible range."""
    return EARLIEST_DATE <= _as_date(value) <= LATEST_DATE


def date_range_message() -> str:
    return DATE_RANGE_MESSAGE % {
        "earliest": EARLIEST_DATE.isoformat(),
        "latest": LATEST_DATE.isoformat(),
    }


def validate_plausible_date(value: date | datetime | None) -> None:
    """A Django validator (forms and DRF serializers both run these)."""
    if value is not None and not date_in_range(value):
        raise ValidationError(date_range_message(), code="date_out_of_range")


def require_plausible_date(value: date | datetime | None, *, field: str) -> None:
    """For services: refuse a date outside the range with a ServiceError naming ``field``."""
    if value is not None and not date_in_range(value):
        raise ServiceError(date_range_message(), field=field)


def month_param(text: str | None, *, today: date) -> tuple[date, bool]:
    """The first day of the month asked for as ``YYYY-MM``; ``(first day, ok)``.

    Absent → this month, ok. Unreadable or outside the plausible range → this month and
    ``ok=False``, so the page can say so instead of failing.
    """
    this_month = today.replace(day=1)
    if not text:
        return this_month, True
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
        return this_month, False
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12:
        return this_month, False
    first = date(max(year, 1), month, 1)
    if not date_in_range(first):
        return this_month, False
    return first, True


def int_param(text: str | None, *, default: int, minimum: int, maximum: int) -> int:
    """A whole number from a query parameter, clamped to ``minimum..maximum``.

    Anything that is not plain ASCII digits (a sign, an exponent, another script's digits, a
    hundred-digit number) gives ``default``.
    """
    if text is None:
        return default
    value = text.strip()
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return default
    return max(minimum, min(maximum, int(value)))


def text_param(text: str | None, *, max_length: int) -> str:
    """A search or filter string from a query parameter: trimmed, cut to ``max_length``, and
    without NUL characters (PostgreSQL refuses them in any string: a 500 on ``?q=%00``)."""
    return (text or "").replace("\x00", "").strip()[:max_length]


def row_id(text: str | None) -> int | None:
    """A database id sent in a form or query string, or None when it cannot be one.

    ``str.isdigit`` is true for "²" and for a 30-digit number; ``int()`` of the first fails
    and the second overflows a bigint on PostgreSQL.
    """
    if text is None:
        return None
    value = text.strip()
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    number = int(value)
    return number if 0 < number <= MAX_BIGINT else None


__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "MAX_BIGINT",
    "date_in_range",
    "date_range_message",
    "int_param",
    "month_param",
    "require_plausible_date",
    "row_id",
    "text_param",
    "validate_plausible_date",
]
