"""The member list download (issue 14, item 4) and the calendar feed link snippet."""

from __future__ import annotations

import csv
import io

import pytest
from django.template.loader import render_to_string
from django.test import Client

from orgkit.core.csv_export import safe_cell
from orgkit.organizations import services

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+31 20 555", "'+31 20 555"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("Ana", "Ana"),
        (None, ""),
    ],
)
def test_safe_cell_defuses_formulas(value, cell):
    assert safe_cell(value) == cell


def test_members_csv_has_name_email_branch_role_joined(world):
    services.member_add(
        actor=world.organizer, email="eve@example.org", full_name="=cmd|' /C calc'!A0"
    )
    response = client_for(world.organizer.user).get(f"/o/{world.org.slug}/members.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text[1:])))
    assert header == ["name", "email", "branch", "role", "joined"]
    by_email = {row[1]: row for row in rows}
    assert by_email["max@example.org"][:4] == [
        "Max Member",
        "max@example.org",
        "North Block",
        "Coordinator (Steering Committee)",
    ]
    assert by_email["olga@example.org"][3] == "organizer"
    assert by_email["eve@example.org"][0] == "'=cmd|' /C calc'!A0"
    # Only this organization's members.
    assert "otto@example.org" not in by_email


def test_members_csv_is_for_organizers(world):
    url = f"/o/{world.org.slug}/members.csv"
    assert client_for(world.member.user).get(url).status_code == 403
    assert client_for(world.outsider_user).get(url).status_code == 404


def test_feed_link_snippet_offers_webcal_and_a_readonly_field():
    html = render_to_string(
        "_feed_link.html", {"url": "https://orgkit.example/o/x/rotations/feed/abc.ics", "id": "f"}
    )
    assert 'href="webcal://orgkit.example/o/x/rotations/feed/abc.ics"' in html
    assert 'readonly value="https://orgkit.example/o/x/rotations/feed/abc.ics"' in html
    assert "js/copy-field.js" in html and "<script>" not in html
