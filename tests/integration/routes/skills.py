"""Routes of the skills app."""

from datetime import date

from tests.integration.routes import MEMBER, ORGANIZER, OWNER

ROUTES: dict[str, dict[str, str]] = {
    "skills:catalogue": {"GET": MEMBER, "POST": ORGANIZER},
    "skills:basics": {"POST": ORGANIZER},
    "skills:settings": {"POST": ORGANIZER},
    "skills:skill": {"GET": MEMBER, "POST": ORGANIZER},
    "skills:skill-retire": {"POST": ORGANIZER},
    "skills:skill-restore": {"POST": ORGANIZER},
    "skills:mine": {"GET": MEMBER, "POST": MEMBER},
    "skills:matrix": {"GET": MEMBER},
    "skills:matrix-csv": {"GET": MEMBER},
    "skills:roles": {"GET": MEMBER},
    "skills:role": {"GET": MEMBER, "POST": ORGANIZER},
    "skills:requirement-remove": {"POST": ORGANIZER},
    "skills:rotation-rule-remove": {"POST": ORGANIZER},
    "skills:alerts": {"GET": MEMBER},
    "skills:log": {"GET": MEMBER},
    "skills:log-csv": {"GET": MEMBER},
    "skills:session-new": {"GET": MEMBER, "POST": MEMBER},
    "skills:session": {"GET": MEMBER},
    "skills:signoff": {"POST": OWNER},
    "api:skill-list": {"GET": MEMBER, "POST": ORGANIZER},
    "api:skill-detail": {"GET": MEMBER, "PATCH": ORGANIZER},
    "api:skill-session-list": {"GET": MEMBER, "POST": MEMBER},
    "api:skill-signoff": {"POST": OWNER},
    "api:skill-levels-mine": {"GET": MEMBER, "POST": MEMBER},
    "api:skill-matrix": {"GET": MEMBER},
    "api:skill-coverage": {"GET": MEMBER},
    "api:skill-alerts": {"GET": MEMBER},
    "api:skill-requirements": {"GET": MEMBER, "POST": ORGANIZER},
    "api:skill-rotation-rules": {"GET": MEMBER, "POST": ORGANIZER},
}

KWARGS: dict[str, list[str]] = {
    **{name: ["org_slug"] for name in ROUTES},
    "skills:skill": ["org_slug", "skill_id"],
    "skills:skill-retire": ["org_slug", "skill_id"],
    "skills:skill-restore": ["org_slug", "skill_id"],
    "api:skill-detail": ["org_slug", "skill_id"],
    "skills:role": ["org_slug", "role_id"],
    "skills:requirement-remove": ["org_slug", "requirement_id"],
    "skills:rotation-rule-remove": ["org_slug", "rule_id"],
    "skills:session": ["org_slug", "session_id"],
    "skills:signoff": ["org_slug", "signoff_id"],
    "api:skill-signoff": ["org_slug", "signoff_id"],
}


def kwarg_values(world) -> dict:
    """A skill a role needs, a rotation of a second role asking for it, and a session that
    waits for world.member's sign-off."""
    from orgkit.organizations import services as org_services
    from orgkit.rotations import services as rotation_services
    from orgkit.skills import services

    skill = services.skill_add(actor=world.organizer, organization=world.org, name="Route skill")
    requirement = services.requirement_set(
        actor=world.organizer, role=world.role, skill=skill, level=3
    )
    role = org_services.role_create(actor=world.organizer, body=world.body, name="Route scribe")
    rotation = rotation_services.rotation_create(
        actor=world.organizer,
        role=role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date(2031, 1, 6),
        pool=[world.member, world.organizer],
        shadow_turns=False,
    )
    rule = services.rotation_requirement_set(
        actor=world.organizer, rotation=rotation, skill=skill, level=1, required=False
    )
    session = services.session_log(
        actor=world.organizer,
        skill=skill,
        teachers=[world.organizer],
        learners=[world.member],
        held_on=date(2026, 1, 5),
        minutes=60,
    )
    return {
        "skill_id": skill.pk,
        "role_id": world.role.pk,
        "requirement_id": requirement.pk,
        "rule_id": rule.pk,
        "session_id": session.pk,
        "signoff_id": session.signoffs.get().pk,
    }
