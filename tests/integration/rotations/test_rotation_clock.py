"""Every rotation service that records time takes ``at=``: given it, the service never reads the
clock and records that moment (so seeds can build a past and tests can move the clock); without
it, the service reads the clock once and uses that one moment throughout."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from orgkit.core.models import AuditEvent
from orgkit.rotations import services
from orgkit.rotations.models import Leave, Rotation, Swap, Turn

pytestmark = pytest.mark.django_db


def turn_on(rotation, day: date) -> Turn:
    return Turn.objects.select_related("holder__user", "rotation__role").get(
        rotation=rotation, start=day
    )


def first_two(rotation) -> tuple[Turn, Turn]:
    return turn_on(rotation, date(2026, 12, 14)), turn_on(rotation, date(2026, 12, 21))


def swap_of(rotation, crew) -> Swap:
    offered, wanted = first_two(rotation)
    return services.swap_request(actor=crew[1], offered_turn=offered, wanted_turn=wanted)


def accepted_swap_of(rotation, crew) -> Swap:
    swap = swap_of(rotation, crew)
    return services.swap_accept(actor=crew[2], swap=swap)


def leave_of(crew) -> Leave:
    return services.leave_add(
        actor=crew[3], member=crew[3], start=date(2027, 1, 4), end=date(2027, 1, 6)
    )


# name → (prepare(world, weekly, crew) → kwargs, audit verb the call writes or None)
CALLS = {
    "turn_accept": (
        lambda w, r, c: {"actor": c[1], "turn": first_two(r)[0]},
        "rotations.turn.accepted",
    ),
    "turn_skip": (
        lambda w, r, c: {"actor": c[1], "turn": first_two(r)[0]},
        "rotations.turn.skipped",
    ),
    "turn_cover": (
        lambda w, r, c: {"actor": c[3], "turn": first_two(r)[0]},
        "rotations.turn.covered",
    ),
    "swap_request": (
        lambda w, r, c: {
            "actor": c[1],
            "offered_turn": first_two(r)[0],
            "wanted_turn": first_two(r)[1],
        },
        "rotations.swap.requested",
    ),
    "swap_accept": (
        lambda w, r, c: {"actor": c[2], "swap": swap_of(r, c)},
        "rotations.swap.accepted",
    ),
    "swap_decline": (
        lambda w, r, c: {"actor": c[2], "swap": swap_of(r, c)},
        "rotations.swap.declined",
    ),
    "swap_cancel": (
        lambda w, r, c: {"actor": c[1], "swap": swap_of(r, c)},
        "rotations.swap.cancelled",
    ),
    "swap_undo": (
        lambda w, r, c: {"actor": c[1], "swap": accepted_swap_of(r, c)},
        "rotations.swap.undone",
    ),
    "pool_leave": (
        lambda w, r, c: {"actor": c[0], "rotation": r, "member": c[0]},
        "rotations.pool.left",
    ),
    "leave_add": (
        lambda w, r, c: {
            "actor": c[3],
            "member": c[3],
            "start": date(2027, 1, 4),
            "end": date(2027, 1, 6),
        },
        "rotations.leave.added",
    ),
    "leave_delete": (
        lambda w, r, c: {"actor": c[3], "leave": leave_of(c)},
        "rotations.leave.removed",
    ),
    "feed_create": (lambda w, r, c: {"actor": c[1], "kind": "personal"}, "rotations.feed.created"),
    "feed_revoke": (
        lambda w, r, c: {
            "actor": c[1],
            "feed": services.feed_create(actor=c[1], kind="personal")[0],
        },
        "rotations.feed.revoked",
    ),
    "rotation_update": (
        lambda w, r, c: {"actor": w.organizer, "rotation": r, "term_length": 2},
        "rotations.rotation.updated",
    ),
    "rotation_deactivate": (
        lambda w, r, c: {"actor": w.organizer, "rotation": r},
        "rotations.rotation.stopped",
    ),
    "rotation_import_history": (
        lambda w, r, c: {"actor": w.organizer, "rotation": r},
        "rotations.history.imported",
    ),
    "turn_reminders_send": (lambda w, r, c: {}, None),
    "turns_hand_over": (lambda w, r, c: {}, None),
}


class ClockRead(AssertionError):
    pass


def refuse_the_clock():
    raise ClockRead("the service read the clock although it was given at=")


@pytest.mark.parametrize("name", sorted(CALLS))
def test_given_at_a_service_never_reads_the_clock_and_records_that_moment(
    world, weekly, crew, monkeypatch, name
):
    prepare, verb = CALLS[name]
    kwargs = prepare(world, weekly, crew)
    at = timezone.now() + timedelta(hours=2)  # still before the first turn starts
    if name == "turns_hand_over":
        at = first_two(weekly)[0].starts_at
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    monkeypatch.setattr(timezone, "now", refuse_the_clock)
    getattr(services, name)(**kwargs, at=at)
    new = AuditEvent.objects.exclude(pk__in=before)
    if verb is not None:
        assert new.filter(verb=verb).exists(), [e.verb for e in new]
    assert all(event.occurred_at == at for event in new), [(e.verb, e.occurred_at) for e in new]


@pytest.mark.parametrize("name", sorted(set(CALLS) - {"turn_reminders_send", "turns_hand_over"}))
def test_without_at_a_service_reads_the_clock_once(
    world, weekly, crew, frozen_now, monkeypatch, name
):
    reads = []

    def counting_now():
        reads.append(1)
        return frozen_now

    prepare, verb = CALLS[name]
    kwargs = prepare(world, weekly, crew)
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    monkeypatch.setattr(timezone, "now", counting_now)
    getattr(services, name)(**kwargs)
    assert len(reads) == 1
    assert (
        AuditEvent.objects.exclude(pk__in=before).filter(verb=verb).get().occurred_at == frozen_now
    )


def test_a_rotation_set_up_in_the_past_is_recorded_then(world, crew, monkeypatch):
    at = timezone.now() - timedelta(days=400)
    monkeypatch.setattr(timezone, "now", refuse_the_clock)
    rotation = services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=at.date() + timedelta(days=3),
        handover_time=time(18),
        shadow_turns=False,
        pool=crew,
        at=at,
    )
    assert Rotation.objects.get(pk=rotation.pk).created_at == at
    assert {e.occurred_at for e in AuditEvent.objects.filter(verb__startswith="rotations.")} == {at}
    joined = list(rotation.pool_entries.values_list("joined_at", flat=True))
    assert len(joined) == 4 and all(at <= moment < at + timedelta(seconds=1) for moment in joined)
