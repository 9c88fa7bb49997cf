"""Keyset ("older / newer") paging for long, newest-first lists such as the audit log.

A numbered paginator counts every row (``COUNT(*)``) and skips ``OFFSET`` rows on each page:
over an organization's million audit events that is a scan per page view. A keyset page asks
only for the rows after a cursor — the (time, id) of the last row seen — which the
``(organization, -occurred_at, -id)`` index answers directly, whatever the list's length.
The cursor is ``<microseconds since 1970>-<id>``; anything else (forged, cut, out of range)
reads as "no cursor" and gives the newest page, as a numbered page of junk would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q, QuerySet

from orgkit.core.bounds import MAX_BIGINT

_CURSOR = re.compile(r"^(\d{1,18})-(\d{1,19})$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class KeysetPage:
    """One page of rows, newest first, with the cursors of the pages either side (or None)."""

    rows: list
    older: str | None
    newer: str | None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.older or self.newer)


def encode_cursor(moment: datetime, pk: int) -> str:
    """The cursor of one row: its time in microseconds since 1970, and its id."""
    delta = moment - _EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}-{pk}"


def decode_cursor(raw: str | None) -> tuple[datetime, int] | None:
    """(time, id) from a cursor, or None when it is not one this module wrote."""
    match = _CURSOR.match((raw or "").strip())
    if not match:
        return None
    micros, pk = int(match[1]), int(match[2])
    if pk > MAX_BIGINT:
        return None
    try:
        return _EPOCH + timedelta(microseconds=micros), pk
    except OverflowError:  # beyond year 9999
        return None


def keyset_page(
    rows: QuerySet,
    *,
    older: str | None = None,
    newer: str | None = None,
    size: int = 50,
    time_field: str = "occurred_at",
) -> KeysetPage:
    """The page of ``rows`` (newest first by ``time_field``, then id) after ``older`` or
    before ``newer``; the newest page without a cursor. Reads ``size + 1`` rows, never counts."""
    before, after = decode_cursor(older), decode_cursor(newer)
    if before is not None:
        moment, pk = before
        found = list(
            rows.filter(
                Q(**{f"{time_field}__lt": moment}) | Q(**{time_field: moment, "pk__lt": pk})
            ).order_by(f"-{time_field}", "-pk")[: size + 1]
        )
        page, more_older, more_newer = found[:size], len(found) > size, True
    elif after is not None:
        moment, pk = after
        found = list(
            rows.filter(
                Q(**{f"{time_field}__gt": moment}) | Q(**{time_field: moment, "pk__gt": pk})
            ).order_by(time_field, "pk")[: size + 1]
        )
        page, more_older, more_newer = list(reversed(found[:size])), True, len(found) > size
    else:
        found = list(rows.order_by(f"-{time_field}", "-pk")[: size + 1])
        page, more_older, more_newer = found[:size], len(found) > size, False
    if not page:
        # Past either end (a stale or hand-made cursor): nothing here, offer the newest page.
        return (
            KeysetPage(rows=[], older=None, newer=None)
            if before is None and after is None
            else (keyset_page(rows, size=size, time_field=time_field))
        )
    first, last = page[0], page[-1]
    return KeysetPage(
        rows=page,
        older=encode_cursor(getattr(last, time_field), last.pk) if more_older else None,
        newer=encode_cursor(getattr(first, time_field), first.pk) if more_newer else None,
    )
