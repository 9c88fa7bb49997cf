"""Demo data for skills: the organizing basics, what the Sormovo roles need, a year of
teaching sessions with sign-offs (from ``seeds/demo_skills.json``), and one weekly succession
check so the demo shows its alerts. Everything goes through the services, dated in the past.
Idempotent: an organization that has sessions already gets nothing more."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from orgkit.organizations.models import Member, Role
from orgkit.rotations.selectors import rotations_active
from orgkit.skills import services
from orgkit.skills.models import Skill, TeachingSession

DEMO_FILE = Path(settings.BASE_DIR) / "seeds" / "demo_skills.json"


def seed_demo(*, organization, path: Path = DEMO_FILE, now=None) -> bool:
    """Add the demo skill-sharing to ``organization``; return whether anything was added."""
    if TeachingSession.objects.filter(organization=organization).exists():
        return False
    data = json.loads(path.read_text(encoding="utf-8"))
    organizer = Member.objects.organizers().filter(organization=organization).order_by("pk").first()
    if organizer is None:
        return False
    now = now or timezone.now()
    members = {
        m.display_name: m
        for m in Member.objects.active().filter(organization=organization).select_related("user")
    }
    with transaction.atomic():
        services.catalogue_add_basics(
            actor=organizer, organization=organization, at=now - timedelta(days=380)
        )
        skills = {s.name: s for s in Skill.objects.filter(organization=organization)}

        def role(spec):
            return Role.objects.get(
                organization=organization, body__slug=spec["body"], name=spec["role"]
            )

        for spec in data["requirements"]:
            services.requirement_set(
                actor=organizer, role=role(spec), skill=skills[spec["skill"]], level=spec["level"]
            )
        for name, skill, level in data["self_assessed"]:
            if name in members:
                services.level_set(
                    actor=members[name],
                    skill=skills[skill],
                    level=level,
                    at=now - timedelta(days=370),
                )
        for spec in data["sessions"]:
            _seed_session(spec, skills=skills, members=members, now=now)
        for spec in data["rotation_rules"]:
            _seed_rotation_rule(spec, organizer=organizer, skills=skills, role=role)
        # The demo's history is not news: its alerts are shown, not emailed.
        services.alerts_check(organization=organization, at=now, notify=False)
    return True


def _seed_session(spec: dict, *, skills: dict, members: dict, now) -> None:
    """One logged session of the demo year, and each learner's answer (p: still waiting)."""
    learners = [members[n] for n in spec["learners"] if n in members]
    teachers = [members[n] for n in spec["teachers"] if n in members]
    if not learners or not teachers:
        return
    at = now - timedelta(days=spec["days_ago"])
    session = services.session_log(
        actor=teachers[0],
        skill=skills[spec["skill"]],
        teachers=teachers,
        learners=learners,
        held_on=timezone.localdate(at),
        minutes=spec["minutes"],
        level_offered=spec["level"],
        at=at,
    )
    signoffs = {s.learner_id: s for s in session.signoffs.all()}
    for learner, answer in zip(learners, spec["answers"], strict=False):
        if answer == "p":
            continue
        services.signoff_answer(
            actor=learner,
            signoff=signoffs[learner.pk],
            confirm=answer == "c",
            comment="" if answer == "c" else "I only watched; we did not practise.",
            at=at + timedelta(days=2),
        )


def _seed_rotation_rule(spec: dict, *, organizer, skills: dict, role) -> None:
    """A rotation that requires or prefers a skill level, if the demo has that rotation."""
    organization = organizer.organization
    rotation = rotations_active(organization=organization).filter(role=role(spec)).first()
    if rotation is not None:
        services.rotation_requirement_set(
            actor=organizer,
            rotation=rotation,
            skill=skills[spec["skill"]],
            level=spec["level"],
            required=spec["required"],
        )
