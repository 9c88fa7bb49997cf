"""Demo data for elections: one finished delegate election, recorded through the services.

Called by ``manage.py load_demo`` for the demo organization. Idempotent: if the election is
there already, nothing happens. Dates are relative to today so the demo always looks recent;
no emails are sent for this past election.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from orgkit.elections import services
from orgkit.elections.models import Election
from orgkit.elections.seeding_import import seed_imported_demo
from orgkit.organizations.models import Body, Member, Organization

DEMO_FILE = Path(settings.BASE_DIR) / "seeds" / "demo_elections.json"


def seed_demo(
    *, organization: Organization, path: Path = DEMO_FILE, now: datetime | None = None
) -> bool:
    """Add the demo election to ``organization``; return whether anything was added."""
    data = json.loads(path.read_text(encoding="utf-8"))
    spec = data["election"]
    # Last year's paper count, imported from a .blt file (seeding_import.py).
    imported = seed_imported_demo(organization=organization, now=now)
    if Election.objects.filter(organization=organization, title=spec["title"]).exists():
        return imported
    body = Body.objects.filter(organization=organization, slug=spec["body"]).first()
    actor = Member.objects.organizers().filter(organization=organization).order_by("pk").first()
    if body is None or actor is None:
        return False
    now = now or timezone.now()
    days = {key: now - timedelta(days=ago) for key, ago in spec["days_ago"].items()}
    members = {
        m.display_name: m
        for m in Member.objects.active().filter(organization=organization).select_related("user")
    }
    with transaction.atomic():
        election = services.election_create(
            actor=actor,
            body=body,
            title=spec["title"],
            seats=spec["seats"],
            rule=spec["rule"],
            description=spec["description"],
            nominations_open_at=days["nominations_open"],
            nominations_close_at=days["nominations_close"],
            voting_opens_at=days["voting_opens"],
            voting_closes_at=days["voting_closes"],
            at=days["nominations_open"] - timedelta(days=3),
        )
        # The notice goes out with nominations, well over notice_days before voting opens.
        services.election_send_notice(actor=actor, election=election, at=days["nominations_open"])
        services.election_open_nominations(
            actor=actor, election=election, at=days["nominations_open"]
        )
        election.refresh_from_db()
        candidate_ids = {}
        for offset, c in enumerate(data["candidates"]):
            member = members[c["name"]]
            candidate = services.candidate_nominate(
                actor=member,
                election=election,
                member=member,
                statement=c["statement"],
                slate_name=c["slate"],
                at=days["nominations_open"] + timedelta(hours=6 * (offset + 1)),
            )
            candidate_ids[c["name"]] = candidate.pk
        services.election_open_voting(
            actor=actor, election=election, at=days["voting_opens"], notify=False
        )
        election.refresh_from_db()
        # Who cast which demo ballot is arbitrary (the roll in name order); the ballot rows
        # themselves carry no link to anyone, as in a real election.
        roll = [
            e.member for e in election.roll.select_related("member__user").order_by("member__pk")
        ]
        voting_at = days["voting_opens"] + timedelta(hours=2)
        voters = iter(roll)
        for group in data["ballots"]:
            ranking = [candidate_ids[name] for name in group["ranking"]]
            for _ in range(group["count"]):
                services.ballot_cast(
                    voter=next(voters), election=election, ranking=ranking, at=voting_at
                )
        services.election_close(actor=None, election=election, at=days["voting_closes"])
        # Counted here, quietly; the count task queued by the close then finds it done.
        services.election_count(
            election_id=election.pk, at=days["voting_closes"] + timedelta(minutes=5), notify=False
        )
    return True
