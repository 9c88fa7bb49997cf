"""Demo data for rotations: the Sormovo coordinator rotates quarterly, with two years of
history imported from the role's holders, some leave (over a confirmed turn, so the demo shows
the needs-cover alarm), a skipped turn and a covered one; the Putilov secretary (two-turn terms) shows a one-turn swap."""

from __future__ import annotations

import json
from datetime import time, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from orgkit.organizations.models import Member, Role
from orgkit.rotations import services
from orgkit.rotations.models import Rotation, Turn

DEMO_FILE = Path(settings.BASE_DIR) / "seeds" / "demo_rotations.json"


def seed_demo(*, organization) -> bool:
    """Add the demo rotations unless they are there already; return whether anything was added."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    organizer = Member.objects.organizers().filter(organization=organization).order_by("pk").first()
    members = {
        m.display_name: m
        for m in Member.objects.active().filter(organization=organization).select_related("user")
    }
    today = timezone.localdate()
    added = False
    for spec in data["rotations"]:
        role = Role.objects.get(
            organization=organization, body__slug=spec["body"], name=spec["role"]
        )
        if Rotation.objects.filter(role=role).exists():
            continue
        rotation = services.rotation_create(
            actor=organizer,
            role=role,
            cadence_unit=spec["unit"],
            cadence_every=spec["every"],
            anchor=today - timedelta(days=spec["first_handover_days_ago"]),
            handover_time=time(*spec["handover_time"]),
            term_length=spec["term_length"],
            max_consecutive_terms=spec["max_consecutive_terms"],
            cooldown_turns=spec["cooldown_turns"],
            shadow_turns=spec["shadow_turns"],
            confirmation_horizon=spec["confirmation_horizon"],
            plan_ahead_turns=spec["plan_ahead_turns"],
            handover_checklist=spec["handover_checklist"],
        )
        services.rotation_import_history(actor=organizer, rotation=rotation)
        for leave in spec["leave"]:
            member = members[leave["member"]]
            services.leave_add(
                actor=member,
                member=member,
                start=today + timedelta(days=leave["from_days"]),
                end=today + timedelta(days=leave["to_days"]),
                note=leave["note"],
            )
        for name in spec["skips_next_turn_of"]:
            turn = (
                Turn.objects.filter(rotation=rotation, holder=members[name], start__gt=today)
                .order_by("start")
                .first()
            )
            if turn is not None:
                services.turn_skip(actor=members[name], turn=turn, note="demo: away that week")
        for cover in spec.get("covers", []):
            turn = (
                Turn.objects.filter(
                    rotation=rotation, holder=members[cover["next_turn_of"]], start__gt=today
                )
                .order_by("start")
                .first()
            )
            if turn is not None:
                services.turn_cover(actor=members[cover["by"]], turn=turn)
        if spec.get("swap_one_turn"):
            _swap_one_turn(rotation, today=today)
        added = True
    return added


def _swap_one_turn(rotation: Rotation, *, today) -> None:
    """Two members swap one turn each (the first of a term for a later one): the demo shows
    that only those two turns change hands and read "(swapped with …)"."""
    upcoming = list(
        Turn.objects.filter(rotation=rotation, start__gt=today, holder__isnull=False)
        .select_related("holder__user", "rotation")
        .order_by("start")
    )
    if not upcoming:
        return
    first = upcoming[0]
    other = next((t for t in upcoming[1:] if t.holder_id != first.holder_id), None)
    if other is None:
        return
    swap = services.swap_request(actor=first.holder, offered_turn=first, wanted_turn=other)
    services.swap_accept(actor=other.holder, swap=swap)
