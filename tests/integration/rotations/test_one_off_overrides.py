"""A cover or a swap is a one-off override (issue #13, item 3): it moves exactly the turns
chosen, the page and the API show them before anything changes, and a swap request that can no
longer be honoured closes itself with a notice."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from orgkit.core.audit import describe_event
from orgkit.core.errors import NotAllowed
from orgkit.core.models import AuditEvent
from orgkit.rotations import services
from orgkit.rotations.models import PoolEntry, Swap, Turn
from orgkit.rotations.previews import preview_moves
from tests.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def termed(world, crew, frozen_now):
    """Four-weekly turns in terms of two, only the first turn confirmed ahead."""
    return services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=4,
        anchor=date(2026, 12, 14),
        handover_time=time(18, 0),
        term_length=2,
        shadow_turns=False,
        confirmation_horizon=1,
        plan_ahead_turns=8,
        at=frozen_now,
    )


def holders(rotation) -> dict[date, int | None]:
    return dict(Turn.objects.filter(rotation=rotation).values_list("start", "holder_id"))


def turns(rotation) -> list[Turn]:
    return list(
        Turn.objects.filter(rotation=rotation).select_related("holder__user").order_by("start")
    )


def test_covering_one_turn_of_a_two_turn_term_moves_that_turn_only(termed, crew):
    first, second, third, *_ = turns(termed)
    kwame = first.holder
    assert second.holder_id == kwame.pk  # the second turn of their term
    coverer = third.holder
    before = holders(termed)

    moves = preview_moves(rotation=termed, moves={first.start: coverer.pk})
    assert [(m.start, m.old_holder, m.new_holder, m.chosen) for m in moves] == [
        (first.start, kwame.display_name, coverer.display_name, True)
    ]

    services.turn_cover(actor=coverer, turn=first)
    after = holders(termed)
    assert after == {**before, first.start: coverer.pk}
    first.refresh_from_db()
    assert (first.covered_for_id, first.status) == (kwame.pk, Turn.Status.COVERED)
    assert PoolEntry.objects.filter(rotation=termed, member=kwame, left_at__isnull=True).exists()


def test_a_swap_moves_one_turn_each_way_and_reads_as_a_swap(termed, crew, client):
    first, second, third, fourth, *_ = turns(termed)
    asker, other = first.holder, third.holder
    before = holders(termed)
    swap = services.swap_request(actor=asker, offered_turn=first, wanted_turn=third)
    services.swap_accept(actor=other, swap=swap)
    assert holders(termed) == {**before, first.start: other.pk, third.start: asker.pk}
    first.refresh_from_db()
    third.refresh_from_db()
    assert (first.status, first.covered_for_id) == (Turn.Status.SWAPPED, asker.pk)
    assert (third.status, third.covered_for_id) == (Turn.Status.SWAPPED, other.pk)

    client.force_login(asker.user)
    page = client.get(f"/o/{termed.organization.slug}/rotations/{termed.pk}/").content.decode()
    assert f"(swapped with {asker.display_name})" in page
    assert "covering for" not in page

    services.swap_undo(actor=asker, swap=swap)
    assert holders(termed) == before
    first.refresh_from_db()
    assert (first.status, first.covered_for_id) == (Turn.Status.PLANNED, None)


def test_an_organizer_arranges_a_swap_between_two_members(
    termed, world, crew, mailoutbox, django_capture_on_commit_callbacks
):
    first, _, third, *_ = turns(termed)
    a, b = first.holder, third.holder
    before = holders(termed)
    with pytest.raises(NotAllowed):
        services.swap_arrange(actor=crew[0], first_turn=first, second_turn=third)
    with django_capture_on_commit_callbacks(execute=True):
        swap = services.swap_arrange(actor=world.organizer, first_turn=first, second_turn=third)
    assert swap.status == Swap.Status.ACCEPTED
    told = sorted(m.to[0] for m in mailoutbox if "this turn is now yours" in m.body)
    assert told == sorted([a.user.email, b.user.email])
    assert holders(termed) == {**before, first.start: b.pk, third.start: a.pk}
    event = AuditEvent.objects.get(verb="rotations.swap.arranged")
    assert (
        f"arranged a swap of one turn each between {a.display_name} and {b.display_name}"
        in describe_event(event)
    )


def test_a_request_whose_offered_turn_was_covered_closes_itself_and_the_asker_sees_it(
    termed, crew, client
):
    first, _, third, *_ = turns(termed)
    asker = first.holder
    swap = services.swap_request(actor=asker, offered_turn=first, wanted_turn=third)
    helper = next(m for m in crew if m.pk not in (asker.pk, third.holder_id))
    services.turn_cover(actor=helper, turn=first)  # the offered turn is given away
    swap.refresh_from_db()
    assert swap.status == Swap.Status.LAPSED
    event = AuditEvent.objects.get(verb="rotations.swap.lapsed")
    assert event.data["why"] == "given_away" and event.actor is None
    assert "withdrew" not in describe_event(event)
    client.force_login(asker.user)
    page = client.get(f"/o/{termed.organization.slug}/rotations/{termed.pk}/").content.decode()
    assert "This request closed on its own" in page


def test_a_request_whose_offered_turn_has_started_closes_itself(termed, crew, monkeypatch):
    from django.utils import timezone

    first, _, third, *_ = turns(termed)
    swap = services.swap_request(actor=first.holder, offered_turn=first, wanted_turn=third)
    later = first.starts_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    services.turns_hand_over(at=later)
    swap.refresh_from_db()
    assert swap.status == Swap.Status.LAPSED
    assert AuditEvent.objects.get(verb="rotations.swap.lapsed").data["why"] == "started"
    assert NOW < later


def test_an_old_cover_of_an_open_turn_reads_as_taking_it(world, weekly):
    from orgkit.core.audit import audit_record

    turn = Turn.objects.filter(rotation=weekly).first()
    audit_record(
        organization=world.org,
        actor=world.organizer.user,
        verb="rotations.turn.covered",
        target=turn,
        data={"name": "Olga Organizer", "for": None},
    )
    event = AuditEvent.objects.get(verb="rotations.turn.covered")
    assert event.target_label == "Coordinator 2026-12-14"  # the log writes the date out
    assert describe_event(event) == "took the open turn Coordinator 14 Dec 2026"
    assert "None" not in describe_event(event)


def test_skipping_a_covered_turn_ends_the_override(termed, crew):
    first, *_ = turns(termed)
    coverer = next(m for m in crew if m.pk != first.holder_id)
    services.turn_cover(actor=coverer, turn=first)
    first.refresh_from_db()
    services.turn_skip(actor=coverer, turn=first)
    first.refresh_from_db()
    assert (first.status, first.covered_for_id) == (Turn.Status.PLANNED, None)
    assert first.holder_id != coverer.pk


def test_an_organizer_in_the_pool_can_ask_for_a_swap_for_themselves(termed, world, client):
    services.pool_join(actor=world.organizer, rotation=termed, member=world.organizer)
    services.turn_cover(actor=world.organizer, turn=turns(termed)[3])  # she holds a turn
    client.force_login(world.organizer.user)
    page = client.get(f"/o/{termed.organization.slug}/rotations/{termed.pk}/").content.decode()
    other = Turn.objects.filter(rotation=termed, holder__isnull=False).exclude(
        holder=world.organizer
    )[0]
    row = page[page.index(f'id="turn-{other.pk}"') :].split("</tr>", 1)[0]
    assert "Ask to swap" in row and "Skip for" in row
