from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from orgkit.organizations import services as org_services
from orgkit.rotations import services


@pytest.fixture
def crew(world):
    """Four members on the steering committee: Max (from the world), Ana, Bo, Cy."""
    members = [world.member]
    for name in ["Ana Alder", "Bo Birch", "Cy Cedar"]:
        member = org_services.member_add(
            actor=world.organizer,
            email=f"{name.split()[0].lower()}@example.org",
            full_name=name,
            joined_on=date(2025, 1, 1),
        )
        org_services.body_member_add(
            actor=world.organizer,
            body=world.body,
            member=member,
            how="elected",
            start=date(2026, 1, 1),
        )
        members.append(member)
    world.member.joined_on = date(2025, 1, 1)
    world.member.save()
    return members


# Monday 7 December 2026, 09:00 UTC: the clock the rotation tests run at.
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def frozen_now(monkeypatch):
    """Pin django.utils.timezone.now for services that read the clock."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture
def weekly(world, crew, frozen_now):
    """A weekly rotation of the steering committee's coordinator, handing over on Mondays
    at 18:00, starting next Monday, no shadows."""
    return services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2026, 12, 14),
        handover_time=time(18, 0),
        shadow_turns=False,
        confirmation_horizon=2,
        plan_ahead_turns=8,
        at=frozen_now,
    )
