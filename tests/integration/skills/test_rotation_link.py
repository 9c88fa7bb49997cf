"""The rotation link: a rotation's skill rule shapes its plan through rotations' hooks, a
sign-off replans it, and a shadow turn done is logged as a teaching session."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from orgkit.rotations import services as rotation_services
from orgkit.rotations.models import Rotation, Turn
from orgkit.skills import services
from orgkit.skills.models import Level, SignOff, TeachingSession

pytestmark = pytest.mark.django_db


def _holders(rotation):
    return set(
        Turn.objects.filter(rotation=rotation, holder__isnull=False).values_list(
            "holder_id", flat=True
        )
    )


@pytest.fixture
def pooled(world, crew, weekly, frozen_now):
    """The weekly rotation; the committee's four members are its pool."""
    return weekly


def test_required_level_limits_the_plan_and_a_sign_off_opens_it(
    world, crew, skills, pooled, django_capture_on_commit_callbacks
):
    chair, _ = skills
    max_, ana, bo, cy = crew
    assert _holders(pooled) == {m.pk for m in crew}
    services.level_set(actor=ana, skill=chair, level=Level.CAN_DO)
    services.rotation_requirement_set(
        actor=world.organizer, rotation=pooled, skill=chair, level=Level.CAN_DO
    )
    # Confirmed turns stay as they were; every other turn goes to Ana or is left open.
    unconfirmed = Turn.objects.filter(rotation=pooled, confirmed=False)
    assert set(unconfirmed.exclude(holder=None).values_list("holder_id", flat=True)) == {ana.pk}
    assert unconfirmed.filter(holder=None).exists()
    session = services.session_log(
        actor=world.organizer,
        skill=chair,
        teachers=[ana],
        learners=[bo, cy],
        held_on=date(2026, 12, 1),
        minutes=60,
        level_offered=Level.CAN_DO,
    )
    with django_capture_on_commit_callbacks(execute=True):
        for signoff in session.signoffs.all():
            services.signoff_answer(actor=signoff.learner, signoff=signoff, confirm=True)
    unconfirmed = Turn.objects.filter(rotation=pooled, confirmed=False)
    assert {bo.pk, cy.pk} <= set(unconfirmed.values_list("holder_id", flat=True))
    assert not unconfirmed.filter(holder=None).exists()
    assert max_.pk not in set(unconfirmed.values_list("holder_id", flat=True))


def test_preferred_level_only_breaks_ties(world, crew, skills, pooled):
    chair, _ = skills
    services.level_set(actor=crew[3], skill=chair, level=Level.CAN_DO)
    services.rotation_requirement_set(
        actor=world.organizer, rotation=pooled, skill=chair, level=Level.CAN_DO, required=False
    )
    # Nobody is shut out; Cy (trained) now comes first among equals in the unconfirmed turns.
    assert _holders(pooled) == {m.pk for m in crew}
    first_open = Turn.objects.filter(rotation=pooled, confirmed=False).order_by("start").first()
    assert first_open.holder_id == crew[3].pk


def test_a_shadow_turn_done_is_logged_once_as_a_session(world, crew, skills, pooled, frozen_now):
    chair, _ = skills
    services.rotation_requirement_set(
        actor=world.organizer, rotation=pooled, skill=chair, level=Level.LEARNING, required=False
    )
    Rotation.objects.filter(pk=pooled.pk).update(shadow_turns=True)
    from orgkit.rotations.planning import rotation_replan

    rotation_replan(rotation=pooled)
    turns = list(Turn.objects.filter(rotation=pooled).order_by("start"))
    first = next(t for t in turns if t.shadow_id)  # confirmed turns keep having none
    second = turns[turns.index(first) + 1]
    assert first.shadow_id != first.holder_id
    later = second.starts_at + timedelta(minutes=1)
    rotation_services.turns_hand_over(at=later)
    rotation_services.turns_hand_over(at=later + timedelta(days=1))
    (session,) = TeachingSession.objects.filter(turn_id=first.pk)
    assert session.source == TeachingSession.Source.SHADOW
    assert list(session.teachers.all()) == [first.holder]
    (signoff,) = session.signoffs.all()
    assert signoff.learner_id == first.shadow_id and signoff.status == SignOff.Status.PENDING
