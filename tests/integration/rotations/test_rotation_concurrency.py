"""Rotation races on PostgreSQL: one swap accepted twice at once, two replans at once."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from orgkit.core.errors import ServiceError
from orgkit.rotations import services
from orgkit.rotations.models import Swap, Turn
from orgkit.rotations.planning import rotation_replan
from tests.support import race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]


@pytest.fixture
def rotation(world, crew):
    return services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date.today() + timedelta(days=7),
        handover_time=time(18),
        shadow_turns=False,
        confirmation_horizon=2,
        plan_ahead_turns=8,
    )


def test_a_swap_accepted_twice_at_once_is_settled_once(world, crew, rotation):
    first, second = Turn.objects.filter(rotation=rotation).order_by("start")[:2]
    swap = services.swap_request(actor=first.holder, offered_turn=first, wanted_turn=second)
    counterpart = second.holder
    # The other member and an organizer acting for them press "accept" at the same moment.
    outcomes = race(
        lambda: services.swap_accept(actor=counterpart, swap=swap),
        lambda: services.swap_accept(actor=world.organizer, swap=swap),
    )
    assert sum(isinstance(o, Swap) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ServiceError) for o in outcomes) == 1, outcomes
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.holder_id, second.holder_id) == (counterpart.pk, swap.requested_by_id)


def test_two_replans_at_once_never_double_book_a_slot(rotation):
    rotation.plan_ahead_turns = 20
    rotation.save()
    outcomes = race(
        lambda: rotation_replan(rotation=rotation), lambda: rotation_replan(rotation=rotation)
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    starts = list(Turn.objects.filter(rotation=rotation).values_list("start", flat=True))
    assert len(starts) == len(set(starts)) == 20


def test_the_database_refuses_a_second_turn_for_the_same_slot(rotation):
    from django.db import IntegrityError, transaction

    turn = Turn.objects.filter(rotation=rotation).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.create(
            organization=turn.organization,
            rotation=rotation,
            index=9999,
            start=turn.start,
            end=turn.end,
            starts_at=turn.starts_at,
            ends_at=turn.ends_at,
        )
