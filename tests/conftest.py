"""Shared fixtures: a small world of two organizations and four kinds of visitor."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings as hypothesis_settings

from tests.support import make_user, require_postgres

# Property tests: random examples while developing; in CI the same examples every run (so a
# red run is reproducible, not a dice roll) and no per-example deadline (CI machines are busy).
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@dataclass
class World:
    org: object
    other_org: object
    organizer: object  # Member
    member: object  # Member
    outsider_user: object  # User, member of other_org only
    branch: object
    body: object
    role: object
    invitation: object
    invitation_token: str


@pytest.fixture
def world(db) -> World:
    from orgkit.organizations import services
    from orgkit.organizations.models import Member

    boss = make_user("olga@example.org", "Olga Organizer")
    org = services.organization_create(creator=boss, name="Tenants United", slug="tenants")
    organizer = Member.objects.get(organization=org, user=boss)
    branch = services.branch_create(actor=organizer, name="North Block")
    member = services.member_add(
        actor=organizer, email="max@example.org", full_name="Max Member", branch=branch
    )
    member.user.set_password("pw-for-tests-1")
    member.user.save()
    outsider = make_user("otto@example.org", "Otto Outsider")
    other_org = services.organization_create(creator=outsider, name="Other Co-op", slug="other")
    body = services.body_create(actor=organizer, name="Steering Committee", kind="committee")
    services.body_member_add(
        actor=organizer, body=body, member=member, how="elected", start=date(2026, 1, 1)
    )
    role = services.role_create(actor=organizer, body=body, name="Coordinator")
    services.role_assign(
        actor=organizer, role=role, member=member, how="rotation", start=date(2026, 1, 1)
    )
    invitation, token = services.invitation_create(actor=organizer, email="new@example.org")
    return World(
        org=org,
        other_org=other_org,
        organizer=organizer,
        member=member,
        outsider_user=outsider,
        branch=branch,
        body=body,
        role=role,
        invitation=invitation,
        invitation_token=token,
    )


# --- rotations ------------------------------------------------------------------------------


@pytest.fixture
def crew(world):
    """Four members on the steering committee: Max (from the world), Ana, Bo, Cy."""
    from orgkit.organizations import services as org_services

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
    from orgkit.rotations import services

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


@pytest.fixture
def postgres_only():
    """For race tests: skip on SQLite (it serialises writers), fail instead in CI."""
    require_postgres()
