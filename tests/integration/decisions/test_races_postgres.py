"""Races tried for real on PostgreSQL with separate connections: two co-signs at once, an
early publication racing the beat, a report filed as the deadline passes, two records
appended to the chain at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from orgkit.core.errors import ServiceError
from orgkit.core.models import OutboundEmail
from orgkit.decisions import services
from orgkit.decisions.models import Motion, RecordVersion, Signature
from tests.integration.decisions.conftest import decided_9_6
from tests.support import race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]


def test_two_co_signs_at_once_make_one_signature(council):
    m = council.members
    motion = decided_9_6(council, at=timezone.now())
    report = services.report_file(actor=m[9], motion=motion, title="A", text="B")
    outcomes = race(
        lambda: services.report_cosign(actor=m[10], report=report),
        lambda: services.report_cosign(actor=m[10], report=report),
    )
    assert sum(isinstance(o, Signature) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ServiceError) for o in outcomes) == 1, outcomes
    assert Signature.objects.filter(report=report).count() == 1


def test_early_publication_racing_the_beat_publishes_once(council):
    motion = decided_9_6(council, at=timezone.now() - timedelta(days=8))
    services.report_file(
        actor=council.members[9],
        motion=motion,
        title="A",
        text="B",
        at=timezone.now() - timedelta(days=7, hours=1),
    )
    outcomes = race(
        lambda: services.motion_publish(motion_id=motion.pk, actor=council.organizer),
        lambda: services.motions_publish_due(),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert RecordVersion.objects.filter(motion=motion).count() == 1
    assert OutboundEmail.objects.filter(kind="decisions.record_published").count() == 15
    assert Motion.objects.get(pk=motion.pk).state == Motion.State.PUBLISHED


def test_a_report_filed_as_the_beat_publishes_is_never_lost(council):
    now = timezone.now()
    motion = decided_9_6(council, at=now - timedelta(days=7))
    deadline = Motion.objects.get(pk=motion.pk).window_closes_at
    outcomes = race(
        lambda: services.motions_publish_due(at=deadline),
        lambda: services.report_file(
            actor=council.members[9], motion=motion, title="Last minute", text="T", at=deadline
        ),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    latest = RecordVersion.objects.filter(motion=motion).order_by("-number").first()
    assert "Last minute" in latest.content


def test_two_records_appended_at_once_keep_one_unbroken_chain(council):
    first = decided_9_6(council, at=timezone.now())
    second = decided_9_6(council, at=timezone.now())
    outcomes = race(
        lambda: services.motion_publish(motion_id=first.pk),
        lambda: services.motion_publish(motion_id=second.pk),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    seqs = sorted(RecordVersion.objects.values_list("seq", flat=True))
    assert seqs == [1, 2]
    assert services.record_verify(organization=first.organization) is None


def test_a_vote_racing_the_close_is_either_counted_or_refused(council):
    m = council.members
    now = timezone.now()
    motion = services.motion_propose(
        actor=m[0], body=council.council, title="Dues", text="Raise dues.", seconder=m[1]
    )
    motion = services.motion_open_voting(
        actor=council.organizer, motion=motion, closes_at=now + timedelta(minutes=10)
    )
    services.vote_cast(voter=m[2], motion=motion, choice="for")
    closing = motion.voting_closes_at
    outcomes = race(
        lambda: services.motion_close_voting(motion_id=motion.pk, at=closing),
        lambda: services.vote_cast(
            voter=m[3], motion=motion, choice="against", at=closing - timedelta(seconds=1)
        ),
    )
    motion.refresh_from_db()
    counted = motion.votes_for + motion.votes_against + motion.abstentions
    assert counted == motion.votes.count(), outcomes  # no vote stored but left uncounted
