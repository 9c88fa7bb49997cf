"""Demo data: an imported election — last year's congress delegates, elected on paper at the
general assembly before the local used orgkit, typed in as a .blt file and counted by orgkit.

Called by ``seed_demo`` (seeding.py) for the demo organization, through the import service
itself. Idempotent: if the imported election is there already, nothing happens.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from orgkit.elections import services
from orgkit.elections.models import Election
from orgkit.organizations.models import Body, Member, Organization

DEMO_BLT = Path(settings.BASE_DIR) / "seeds" / "demo_imported_election.blt"
BODY = "general-assembly"


def seed_imported_demo(
    *, organization: Organization, path: Path = DEMO_BLT, now: datetime | None = None
) -> bool:
    """Import the demo paper count into ``organization``; return whether anything was added."""
    if Election.objects.filter(organization=organization, imported=True).exists():
        return False
    body = Body.objects.filter(organization=organization, slug=BODY).first()
    actor = Member.objects.organizers().filter(organization=organization).order_by("pk").first()
    if body is None or actor is None:
        return False
    now = now or timezone.now()
    held = now - timedelta(days=365)
    services.election_import(
        actor=actor,
        body=body,
        content=path.read_bytes(),
        filename=path.name,
        rule="scottish",
        held_on=held.date(),
        at=now - timedelta(days=300),
    )
    return True
