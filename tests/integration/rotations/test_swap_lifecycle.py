"""Swaps move through a transition table (orgkit/rotations/lifecycle.py): every (from, to) pair
is tried; allowed moves change the status and write their audit event in the caller's
transaction, every other move is refused with a named error and writes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction

from orgkit.core.errors import ServiceError
from orgkit.core.models import AuditEvent
from orgkit.rotations import services
from orgkit.rotations.events import RotationEvent
from orgkit.rotations.lifecycle import IllegalSwapMove, swap_move
from orgkit.rotations.models import Swap, Turn

pytestmark = pytest.mark.django_db

S = Swap.Status
# What members can do with a swap: answer a request (accept or decline), withdraw it, or undo
# an accepted swap. Nothing comes back from declined, cancelled or undone.
ALLOWED = {
    (S.REQUESTED, S.ACCEPTED): RotationEvent.SWAP_ACCEPTED,
    (S.REQUESTED, S.DECLINED): RotationEvent.SWAP_DECLINED,
    (S.REQUESTED, S.CANCELLED): RotationEvent.SWAP_CANCELLED,
    (S.ACCEPTED, S.UNDONE): RotationEvent.SWAP_UNDONE,
    # Nobody's answer: a turn it names was given away, skipped or has started.
    (S.REQUESTED, S.LAPSED): RotationEvent.SWAP_LAPSED,
}
PAIRS = [(frm, to) for frm in S.values for to in S.values]


def turn_on(rotation, day: date) -> Turn:
    return Turn.objects.select_related("holder__user", "rotation__role").get(
        rotation=rotation, start=day
    )


@pytest.fixture
def swap(weekly, crew) -> Swap:
    return services.swap_request(
        actor=crew[1],
        offered_turn=turn_on(weekly, date(2026, 12, 14)),
        wanted_turn=turn_on(weekly, date(2026, 12, 21)),
    )


def swap_events() -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(verb__startswith="rotations.swap.").exclude(
            verb=RotationEvent.SWAP_REQUESTED
        )
    )


@pytest.mark.parametrize(("from_status", "to_status"), PAIRS)
def test_every_move_of_the_table(swap, crew, frozen_now, from_status, to_status):
    Swap.objects.filter(pk=swap.pk).update(status=from_status)  # the state under test
    swap = Swap.objects.get(pk=swap.pk)
    at = frozen_now + timedelta(minutes=5)
    if (from_status, to_status) in ALLOWED:
        with transaction.atomic():
            swap_move(swap=swap, to_status=to_status, actor=crew[2], at=at)
        stored = Swap.objects.get(pk=swap.pk)
        assert (stored.status, stored.decided_at) == (to_status, at)
        [event] = swap_events()
        assert event.verb == ALLOWED[(from_status, to_status)]
        assert event.occurred_at == at and event.actor == crew[2].user
        assert (event.data["from_status"], event.data["to_status"]) == (from_status, to_status)
    else:
        with pytest.raises(IllegalSwapMove) as refused, transaction.atomic():
            swap_move(swap=swap, to_status=to_status, actor=crew[2], at=at)
        assert isinstance(refused.value, ServiceError) and refused.value.code == "illegal_swap_move"
        assert refused.value.message.strip()
        stored = Swap.objects.get(pk=swap.pk)
        assert (stored.status, stored.decided_at) == (from_status, None)
        assert swap_events() == []


def test_a_move_rolled_back_with_its_transaction_leaves_no_record(swap, crew):
    with pytest.raises(RuntimeError), transaction.atomic():
        swap_move(swap=swap, to_status=S.DECLINED, actor=crew[2])
        raise RuntimeError("the caller's transaction fails after the move")
    assert Swap.objects.get(pk=swap.pk).status == S.REQUESTED
    assert swap_events() == []


@pytest.mark.parametrize(
    ("first", "then", "message"),
    [
        ("swap_decline", "swap_accept", "This swap was already declined."),
        ("swap_cancel", "swap_decline", "This swap was already cancelled."),
        ("swap_decline", "swap_undo", "Only an accepted swap can be undone; this one is declined."),
        (None, "swap_undo", "Only an accepted swap can be undone; this one is requested."),
    ],
)
def test_services_refuse_what_the_table_refuses_and_change_no_turn(
    swap, crew, first, then, message
):
    actors = {
        "swap_decline": crew[2],
        "swap_accept": crew[2],
        "swap_cancel": crew[1],
        "swap_undo": crew[1],
    }
    if first:
        getattr(services, first)(actor=actors[first], swap=swap)
    holders = list(Turn.objects.order_by("start").values_list("holder_id", flat=True))
    events = AuditEvent.objects.count()
    with pytest.raises(IllegalSwapMove, match=message.replace("(", r"\(")):
        getattr(services, then)(actor=actors[then], swap=swap)
    assert list(Turn.objects.order_by("start").values_list("holder_id", flat=True)) == holders
    assert AuditEvent.objects.count() == events


def test_accept_and_undo_go_through_the_table_and_record_one_event_each(swap, crew):
    services.swap_accept(actor=crew[2], swap=swap)
    services.swap_undo(actor=crew[1], swap=swap)
    assert sorted(e.verb for e in swap_events()) == [
        RotationEvent.SWAP_ACCEPTED,
        RotationEvent.SWAP_UNDONE,
    ]
    assert Swap.objects.get(pk=swap.pk).status == S.UNDONE
