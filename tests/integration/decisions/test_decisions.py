"""Motions, votes, minority reports and publication at a deadline no majority can move
(tactic c: views printed late, no right of reply)."""

from datetime import timedelta

import pytest

from orgkit.core.errors import ServiceError
from orgkit.core.models import OutboundEmail
from orgkit.decisions import services
from orgkit.decisions.models import Motion, RecordVersion
from orgkit.decisions.services._common import NotEntitled
from tests.integration.decisions.conftest import T0, decided_9_6


def test_roll_call_9_6_opens_the_minority_window(council):
    motion = decided_9_6(council)
    assert (motion.votes_for, motion.votes_against, motion.outcome) == (9, 6, "carried")
    assert motion.state == Motion.State.DECIDED
    assert motion.window_closes_at == T0 + timedelta(days=7)
    assert services.is_minority(council.members[9], motion)
    assert not services.is_minority(council.members[0], motion)


def test_unanimous_motion_publishes_at_once_and_has_no_window(council):
    m = council.members
    motion = services.motion_propose(
        actor=m[0], body=council.council, title="Thanks", text="Thank the cooks.", seconder=m[1]
    )
    motion = services.motion_record_room_vote(actor=council.organizer, motion=motion, votes_for=15)
    assert motion.state == Motion.State.PUBLISHED and motion.window_closes_at is None
    with pytest.raises(ServiceError, match="no minority-report window"):
        services.report_file(actor=m[2], motion=motion, title="x", text="y")


def test_a_motion_needs_a_seconder_before_the_vote(council):
    m = council.members
    motion = services.motion_propose(actor=m[0], body=council.council, title="T", text="X")
    with pytest.raises(ServiceError, match="seconder"):
        services.motion_record_room_vote(actor=council.organizer, motion=motion, votes_for=3)
    with pytest.raises(ServiceError, match="other than its proposer"):
        services.motion_second(actor=m[0], motion=motion)
    services.motion_second(actor=m[3], motion=motion)
    with pytest.raises(ServiceError, match="seconded already"):
        services.motion_second(actor=m[4], motion=motion)


def test_online_vote_with_reasons_closes_at_its_deadline(council):
    m = council.members
    motion = services.motion_propose(
        actor=m[0], body=council.council, title="Dues", text="Raise dues.", seconder=m[1], at=T0
    )
    services.motion_open_voting(
        actor=council.organizer, motion=motion, closes_at=T0 + timedelta(days=2), at=T0
    )
    motion.refresh_from_db()
    for member in m[:4]:
        services.vote_cast(voter=member, motion=motion, choice="for", at=T0)
    services.vote_cast(
        voter=m[5], motion=motion, choice="against", reason="Members are on strike pay.", at=T0
    )
    with pytest.raises(ServiceError, match="voted on this motion already"):
        services.vote_cast(voter=m[5], motion=motion, choice="for", at=T0)
    with pytest.raises(ServiceError, match="for, against or abstain"):
        services.vote_cast(voter=m[6], motion=motion, choice="maybe", at=T0)
    assert services.motions_close_due(at=T0 + timedelta(days=1)) == 0
    assert services.motions_close_due(at=T0 + timedelta(days=2)) == 1
    motion.refresh_from_db()
    assert (motion.votes_for, motion.votes_against, motion.outcome) == (4, 1, "carried")
    assert motion.votes.get(member=m[5]).reason == "Members are on strike pay."
    with pytest.raises(ServiceError, match="not open for voting"):
        services.vote_cast(voter=m[7], motion=motion, choice="for", at=T0 + timedelta(days=3))


def test_minority_files_cosigns_and_only_the_minority_may(council):
    m = council.members
    motion = decided_9_6(council)
    report = services.report_file(
        actor=m[9], motion=motion, title="Against", text="The agreement *freezes* wages.", at=T0
    )
    services.report_cosign(actor=m[10], report=report, at=T0)
    with pytest.raises(ServiceError, match="co-signed this report already"):
        services.report_cosign(actor=m[10], report=report, at=T0)
    with pytest.raises(NotEntitled, match="members of the minority"):
        services.report_cosign(actor=m[0], report=report, at=T0)
    with pytest.raises(NotEntitled, match="members of the minority"):
        services.report_file(actor=m[0], motion=motion, title="t", text="x", at=T0)
    assert report.signatures.count() == 1


def test_only_the_minority_can_extend_the_window(council):
    m = council.members
    motion = decided_9_6(council)
    with pytest.raises(NotEntitled, match="Only the minority"):
        services.window_extend(actor=m[0], motion=motion, days=3, at=T0)
    with pytest.raises(NotEntitled, match="Only the minority"):
        services.window_extend(actor=council.organizer, motion=motion, days=3, at=T0)
    motion = services.window_extend(actor=m[9], motion=motion, days=3, at=T0)
    assert motion.window_closes_at == T0 + timedelta(days=10)
    with pytest.raises(ServiceError, match="between 1 and 27"):
        services.window_extend(actor=m[9], motion=motion, days=28, at=T0)


def test_beat_publishes_at_the_deadline_with_every_report_and_a_missed_run_catches_up(council):
    m = council.members
    motion = decided_9_6(council)
    services.report_file(actor=m[9], motion=motion, title="Against", text="Wages.", at=T0)
    # The run a minute before the deadline publishes nothing; runs were then missed for a day.
    assert services.motions_publish_due(at=T0 + timedelta(days=7) - timedelta(minutes=1)) == 0
    later = T0 + timedelta(days=8)
    assert services.motions_publish_due(at=later) == 1
    assert services.motions_publish_due(at=later + timedelta(minutes=1)) == 0
    motion.refresh_from_db()
    assert motion.state == Motion.State.PUBLISHED and motion.published_at == later
    version = RecordVersion.objects.get(motion=motion)
    assert "Wages." in version.content
    emails = OutboundEmail.objects.filter(kind="decisions.record_published")
    assert emails.count() == 15  # every member of the council, once


def test_notification_email_carries_the_report_beside_the_decision(council):
    from orgkit.core.emails import email_body

    m = council.members
    motion = decided_9_6(council)
    services.report_file(actor=m[9], motion=motion, title="Against", text="Wages freeze.", at=T0)
    services.motions_publish_due(at=T0 + timedelta(days=7))
    body = email_body(OutboundEmail.objects.filter(kind="decisions.record_published").first())
    assert "carried" in body and "9 for, 6 against" in body
    assert "== Against ==" in body and "Wages freeze." in body


def test_early_publication_then_late_reports_attach_as_versions(council):
    m = council.members
    motion = decided_9_6(council)
    with pytest.raises(NotEntitled):
        services.motion_publish_early(actor=m[0], motion=motion, at=T0)
    services.motion_publish_early(actor=council.organizer, motion=motion, at=T0)
    motion.refresh_from_db()
    report = services.report_file(
        actor=m[11],
        motion=motion,
        title="Late but in time",
        text="Text.",
        at=T0 + timedelta(days=3),
    )
    assert report.published_at == T0 + timedelta(days=3)
    assert list(motion.versions.values_list("number", flat=True)) == [1, 2]
    with pytest.raises(ServiceError, match="window closed") as refused:
        services.report_file(
            actor=m[12], motion=motion, title="Too late", text="x", at=T0 + timedelta(days=8)
        )
    assert refused.value.code == "window_closed"
    assert motion.reports.count() == 1


def test_majority_responds_and_the_minority_replies(council):
    m = council.members
    motion = decided_9_6(council)
    report = services.report_file(actor=m[9], motion=motion, title="A", text="B", at=T0)
    with pytest.raises(ServiceError, match="no response to reply to"):
        services.rejoinder_write(actor=m[9], report=report, kind="reply", text="x")
    with pytest.raises(NotEntitled):
        services.rejoinder_write(actor=m[10], report=report, kind="response", text="x")
    services.rejoinder_write(actor=m[0], report=report, kind="response", text="We disagree.")
    with pytest.raises(ServiceError, match="written already"):
        services.rejoinder_write(actor=m[1], report=report, kind="response", text="Again.")
    with pytest.raises(NotEntitled, match="author or a signatory"):
        services.rejoinder_write(actor=m[1], report=report, kind="reply", text="x")
    services.rejoinder_write(actor=m[9], report=report, kind="reply", text="Our answer.")
    assert report.rejoinders.count() == 2
