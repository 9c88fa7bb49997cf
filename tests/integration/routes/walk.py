"""Walking the route matrix: every route's URL in the test world, for tests that visit them all
(the role × route matrix, the hostile-query-parameter walk). A plain module, not a test module,
so that test modules can share it."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from tests.integration.routes import core, elections, rotations

ROUTE_MODULES = [core, rotations, elections]

# Routes that take no organization even though they live under the api namespace.
OUTSIDE_ORGANIZATIONS = {"api:auth-token", "api:orgs", "api:invitation-accept"}


def matrix() -> dict[str, dict[str, str]]:
    """URL name → {HTTP method → access level}, for every app."""
    merged: dict[str, dict[str, str]] = {}
    for module in ROUTE_MODULES:
        merged.update(module.ROUTES)
    return merged


def all_kwarg_values(world) -> dict:
    """Create what the routes point at in the test world; return every URL keyword's value."""
    values = {"org_slug": world.org.slug}
    for module in ROUTE_MODULES:
        values.update(module.kwarg_values(world))
    return values


def url_for(name: str, world, values: dict) -> str:
    needed = next((m.KWARGS[name] for m in ROUTE_MODULES if name in m.KWARGS), None)
    if needed is not None:
        return reverse(name, kwargs={key: values[key] for key in needed})
    if (
        name.startswith(("org:", "api:", "rotations:", "elections:"))
        and name not in OUTSIDE_ORGANIZATIONS
    ):
        try:
            return reverse(name, kwargs={"org_slug": world.org.slug})
        except NoReverseMatch:  # an api route outside organizations not listed above
            pass
    return reverse(name)
