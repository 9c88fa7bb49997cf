"""Periodic jobs isolate failures: one broken rotation (or email) is logged and skipped, every
other item is still done, and `run_periodic_jobs` runs every job before it reports failure.

The broken row is real data, written the way an old bug wrote it (a rotation anchored at
9999-12-25, saved before the bounds existed): planning it overflows the calendar.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from orgkit.core.models import OutboundEmail
from orgkit.core.periodic import PeriodicJobFailures
from orgkit.organizations import services as org_services
from orgkit.rotations import services
from orgkit.rotations.models import Rotation, Turn

pytestmark = pytest.mark.django_db


def rotation_for(organizer, body, name: str, *, anchor: date) -> Rotation:
    role = org_services.role_create(actor=organizer, body=body, name=name)
    return services.rotation_create(
        actor=organizer,
        role=role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=anchor,
        pool=[organizer],
        shadow_turns=False,
        plan_ahead_turns=4,
    )


@pytest.fixture
def three_rotations(world):
    """A broken rotation first (lowest id), then a good one in the same organization and a
    good one in another organization. The good ones are then asked to plan 12 turns ahead
    without replanning, so only the periodic replan can extend them."""
    soon = timezone.localdate() + timedelta(days=3)
    broken = rotation_for(world.organizer, world.body, "Broken", anchor=soon)
    good = rotation_for(world.organizer, world.body, "Treasurer", anchor=soon)
    otto = world.other_org.members.get()
    other_body = org_services.body_create(actor=otto, name="Board", kind="committee")
    elsewhere = rotation_for(otto, other_body, "Chair", anchor=soon)
    Rotation.objects.filter(pk=broken.pk).update(anchor=date(9999, 12, 25))
    Rotation.objects.filter(pk__in=[good.pk, elsewhere.pk]).update(plan_ahead_turns=12)
    assert broken.pk < good.pk < elsewhere.pk
    return broken, good, elsewhere


def test_replan_carries_on_past_a_rotation_whose_plan_fails(three_rotations, caplog):
    from orgkit.rotations.tasks import replan_rotations

    broken, good, elsewhere = three_rotations
    with caplog.at_level(logging.ERROR, logger="orgkit.periodic"):
        with pytest.raises(PeriodicJobFailures) as failure:
            replan_rotations()
    assert failure.value.done == 2 and failure.value.failed == [
        f"rotation {broken.pk} ({broken.organization.slug})"
    ]
    # The rotations after the broken one, in both organizations, were replanned.
    assert Turn.objects.filter(rotation=good).count() == 12
    assert Turn.objects.filter(rotation=elsewhere).count() == 12
    logged = [r for r in caplog.records if f"rotation {broken.pk}" in r.getMessage()]
    assert logged and logged[0].exc_info is not None  # logged with its traceback


def test_run_periodic_jobs_runs_every_job_then_exits_non_zero(world, three_rotations, capsys):
    from django.conf import settings

    from orgkit.elections import services as election_services
    from orgkit.elections.models import Election

    now = timezone.now()
    election = election_services.election_create(
        actor=world.organizer,
        body=world.body,
        title="Opens by itself",
        seats=1,
        notice_days=0,
        nominations_open_at=now - timedelta(minutes=5),
        nominations_close_at=now + timedelta(days=1),
        voting_opens_at=now + timedelta(days=1),
        voting_closes_at=now + timedelta(days=2),
    )
    with pytest.raises(CommandError, match="1 of .* job\\(s\\) failed: rotations-replan"):
        call_command("run_periodic_jobs")
    captured = capsys.readouterr()
    # Every job after the failing one ran: the election job opened nominations.
    assert Election.objects.get(pk=election.pk).state == Election.State.NOMINATIONS
    for name in settings.CELERY_BEAT_SCHEDULE:
        assert name in captured.out + captured.err
    assert "rotations-replan: FAILED" in captured.err
    assert Turn.objects.filter(rotation=three_rotations[1]).count() == 12


def test_handover_records_every_due_turn_and_replans_the_rest(world, three_rotations):
    from orgkit.rotations.services import turns_hand_over

    broken, good, elsewhere = three_rotations
    first = Turn.objects.filter(rotation=good).order_by("start").first()
    other_first = Turn.objects.filter(rotation=elsewhere).order_by("start").first()
    broken_first = Turn.objects.filter(rotation=broken).order_by("start").first()
    at = max(first.starts_at, other_first.starts_at, broken_first.starts_at) + timedelta(hours=1)
    with pytest.raises(PeriodicJobFailures, match=f"rotation {broken.pk}"):
        turns_hand_over(at=at)
    for turn in (first, other_first, broken_first):
        turn.refresh_from_db()
        assert turn.handed_over_at == at
    assert Turn.objects.filter(rotation=good, start__gte=first.start).count() >= 12


def test_email_sweep_sends_the_rest_when_one_email_cannot_be_built(world, mailoutbox):
    from orgkit.core.tasks import deliver_pending_emails

    OutboundEmail.objects.all().delete()
    # A header with a newline makes Django refuse to build the message (not an SMTP error).
    # The sweep takes the newest first, so the bad one comes first.
    good = OutboundEmail.objects.create(
        to="b@example.org",
        subject="Hello",
        body="x",
        kind="t",
        created_at=timezone.now() - timedelta(minutes=2),
    )
    bad = OutboundEmail.objects.create(
        to="a@example.org",
        subject="Hi\nthere",
        body="x",
        kind="t",
        created_at=timezone.now() - timedelta(minutes=1),
    )
    with pytest.raises(PeriodicJobFailures, match=str(bad.pk)):
        deliver_pending_emails()
    good.refresh_from_db()
    assert good.status == OutboundEmail.Status.SENT
    assert [m.to for m in mailoutbox] == [["b@example.org"]]
