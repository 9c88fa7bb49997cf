"""Demo data for decisions: a published decision with a minority report, the majority's
response, the minority's reply and an appeal, recorded through the services.

Called by ``manage.py load_demo`` for the demo organization. Idempotent: if the motion is there
already, nothing happens. Dates are relative to today; no emails are sent for this past record.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from orgkit.decisions import services
from orgkit.decisions.models import Motion
from orgkit.organizations.models import Body, Member, Organization

DEMO_FILE = Path(settings.BASE_DIR) / "seeds" / "demo_decisions.json"


def seed_demo(
    *, organization: Organization, path: Path = DEMO_FILE, now: datetime | None = None
) -> bool:
    """Add the demo decision to ``organization``; return whether anything was added."""
    data = json.loads(path.read_text(encoding="utf-8"))
    spec = data["motion"]
    if Motion.objects.filter(organization=organization, title=spec["title"]).exists():
        return False
    body = (
        Body.objects.filter(organization=organization, slug=data["body"])
        .select_related("parent")
        .first()
    )
    actor = Member.objects.organizers().filter(organization=organization).order_by("pk").first()
    if body is None or body.parent is None or actor is None:
        return False
    now = now or timezone.now()
    members = {
        m.display_name: m
        for m in Member.objects.active().filter(organization=organization).select_related("user")
    }
    m = data["meeting"]
    held = now - timedelta(days=m["days_ago"])
    with transaction.atomic():
        meeting = services.meeting_schedule(
            actor=actor,
            body=body,
            title=m["title"],
            location=m["location"],
            starts_at=held,
            at=now - timedelta(days=m["called_days_ago"]),
        )
        for offset, item in enumerate(data["agenda"]):
            services.agenda_item_propose(
                actor=members[item["by"]],
                meeting=meeting,
                title=item["title"],
                at=held - timedelta(days=5 - offset),
            )
        motion = services.motion_propose(
            actor=members[spec["proposer"]],
            body=body,
            meeting=meeting,
            title=spec["title"],
            text=spec["text"],
            seconder=members[spec["seconder"]],
            at=held,
        )
        roll = [(members[n], "for") for n in spec["for"]]
        roll += [(members[n], "against") for n in spec["against"]]
        motion = services.motion_record_room_vote(
            actor=actor, motion=motion, roll=roll, at=held + timedelta(hours=1)
        )
        _seed_the_minority_record(
            data, motion=motion, body=body, actor=actor, members=members, held=held, now=now
        )
    return True


def _seed_the_minority_record(data, *, motion, body, actor, members, held, now) -> None:
    """The minority's report and co-signs, the publication at the deadline, the majority's
    response and the minority's reply, and the appeal listed for the parent body."""
    r = data["report"]
    report = services.report_file(
        actor=members[r["author"]],
        motion=motion,
        title=r["title"],
        text=r["text"],
        at=held + timedelta(days=2),
    )
    for name in r["cosigners"]:
        services.report_cosign(actor=members[name], report=report, at=held + timedelta(days=3))
    # The window closes seven days after the vote; the record publishes then.
    services.motion_publish(motion_id=motion.pk, at=motion.window_closes_at, notify=False)
    motion.refresh_from_db()
    services.rejoinder_write(
        actor=members[data["response"]["by"]],
        report=report,
        kind="response",
        text=data["response"]["text"],
        at=held + timedelta(days=9),
    )
    services.rejoinder_write(
        actor=members[data["reply"]["by"]],
        report=report,
        kind="reply",
        text=data["reply"]["text"],
        at=held + timedelta(days=10),
    )
    a = data["appeal"]
    filed = held + timedelta(days=12)
    appeal = services.appeal_file(
        actor=members[a["by"]], motion=motion, grounds=a["grounds"], at=filed
    )
    hearing = services.meeting_schedule(
        actor=actor,
        body=body.parent,
        title=a["meeting_title"],
        starts_at=now + timedelta(days=a["meeting_in_days"]),
        at=filed,
    )
    services.appeal_list(actor=actor, appeal=appeal, meeting=hearing, at=filed)
