"""Fixtures for election tests: an assembly of the whole organization and an election whose
voting window is open now (nominations happened an hour ago, through the services)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from orgkit.elections import services
from orgkit.organizations import services as org_services


def add_voters(world, count: int, *, prefix: str = "Voter", branch=None) -> list:
    return [
        org_services.member_add(
            actor=world.organizer,
            email=f"{prefix.lower()}{i}@example.org",
            full_name=f"{prefix} {i:03d}",
            branch=branch or world.branch,
        )
        for i in range(count)
    ]


def assembly(world):
    from orgkit.organizations.models import Body

    return Body.objects.filter(organization=world.org, slug="assembly").first() or (
        org_services.body_create(
            actor=world.organizer,
            name="Assembly",
            slug="assembly",
            kind="assembly",
            membership="organization",
        )
    )


def make_election(
    world,
    *,
    seats=2,
    rule="scottish",
    ballot_kind="ranked",
    secrecy="secret",
    requires_seconder=False,
    title="Delegates 2026",
    closes_in=timedelta(hours=2),
):
    """An election in nominations whose nomination window is open an hour back from now and
    whose voting window is open now."""
    now = timezone.now()
    election = services.election_create(
        actor=world.organizer,
        body=assembly(world),
        title=title,
        seats=seats,
        ballot_kind=ballot_kind,
        rule=rule,
        secrecy=secrecy,
        requires_seconder=requires_seconder,
        notice_days=0,
        nominations_open_at=now - timedelta(hours=3),
        nominations_close_at=now - timedelta(hours=1),
        voting_opens_at=now - timedelta(hours=1),
        voting_closes_at=now + closes_in,
        at=now - timedelta(hours=4),
    )
    services.election_open_nominations(
        actor=world.organizer, election=election, at=now - timedelta(hours=3)
    )
    election.refresh_from_db()
    return election


def nominate(world, election, members, slates=None):
    at = election.nominations_open_at + timedelta(minutes=5)
    out = []
    for i, m in enumerate(members):
        out.append(
            services.candidate_nominate(
                actor=m,
                election=election,
                member=m,
                statement=f"I am {m.display_name}.",
                slate_name=(slates[i] if slates else ""),
                at=at,
            )
        )
    return out


def open_voting(world, election):
    services.election_open_voting(
        actor=world.organizer, election=election, at=election.voting_opens_at
    )
    election.refresh_from_db()
    return election


@pytest.fixture
def running(world):
    """An open election: 2 seats, candidates A, B, C (members), 8 voters on the roll."""
    voters = add_voters(world, 6)
    election = make_election(world)
    candidates = nominate(world, election, voters[:3])
    open_voting(world, election)
    return election, candidates, voters


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run after-commit work (the count, emails) as the real commit would."""
    return django_capture_on_commit_callbacks
