"""Appeals to the higher body (tactic h), the tamper-evident record, and the minutes."""

from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.decisions import services
from orgkit.decisions.models import Appeal, RecordVersion
from orgkit.decisions.services._common import NotEntitled
from tests.integration.decisions.conftest import T0, decided_9_6


def test_appeal_goes_to_the_parent_body_and_through_its_lifecycle(council):
    m = council.members
    motion = decided_9_6(council)
    services.motion_publish_early(actor=council.organizer, motion=motion, at=T0)
    appeal = services.appeal_file(actor=m[9], motion=motion, grounds="The vote was rushed.", at=T0)
    assert appeal.record_digest == motion.versions.get(number=1).digest
    assert appeal.to_body == council.congress and appeal.state == Appeal.State.FILED
    assert appeal.hear_by == T0 + timedelta(days=60)
    congress_meeting = services.meeting_schedule(
        actor=council.organizer,
        body=council.congress,
        title="Congress",
        starts_at=T0 + timedelta(days=20),
        at=T0,
    )
    with pytest.raises(ServiceError, match="cannot become"):
        services.appeal_move(actor=council.organizer, appeal=appeal, to_state="upheld", finding="x")
    appeal = services.appeal_list(actor=council.organizer, appeal=appeal, meeting=congress_meeting)
    appeal = services.appeal_move(actor=council.organizer, appeal=appeal, to_state="heard")
    with pytest.raises(ServiceError, match="finding"):
        services.appeal_move(actor=council.organizer, appeal=appeal, to_state="overturned")
    appeal = services.appeal_move(
        actor=council.organizer, appeal=appeal, to_state="referred_back", finding="Vote again."
    )
    assert appeal.state == Appeal.State.REFERRED_BACK and appeal.finding == "Vote again."


def test_a_non_member_of_the_body_cannot_appeal_its_decision(council, world):
    motion = decided_9_6(council)
    with pytest.raises(NotEntitled, match="Only members of Local Council can appeal"):
        services.appeal_file(actor=world.organizer, motion=motion, grounds="x", at=T0)
    assert not Appeal.objects.exists()


def test_a_body_without_a_parent_has_nowhere_to_appeal_to(council, world):
    from orgkit.organizations import services as org

    m = council.members
    top = org.body_create(
        actor=world.organizer, name="Top", kind="committee", membership="organization"
    )
    motion = services.motion_propose(actor=m[0], body=top, title="T", text="X", seconder=m[1])
    services.motion_record_room_vote(
        actor=world.organizer, motion=motion, votes_for=3, votes_against=1
    )
    with pytest.raises(ServiceError, match="no higher body"):
        services.appeal_file(actor=m[2], motion=motion, grounds="x")


def _published_with_versions(council):
    m = council.members
    motion = decided_9_6(council)
    report = services.report_file(actor=m[9], motion=motion, title="Against", text="Wages.", at=T0)
    services.motions_publish_due(at=T0 + timedelta(days=7))
    services.rejoinder_write(
        actor=m[0], report=report, kind="response", text="Growth.", at=T0 + timedelta(days=8)
    )
    services.rejoinder_write(
        actor=m[9], report=report, kind="reply", text="Not for us.", at=T0 + timedelta(days=9)
    )
    motion.refresh_from_db()
    return motion


def test_versions_form_a_chain_that_verifies(council):
    motion = _published_with_versions(council)
    versions = list(RecordVersion.objects.filter(motion=motion).order_by("seq"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[1].previous_digest == versions[0].digest
    assert services.record_verify(organization=motion.organization) is None
    out = StringIO()
    call_command("verify_decision_record", "--org", motion.organization.slug, stdout=out)
    assert "chain holds (3 versions)" in out.getvalue()


def test_an_edit_behind_the_apps_back_names_the_first_broken_link(council, world):
    motion = _published_with_versions(council)
    second = RecordVersion.objects.get(motion=motion, number=2)
    with pytest.raises(RuntimeError, match="immutable"):
        second.save()
    # A database user rewrites version 2's content with SQL, leaving its digest as it was.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE decisions_recordversion SET content = REPLACE(content, 'Wages.', 'Nothing.')"
            " WHERE id = %s",
            [second.pk],
        )
    broken = services.record_verify(organization=motion.organization)
    assert broken is not None and broken.seq == second.seq and broken.reason == "content"
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_decision_record", stdout=out)
    assert f"BROKEN at link {second.seq}" in out.getvalue()
    assert "version 2 of “Sign the framework agreement”" in out.getvalue()
    client = Client()
    client.force_login(world.member.user)
    page = client.get(f"/o/{world.org.slug}/decisions/verify/")
    assert page.status_code == 200
    assert f"broken at link {second.seq}" in page.content.decode()


def test_a_correction_is_a_new_version_and_the_old_stays(council):
    motion = _published_with_versions(council)
    services.record_correct(actor=council.organizer, motion=motion, correction="Typo in title.")
    contents = list(motion.versions.order_by("number").values_list("content", flat=True))
    assert len(contents) == 4 and "Typo in title." in contents[-1]
    assert "Typo in title." not in contents[-2]
    with pytest.raises(NotAllowed):
        services.record_correct(actor=council.members[0], motion=motion, correction="x")


def test_pdf_and_markdown_minutes_carry_the_decision_and_the_minority_report(council, world):
    from pypdf import PdfReader

    m = council.members
    meeting = services.meeting_schedule(
        actor=council.organizer,
        body=council.council,
        title="December council",
        starts_at=T0 + timedelta(days=8),
        at=T0 - timedelta(days=1),
    )
    services.agenda_item_propose(actor=m[5], meeting=meeting, title="Wages", at=T0)
    motion = services.motion_propose(
        actor=m[0],
        body=council.council,
        meeting=meeting,
        title="Сделка",
        text="Agree ✓.",
        seconder=m[1],
        at=T0,
    )
    roll = [(x, "for") for x in m[:9]] + [(x, "against") for x in m[9:]]
    motion = services.motion_record_room_vote(
        actor=council.organizer, motion=motion, roll=roll, at=T0
    )
    services.report_file(
        actor=m[9], motion=motion, title="Рабочая оппозиция", text="Wages must not freeze.", at=T0
    )
    services.motions_publish_due(at=T0 + timedelta(days=7))
    client = Client()
    client.force_login(world.member.user)
    base = f"/o/{world.org.slug}/decisions/meetings/{meeting.pk}/minutes"
    markdown = client.get(base + ".md").content.decode()
    assert "## Decision: Сделка" in markdown and "## Minority report: Рабочая оппозиция" in markdown
    assert "Agenda: 1. Wages" in markdown
    response = client.get(base + ".pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Сделка" in text and "Рабочая оппозиция" in text and "Wages must not freeze." in text
    assert client.get(base + ".exe").status_code == 404
