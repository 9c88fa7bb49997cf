"""Dates and numbers in the reader's language, with the real Spanish catalogue: "1 de enero de
2026" beside "1 Jan 2026", a year wherever a date could fall in another one, "2,5" beside
"2.5"; and every language defines every named date format orgkit's templates use."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

from orgkit.core.formats import NAMES
from orgkit.decisions.services._common import org_time_text
from orgkit.elections.services._common import day_text
from orgkit.health.panels import num
from orgkit.organizations import services

TUESDAY = date(2026, 12, 1)


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_every_language_names_every_date_format(code):
    module = import_module(f"orgkit.core.formats.{code}.formats")
    missing = [name for name in NAMES if not getattr(module, name, "")]
    assert not missing, f"orgkit/core/formats/{code}/formats.py lacks {missing}"


@pytest.mark.parametrize(
    ("name", "english", "spanish"),
    [
        ("DATE_FORMAT", "1 Dec 2026", "1 de diciembre de 2026"),
        ("LONG_DATE_FORMAT", "1 December 2026", "1 de diciembre de 2026"),
        ("WEEKDAY_DATE_FORMAT", "Tue 1 Dec 2026", "mar 1 de diciembre de 2026"),
        ("WEEKDAY_MONTH_DAY_FORMAT", "Tue 1 Dec", "mar 1 de dic"),
        ("LONG_WEEKDAY_DATE_FORMAT", "Tuesday 1 December 2026", "martes 1 de diciembre de 2026"),
        ("YEAR_MONTH_FORMAT", "December 2026", "diciembre de 2026"),
    ],
)
def test_named_formats_read_naturally_in_each_language(name, english, spanish):
    template = Template("{{ day|date:name }}")
    for code, expected in [("en", english), ("es", spanish)]:
        with translation.override(code):
            assert template.render(Context({"day": TUESDAY, "name": name})) == expected
            assert date_format(TUESDAY, name) == expected


def test_service_messages_write_dates_in_the_readers_language(world):
    moment = datetime(2026, 12, 1, 17, 30, tzinfo=UTC)
    with translation.override("es"):
        assert org_time_text(moment, world.org) == "1 de diciembre de 2026, 17:30"
        assert day_text(TUESDAY) == "1 de diciembre de 2026"
    with translation.override("en"):
        assert org_time_text(moment, world.org) == "1 Dec 2026 17:30"
        assert day_text(TUESDAY) == "1 Dec 2026"


def test_numbers_are_written_the_readers_way():
    with translation.override("es"):
        assert num(2.5, 1) == "2,5" and num(0.8) == "0,8"
    with translation.override("en"):
        assert num(2.5, 1) == "2.5" and num(0.8) == "0.8"


def test_a_spanish_dashboard_dates_the_members_roles_with_their_year(world):
    """Issue #13: the dashboard's dates had no year. The member took their role on 1 January
    2026 (tests/conftest.py)."""
    services.member_set_language(actor=world.member, member=world.member, language="es")
    client = Client()
    client.force_login(world.member.user)
    page = client.get(f"/o/{world.org.slug}/").content.decode()
    assert "Tus roles" in page
    assert "desde el 1 de enero de 2026" in page, page
    english = Client()
    english.force_login(world.organizer.user)
    services.role_assign(
        actor=world.organizer,
        role=world.role,
        member=world.organizer,
        how="appointment",
        start=date(2026, 3, 2),
    )
    page = english.get(f"/o/{world.org.slug}/").content.decode()
    assert "Your roles" in page and "since 2 Mar 2026" in page


def test_a_spanish_member_page_says_since_when_in_spanish(world):
    services.member_set_language(actor=world.member, member=world.member, language="es")
    client = Client()
    client.force_login(world.member.user)
    page = client.get(f"/o/{world.org.slug}/members/{world.member.pk}/").content.decode()
    joined = world.member.joined_on
    with translation.override("es"):
        expected = date_format(joined, "LONG_DATE_FORMAT")
    assert f"{joined.day} de " in expected and f" de {joined.year}" in expected
    assert "Miembro desde" in page and expected in page


LITERAL_DATE = re.compile(r'\|date:"([^"]*)"')
# The format given as a literal string; one from pgettext("date format: …", "j F") is translated.
LITERAL_IN_PYTHON = re.compile(
    r'(?:date_format|dateformat\.format)\((?:[^,()]|\([^()]*\))*,\s*"([^"]*)"'
)


def test_dates_are_printed_by_named_formats_only():
    """A literal format ("j M Y") prints English order in every language; a named one is each
    language's own. Single letters (a weekday's name, "D") read the same either way."""
    root = Path(settings.BASE_DIR) / "orgkit"
    literal = []
    for path in sorted(root.rglob("*")):
        if path.suffix in {".html", ".txt"}:
            found = LITERAL_DATE.findall(path.read_text(encoding="utf-8"))
        elif path.suffix == ".py" and "migrations" not in path.parts:
            found = LITERAL_IN_PYTHON.findall(path.read_text(encoding="utf-8"))
        else:
            continue
        literal += [
            f"{path.relative_to(root)}: {f!r}" for f in found if f not in NAMES and len(f) > 1
        ]
    assert not literal, "use a named format (orgkit/core/formats/__init__.py):\n" + "\n".join(
        literal
    )


def test_the_log_names_codes_and_dates_in_the_readers_language(world):
    """Audit rows store codes and ISO dates; the log reads them out in the reader's language."""
    from orgkit.core.audit import audit_events_for, describe_event

    seated = audit_events_for(organization=world.org).get(verb="organizations.body.member_added")
    assert seated.data["how"] == "elected" and seated.data["start"] == "2026-01-01"
    with translation.override("es"):
        assert describe_event(seated) == (
            "incorporó a Max Member a Steering Committee (elegido/a, desde el 1 de enero de 2026)"
        )
    with translation.override("en"):
        assert describe_event(seated) == (
            "seated Max Member on Steering Committee (elected, from 1 Jan 2026)"
        )
    services.member_set_language(actor=world.member, member=world.member, language="es")
    chose = audit_events_for(organization=world.org).get(verb="organizations.member.language_set")
    with translation.override("en"):
        assert describe_event(chose) == "set Max Member's language to Español"
