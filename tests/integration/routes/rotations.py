"""Routes of the rotations app."""

from datetime import date, timedelta

from tests.integration.routes import MEMBER, ORGANIZER, OWNER, PUBLIC

ROUTES: dict[str, dict[str, str]] = {
    "rotations:list": {"GET": MEMBER},
    "rotations:create": {"GET": ORGANIZER, "POST": ORGANIZER},
    "rotations:mine": {"GET": MEMBER},
    "rotations:turns-csv": {"GET": ORGANIZER},
    "rotations:leave-add": {"POST": MEMBER},
    # A member removes their own leave; an organizer anyone's (services check which).
    "rotations:leave-delete": {"POST": MEMBER},
    "rotations:feed-create": {"POST": MEMBER},
    "rotations:feed-revoke": {"POST": OWNER},  # the world's feed belongs to Max, the member
    "rotations:reminders": {"POST": MEMBER},
    # Public by secret token: calendar apps cannot sign in. A wrong token is a 404 (tested).
    "rotations:ical": {"GET": PUBLIC},
    "rotations:body-calendar": {"GET": MEMBER},
    "rotations:detail": {"GET": MEMBER},
    "rotations:calendar": {"GET": MEMBER},
    "rotations:fairness": {"GET": MEMBER},
    # GET asks first (the turns that would move), POST does it.
    "rotations:pool": {"GET": MEMBER, "POST": MEMBER},
    "rotations:swap-arrange": {"GET": ORGANIZER, "POST": ORGANIZER},
    "rotations:import-history": {"POST": ORGANIZER},
    "rotations:settings": {"GET": ORGANIZER, "POST": ORGANIZER},
    "rotations:swap-request": {"GET": MEMBER, "POST": MEMBER},
    "rotations:turn-action": {"GET": MEMBER, "POST": MEMBER},
    "rotations:swap-action": {"POST": MEMBER},
    "api:rotations": {"GET": MEMBER, "POST": ORGANIZER},
    "api:rotation-detail": {"GET": MEMBER, "PATCH": ORGANIZER},
    "api:rotation-turns": {"GET": MEMBER},
    "api:rotation-fairness": {"GET": MEMBER},
    "api:rotation-pool": {"POST": MEMBER, "DELETE": MEMBER},
    "api:turn-action": {"GET": MEMBER, "POST": MEMBER},
    "api:turn-swaps": {"GET": MEMBER, "POST": MEMBER},
    "api:rotation-swaps": {"GET": ORGANIZER, "POST": ORGANIZER},
    "api:swap-action": {"POST": MEMBER},
    "api:my-turns": {"GET": MEMBER},
    "api:leave": {"GET": MEMBER, "POST": MEMBER},
}

KWARGS: dict[str, list[str]] = {
    "rotations:leave-delete": ["org_slug", "leave_id"],
    "rotations:feed-revoke": ["org_slug", "feed_id"],
    "rotations:ical": ["org_slug", "feed_token"],
    "rotations:body-calendar": ["org_slug", "body_slug"],
    "rotations:detail": ["org_slug", "rotation_id"],
    "rotations:calendar": ["org_slug", "rotation_id"],
    "rotations:fairness": ["org_slug", "rotation_id"],
    "rotations:pool": ["org_slug", "rotation_id"],
    "rotations:import-history": ["org_slug", "rotation_id"],
    "rotations:settings": ["org_slug", "rotation_id"],
    "rotations:swap-request": ["org_slug", "turn_id"],
    "rotations:swap-arrange": ["org_slug", "rotation_id"],
    "rotations:turn-action": ["org_slug", "turn_id", "action"],
    "rotations:swap-action": ["org_slug", "swap_id", "swap_action"],
    "api:rotation-detail": ["org_slug", "rotation_id"],
    "api:rotation-turns": ["org_slug", "rotation_id"],
    "api:rotation-fairness": ["org_slug", "rotation_id"],
    "api:rotation-pool": ["org_slug", "rotation_id"],
    "api:turn-action": ["org_slug", "turn_id", "action"],
    "api:turn-swaps": ["org_slug", "turn_id"],
    "api:rotation-swaps": ["org_slug", "rotation_id"],
    "api:swap-action": ["org_slug", "swap_id", "swap_action"],
}


def kwarg_values(world) -> dict:
    """A weekly rotation of the world's role with Max and Olga in the pool, a swap, leave and
    a calendar feed of Max's."""
    from orgkit.rotations import services
    from orgkit.rotations.models import Turn

    rotation = services.rotation_create(
        actor=world.organizer,
        role=world.role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=date.today() + timedelta(days=3),
        pool=[world.member, world.organizer],
        shadow_turns=False,
    )
    first, second = Turn.objects.filter(rotation=rotation).order_by("start")[:2]
    swap = services.swap_request(actor=first.holder, offered_turn=first, wanted_turn=second)
    leave = services.leave_add(
        actor=world.member, member=world.member, start=date(2030, 1, 1), end=date(2030, 1, 7)
    )
    feed, token = services.feed_create(actor=world.member, kind="personal")
    return {
        "rotation_id": rotation.pk,
        "turn_id": second.pk,
        "action": "cover",
        "swap_id": swap.pk,
        "swap_action": "cancel",
        "leave_id": leave.pk,
        "feed_id": feed.pk,
        "feed_token": token,
    }
