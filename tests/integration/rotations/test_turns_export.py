"""The rotation turns download (issue 14, item 4): organizers only, this organization's
turns only, spreadsheet-safe cells, and a query count that does not grow with the turns."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from orgkit.rotations.models import Turn
from orgkit.rotations.planning import rotation_replan
from tests.support import assert_queries_constant, queries_of

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def read(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the mark
    return list(csv.reader(io.StringIO(text[1:])))


def test_turns_csv_lists_every_turn_with_dates_holder_and_status(world, weekly):
    response = client_for(world.organizer.user).get(f"/o/{world.org.slug}/rotations/turns.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, *rows = read(response)
    assert header == ["rotation", "body", "from", "to", "holder", "status"]
    turns = list(Turn.objects.filter(rotation=weekly).order_by("start"))
    assert len(rows) == len(turns) == 8
    first = turns[0]
    assert rows[0] == [
        "Coordinator",
        "Steering Committee",
        first.start.isoformat(),
        first.end.isoformat(),
        first.holder.display_name,
        "confirmed" if first.confirmed else "planned",
    ]


def test_turns_csv_for_one_rotation_and_a_hostile_filter(world, weekly):
    client = client_for(world.organizer.user)
    url = f"/o/{world.org.slug}/rotations/turns.csv"
    assert len(read(client.get(url, {"rotation": weekly.pk}))) == 9
    assert len(read(client.get(url, {"rotation": weekly.pk + 999}))) == 1
    assert client.get(url, {"rotation": "1e99"}).status_code == 200


def test_turns_csv_defuses_formulas_in_names(world, weekly):
    holder = Turn.objects.filter(rotation=weekly).order_by("start").first().holder
    holder.user.full_name = '=HYPERLINK("http://evil.example","click")'
    holder.user.save()
    rows = read(client_for(world.organizer.user).get(f"/o/{world.org.slug}/rotations/turns.csv"))
    names = {row[4] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil.example","click")' in names
    assert not any(name.startswith("=") for name in names)


def test_turns_csv_is_for_organizers(world, weekly):
    url = f"/o/{world.org.slug}/rotations/turns.csv"
    assert client_for(world.member.user).get(url).status_code == 403
    assert client_for(world.outsider_user).get(url).status_code == 404


def test_turns_csv_keeps_a_constant_query_count(world, weekly):
    client = client_for(world.organizer.user)
    url = f"/o/{world.org.slug}/rotations/turns.csv"

    def grow():
        weekly.plan_ahead_turns = 28
        weekly.save()
        rotation_replan(rotation=weekly)

    assert_queries_constant(
        lambda: queries_of(client, url, contains="Coordinator"), grow, at_most=8
    )
    assert Turn.objects.filter(rotation=weekly).count() == 28
