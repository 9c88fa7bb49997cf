"""Hostile query parameters on every GET route, pages and API alike, as an organizer and as a
member: never a 500 (issue 8, item 3: "also fuzz dates and query parameters on the HTML pages").

The routes come from the role × route matrix (tests/integration/routes/), so a new page is
walked as soon as it is listed there. Each hostile value is sent in every query parameter the
app reads at once; a 4xx or a page that ignores the value is fine, a 5xx is not.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.integration.routes import walk

pytestmark = pytest.mark.django_db

# Every query parameter a view or serializer reads (grep request.GET / query_params), plus the
# pagination pair and a few that no view reads.
PARAMETERS = [
    "month",
    "months",
    "page",
    "limit",
    "offset",
    "q",
    "branch",
    "verb",
    "role",
    "parent",
    "code",
    "next",
    "format",
    "year",
    "id",
]

HOSTILE = [
    "9999-12",
    str(10**20),
    "9" * 5000,
    "x" * 10_000,
    "²",
    "\x00",
    "' OR 1=1 --",
    "https://evil.example/",
    "",
]
# The values the issue names, each alone (a combined query could hide one behind another's
# early answer).
ALONE = [
    {"month": "9999-12"},
    {"month": "0001-01"},
    {"month": "1-1"},
    {"months": str(10**20)},
    {"page": str(10**20)},
    {"page": "-1"},
    {"limit": str(10**20), "offset": str(10**20)},
    # Text filters without the pagination parameters (a bad limit answers 400 first).
    {"q": "\x00", "branch": "\x00", "verb": "\x00"},
    {"q": "%_\\", "verb": "x" * 10_000},
]
# Sent as they are: bytes that are not UTF-8, and a parameter given twice.
RAW_QUERIES = ["month=%ff%fe&q=%ff&page=%c0%af", "month=2027-01&month=9999-12&limit=1&limit=x"]
# Pages that read no query parameter and are slow to render (the OpenAPI schema and its viewer,
# the forms with a time-zone list): visited with the first hostile query only.
STATIC = {"api-schema", "api-docs", "org:settings", "org-create"}


def queries(who: str) -> list[dict | str]:
    combined: list[dict | str] = [{p: value for p in PARAMETERS} for value in HOSTILE]
    if who == "member":  # members see the same views; a lighter walk for them
        return [combined[0], combined[1], combined[5], RAW_QUERIES[0]]
    return [*combined, *ALONE, *RAW_QUERIES]


def get_routes() -> list[str]:
    return sorted(name for name, methods in walk.matrix().items() if "GET" in methods)


@pytest.mark.parametrize("who", ["organizer", "member"])
def test_no_get_route_answers_500_to_hostile_query_parameters(world, who):
    values = walk.all_kwarg_values(world)
    client = Client(raise_request_exception=False)
    client.force_login(getattr(world, who).user)
    failures = []
    requests = 0
    for name in get_routes():
        url = walk.url_for(name, world, values)
        for query in queries(who)[:1] if name in STATIC else queries(who):
            if isinstance(query, str):
                response = client.get(f"{url}?{query}")
            else:
                response = client.get(url, query)
            requests += 1
            if response.status_code >= 500:
                shown = query if isinstance(query, str) else {k: v[:20] for k, v in query.items()}
                failures.append(f"{who} GET {name} {url} {shown} → {response.status_code}")
    assert requests >= 40 * len(queries(who))  # the walk really walked
    assert failures == [], f"{len(failures)} answers were 5xx:\n" + "\n".join(failures[:40])
