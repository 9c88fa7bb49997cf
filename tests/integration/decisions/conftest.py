"""A council of fifteen under a congress, for the decision tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("UTC"))


@dataclass
class Council:
    congress: object
    council: object
    members: list  # fifteen Members on the council; [0] is world.member
    organizer: object


@pytest.fixture
def council(world) -> Council:
    from orgkit.organizations import services as org

    congress = org.body_create(
        actor=world.organizer, name="Congress", kind="congress", membership="organization"
    )
    council = org.body_create(
        actor=world.organizer, name="Local Council", kind="committee", parent=congress
    )
    members = [world.member]
    for i in range(14):
        members.append(
            org.member_add(
                actor=world.organizer,
                email=f"m{i:02d}@example.org",
                full_name=f"Member {i:02d}",
                joined_on=date(2025, 1, 1),
            )
        )
    for member in members:
        org.body_member_add(
            actor=world.organizer,
            body=council,
            member=member,
            how="elected",
            start=date(2026, 1, 1),
        )
    return Council(congress=congress, council=council, members=members, organizer=world.organizer)


def decided_9_6(council, *, at=T0):
    """A seconded motion carried 9–6 on a roll call; members[9:] voted against."""
    from orgkit.decisions import services

    m = council.members
    motion = services.motion_propose(
        actor=m[0],
        body=council.council,
        title="Sign the framework agreement",
        text="The local signs the **framework agreement**.",
        seconder=m[1],
        at=at - timedelta(hours=1),
    )
    roll = [(member, "for") for member in m[:9]] + [(member, "against") for member in m[9:]]
    return services.motion_record_room_vote(
        actor=council.organizer, motion=motion, roll=roll, at=at
    )
