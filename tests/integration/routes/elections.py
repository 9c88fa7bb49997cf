"""Routes of the elections app."""

from tests.integration.routes import MEMBER, ORGANIZER, PUBLIC, SIGNED_IN  # noqa: F401

ROUTES: dict[str, dict[str, str]] = {}

KWARGS: dict[str, list[str]] = {}


def kwarg_values(world) -> dict:
    """Create what this app's routes point at inside the test world; return the URL kwargs."""
    return {}
