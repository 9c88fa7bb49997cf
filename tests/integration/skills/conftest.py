"""Fixtures for the skills tests: a small catalogue on top of the shared world and crew."""

from __future__ import annotations

import pytest


@pytest.fixture
def skills(world):
    from orgkit.skills import services

    chair = services.skill_add(actor=world.organizer, organization=world.org, name="Chairing")
    minutes = services.skill_add(actor=world.organizer, organization=world.org, name="Minutes")
    return chair, minutes
