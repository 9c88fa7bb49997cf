"""Races on PostgreSQL: a double-pressed sign-off counts once; two runs of the weekly check
raise each alert once; a shadow turn reported twice is logged once."""

from __future__ import annotations

from datetime import date

import pytest

from orgkit.core.errors import ServiceError
from orgkit.skills import services
from orgkit.skills.models import (
    Level,
    LevelChange,
    SignOff,
    SuccessionAlert,
    TeachingSession,
)
from tests.support import race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]


def test_a_double_pressed_sign_off_counts_once(world, crew, skills):
    chair, _ = skills
    ana = crew[1]
    session = services.session_log(
        actor=world.organizer,
        skill=chair,
        teachers=[world.organizer],
        learners=[ana],
        held_on=date(2026, 3, 1),
        minutes=60,
        level_offered=Level.CAN_DO,
    )
    signoff = session.signoffs.get()
    outcomes = race(
        lambda: services.signoff_answer(actor=ana, signoff=signoff, confirm=True),
        lambda: services.signoff_answer(actor=ana, signoff=signoff, confirm=True),
    )
    assert sum(isinstance(o, SignOff) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ServiceError) for o in outcomes) == 1, outcomes
    assert LevelChange.objects.filter(member=ana, skill=chair).count() == 1


def test_two_weekly_checks_at_once_raise_an_alert_once(world, crew, skills):
    chair, _ = skills
    services.level_set(actor=crew[1], skill=chair, level=Level.CAN_TEACH)
    outcomes = race(
        lambda: services.alerts_check(organization=world.org, notify=False),
        lambda: services.alerts_check(organization=world.org, notify=False),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert SuccessionAlert.objects.filter(organization=world.org).count() == 1


def test_a_shadow_turn_reported_twice_at_once_is_logged_once(world, crew, skills):
    chair, _ = skills

    def log():
        return services.shadow_session_log(
            turn_id=4242,
            skill=chair,
            holder=crew[0],
            shadow=crew[1],
            held_on=date(2026, 3, 1),
            minutes=60,
        )

    outcomes = race(log, log)
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert TeachingSession.objects.filter(turn_id=4242).count() == 1
