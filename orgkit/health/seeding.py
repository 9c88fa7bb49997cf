"""Demo data for the health dashboard: a long-held post, recorded through the organizations
services, so that the demo local shows a "leaders for decades" alert beside its ok and watch
panels (``seeds/demo_health.json``). Idempotent."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from orgkit.organizations import services as org_services
from orgkit.organizations.models import Body, Member, Organization, Role

DEMO_FILE = Path(settings.BASE_DIR) / "seeds" / "demo_health.json"


def seed_demo(*, organization: Organization, path: Path = DEMO_FILE) -> bool:
    """Add the demo's long-held roles to ``organization``; return whether anything was added."""
    data = json.loads(path.read_text(encoding="utf-8"))
    actor = Member.objects.organizers().filter(organization=organization).order_by("pk").first()
    if actor is None:
        return False
    added = False
    today = timezone.localdate()
    with transaction.atomic():
        for spec in data["roles"]:
            body = Body.objects.filter(organization=organization, slug=spec["body"]).first()
            holder = (
                Member.objects.active()
                .filter(organization=organization, user__full_name=spec["holder"])
                .first()
            )
            if body is None or holder is None:
                continue
            if Role.objects.filter(body=body, name=spec["name"]).exists():
                continue
            role = org_services.role_create(
                actor=actor, body=body, name=spec["name"], description=spec["description"]
            )
            org_services.role_assign(
                actor=actor,
                role=role,
                member=holder,
                how=spec["how"],
                start=today - timedelta(days=spec["since_days_ago"]),
                note=spec["note"],
            )
            added = True
    return added
