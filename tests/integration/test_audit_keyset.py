"""The audit log in keyset pages (older / newer), page and API: every event exactly once in
order, ties in time included; no COUNT over the log; hostile cursors give the newest page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from orgkit.core.audit import audit_events_for, audit_record
from orgkit.core.keyset import decode_cursor, encode_cursor, keyset_page
from orgkit.core.models import AuditEvent
from tests.support import assert_queries_constant

pytestmark = pytest.mark.django_db

AT = datetime(2026, 5, 1, 12, tzinfo=UTC)


def add_events(world, n: int, *, same_time: bool = False) -> None:
    for i in range(n):
        audit_record(
            organization=world.org,
            actor=world.organizer.user,
            verb="organizations.organization.updated",
            at=AT if same_time else AT - timedelta(minutes=i),
        )


def walk(pages_from, first) -> list[int]:
    """Follow `older` to the end, then `newer` back: the ids seen, both ways."""
    seen, page = [], first
    while True:
        seen += [e.pk for e in page.rows]
        if not page.older:
            break
        page = pages_from(older=page.older)
    back = list(reversed([e.pk for e in page.rows]))
    while page.newer:
        page = pages_from(newer=page.newer)
        back += list(reversed([e.pk for e in page.rows]))
    return seen, list(reversed(back))


@pytest.mark.parametrize("same_time", [False, True], ids=["spread", "all-at-one-moment"])
def test_paging_sees_every_event_once_in_order_both_ways(world, same_time):
    add_events(world, 23, same_time=same_time)
    events = audit_events_for(organization=world.org)
    expected = list(events.values_list("pk", flat=True))

    def pages_from(**cursor):
        return keyset_page(events, size=5, **cursor)

    forward, backward = walk(pages_from, pages_from())
    assert forward == expected
    assert backward == expected


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "junk",
        "-1-5",
        "1-",
        "99999999999999999-1",  # far beyond year 9999
        f"1-{10**20}",
        "1" * 40 + "-1",
        "１２-３",  # other scripts' digits
        "1-2\x00",
    ],
    ids=lambda c: repr(c)[:20],
)
def test_a_forged_cursor_gives_the_newest_page(world, cursor):
    add_events(world, 3)
    newest = keyset_page(audit_events_for(organization=world.org), size=2)
    page = keyset_page(audit_events_for(organization=world.org), older=cursor, size=2)
    assert [e.pk for e in page.rows] == [e.pk for e in newest.rows]
    client = Client()
    client.force_login(world.member.user)
    assert client.get("/o/tenants/log/", {"older": cursor}).status_code == 200
    api = APIClient()
    api.force_authenticate(world.member.user)
    assert (
        api.get("/api/v1/orgs/tenants/log/", {"older": cursor, "limit": 10**20}).status_code == 200
    )


def test_cursor_round_trip():
    moment = datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=UTC)
    assert decode_cursor(encode_cursor(moment, 42)) == (moment, 42)


def test_no_page_counts_the_log(world):
    add_events(world, 60)
    client = Client()
    client.force_login(world.member.user)
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/o/tenants/log/")
    assert first.status_code == 200 and "Older" in first.content.decode()
    assert not [q for q in queries if "COUNT(" in q["sql"].upper() and "audit" in q["sql"]]


def test_the_api_pages_by_cursor_and_keeps_the_filter(world):
    add_events(world, 7)
    api = APIClient()
    api.force_authenticate(world.member.user)
    url = "/api/v1/orgs/tenants/log/?verb=organizations.organization&limit=3"
    seen = []
    while url:
        body = api.get(url).json()
        assert "count" not in body
        seen += [row["id"] for row in body["results"]]
        assert all(row["verb"].startswith("organizations.organization") for row in body["results"])
        url = body["next"]
    expected = list(
        AuditEvent.objects.filter(
            organization=world.org, verb__startswith="organizations.organization"
        ).values_list("pk", flat=True)
    )
    assert seen == expected


def test_log_page_queries_do_not_grow_with_the_log(world):
    client = Client()
    client.force_login(world.member.user)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            client.get("/o/tenants/log/", {"older": encode_cursor(AT + timedelta(days=1), 1)})
        return len(queries)

    add_events(world, 60)
    assert_queries_constant(measure, lambda: add_events(world, 20), at_most=12)
