"""Routes of the decisions app."""

from tests.integration.routes import MEMBER, ORGANIZER, OWNER

ROUTES: dict[str, dict[str, str]] = {
    "decisions:index": {"GET": MEMBER},
    "decisions:policy": {"POST": ORGANIZER},
    "decisions:verify": {"GET": MEMBER},
    "decisions:offices": {"GET": MEMBER},
    # A member resigns only their own term; anyone else (organizers too) gets a 404.
    "decisions:resign": {"POST": OWNER},
    "decisions:meeting-create": {"GET": ORGANIZER, "POST": ORGANIZER},
    "decisions:meeting": {"GET": MEMBER},
    "decisions:meeting-move": {"POST": ORGANIZER},
    "decisions:meeting-state": {"POST": ORGANIZER},
    "decisions:correct": {"POST": ORGANIZER},
    "decisions:agenda-propose": {"POST": MEMBER},
    "decisions:minutes": {"GET": MEMBER},
    "decisions:motion-create": {"GET": MEMBER, "POST": MEMBER},
    "decisions:motion": {"GET": MEMBER},
    "decisions:second": {"POST": MEMBER},
    "decisions:room-vote": {"POST": ORGANIZER},
    "decisions:open-voting": {"POST": ORGANIZER},
    "decisions:vote": {"POST": MEMBER},
    "decisions:extend": {"POST": MEMBER},
    "decisions:publish": {"POST": MEMBER},
    "decisions:report-file": {"POST": MEMBER},
    "decisions:appeal-file": {"POST": MEMBER},
    "decisions:record": {"GET": MEMBER},
    "decisions:report-cosign": {"POST": MEMBER},
    "decisions:report-rejoinder": {"POST": MEMBER},
    "decisions:appeal-move": {"POST": ORGANIZER},
    "api:decision-motions": {"GET": MEMBER, "POST": MEMBER},
    "api:decision-motion": {"GET": MEMBER},
    "api:decision-vote": {"POST": MEMBER},
    "api:decision-reports": {"GET": MEMBER, "POST": MEMBER},
    "api:decision-appeal": {"POST": MEMBER},
    "api:decision-report-cosign": {"POST": MEMBER},
    "api:decision-appeals": {"GET": MEMBER},
    "api:decision-meetings": {"GET": MEMBER, "POST": ORGANIZER},
    "api:decision-verify": {"GET": MEMBER},
}

MEETING = ["org_slug", "meeting_id"]
MOTION = ["org_slug", "motion_id"]
KWARGS: dict[str, list[str]] = {
    "decisions:meeting": MEETING,
    "decisions:meeting-move": MEETING,
    "decisions:meeting-state": MEETING,
    "decisions:correct": MOTION,
    "decisions:agenda-propose": MEETING,
    "decisions:minutes": [*MEETING, "file_format"],
    "decisions:motion": MOTION,
    "decisions:second": MOTION,
    "decisions:room-vote": MOTION,
    "decisions:open-voting": MOTION,
    "decisions:vote": MOTION,
    "decisions:extend": MOTION,
    "decisions:publish": MOTION,
    "decisions:report-file": MOTION,
    "decisions:appeal-file": MOTION,
    "decisions:record": [*MOTION, "file_format"],
    "decisions:report-cosign": ["org_slug", "report_id"],
    "decisions:report-rejoinder": ["org_slug", "report_id"],
    "decisions:appeal-move": ["org_slug", "appeal_id"],
    "decisions:resign": ["org_slug", "assignment_id"],
    "api:decision-motion": MOTION,
    "api:decision-vote": MOTION,
    "api:decision-reports": MOTION,
    "api:decision-appeal": MOTION,
    "api:decision-report-cosign": ["org_slug", "report_id"],
}


def kwarg_values(world) -> dict:
    """A decided motion of the world's steering committee (under a congress) with a minority
    report and an appeal; world.member is in the minority."""
    from datetime import timedelta

    from django.utils import timezone

    from orgkit.decisions import services
    from orgkit.organizations import services as org_services

    now = timezone.now()
    congress = org_services.body_create(
        actor=world.organizer,
        name="Route Congress",
        slug="route-congress",
        kind="congress",
        membership="organization",
    )
    council = org_services.body_create(
        actor=world.organizer,
        name="Route Council",
        kind="committee",
        membership="organization",
        parent=congress,
    )
    meeting = services.meeting_schedule(
        actor=world.organizer,
        body=council,
        title="Route meeting",
        starts_at=now + timedelta(days=30),
    )
    motion = services.motion_propose(
        actor=world.member,
        body=council,
        meeting=meeting,
        title="Route motion",
        text="Text.",
        seconder=world.organizer,
    )
    motion = services.motion_record_room_vote(
        actor=world.organizer,
        motion=motion,
        # Lost 1–1: world.member voted for it, so is in the minority.
        roll=[(world.organizer, "against"), (world.member, "for")],
    )
    motion = services.motion_publish_early(actor=world.organizer, motion=motion)
    report = services.report_file(actor=world.member, motion=motion, title="No", text="Because.")
    appeal = services.appeal_file(actor=world.member, motion=motion, grounds="Wrong.")
    return {
        "meeting_id": meeting.pk,
        "motion_id": motion.pk,
        "report_id": report.pk,
        "appeal_id": appeal.pk,
        "file_format": "pdf",
        # world.member's coordinator term (conftest's world).
        "assignment_id": world.role.assignments.get(member=world.member).pk,
    }
