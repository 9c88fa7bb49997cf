"""Routes of the health app."""

from tests.integration.routes import MEMBER, ORGANIZER, PUBLIC, SIGNED_IN  # noqa: F401

ROUTES: dict[str, dict[str, str]] = {
    "health:dashboard": {"GET": MEMBER},
    "api:health": {"GET": MEMBER},
}

KWARGS: dict[str, list[str]] = {"health:dashboard": ["org_slug"], "api:health": ["org_slug"]}


def kwarg_values(world) -> dict:
    return {}
