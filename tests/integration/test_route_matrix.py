"""The role × route matrix: every URL pattern, every kind of visitor.

Expected answers (DESIGN.md rule 4): anonymous → login redirect (pages) or 401/403 (API);
a signed-in outsider → 404; a member on an organizer-only route → 403; otherwise the route
works. A route that is not listed here fails `test_every_route_is_in_the_matrix`, so each new
app must state who may use each of its routes.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.integration.routes import (
    MEMBER,
    ORGANIZER,
    OWNER,
    PUBLIC,
    SIGNED_IN,
    casestudies,
    core,
    decisions,
    elections,
    health,
    rotations,
    skills,
)

ROUTE_MODULES = [core, rotations, elections, casestudies, health, skills, decisions]
MATRIX: dict[str, dict[str, str]] = {}
for _module in ROUTE_MODULES:
    MATRIX.update(_module.ROUTES)

# Django's admin is for the server's operators (staff accounts), not organizations; it is
# checked separately below rather than route by route.
EXEMPT_NAMESPACES = {"admin"}


def walk_routes(patterns=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in EXEMPT_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            names |= walk_routes(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(namespace + entry.name)
    return names


def test_every_route_is_in_the_matrix():
    routes = walk_routes()
    assert routes - MATRIX.keys() == set(), "routes missing from the matrix"
    assert MATRIX.keys() - routes == set(), "matrix lists routes that no longer exist"


# Routes that take no organization even though they live under the api namespace.
OUTSIDE_ORGANIZATIONS = {"api:auth-token", "api:orgs", "api:invitation-accept"}


def url_for(name: str, world, values: dict) -> str:
    needed = next((m.KWARGS[name] for m in ROUTE_MODULES if name in m.KWARGS), None)
    if needed is not None:
        kwargs = {key: values[key] for key in needed}
    elif (
        name.startswith(("org:", "api:", "rotations:", "elections:", "decisions:"))
        and name not in OUTSIDE_ORGANIZATIONS
    ):
        kwargs = {"org_slug": world.org.slug}
    else:
        kwargs = {}
    return reverse(name, kwargs=kwargs)


def all_kwarg_values(world) -> dict:
    values = {"org_slug": world.org.slug}
    for module in ROUTE_MODULES:
        values.update(module.kwarg_values(world))
    return values


def clients(world) -> dict[str, Client]:
    signed_in = {}
    for label, user in [
        ("outsider", world.outsider_user),
        ("member", world.member.user),
        ("organizer", world.organizer.user),
    ]:
        client = Client()
        client.force_login(user)
        signed_in[label] = client
    return {"anonymous": Client(), **signed_in}


ALLOWED = {
    PUBLIC: {"anonymous", "outsider", "member", "organizer"},
    SIGNED_IN: {"outsider", "member", "organizer"},
    MEMBER: {"member", "organizer"},
    ORGANIZER: {"organizer"},
    OWNER: {"member"},
}


def expected_refusal(access: str, actor: str, *, is_api: bool) -> set[int]:
    if actor == "anonymous":
        return {401, 403} if is_api else {302}
    if access in (MEMBER, ORGANIZER, OWNER) and actor == "outsider":
        return {404}
    if access == OWNER:
        return {403, 404}
    return {403}


@pytest.mark.parametrize(
    ("name", "method"), [(name, method) for name, methods in MATRIX.items() for method in methods]
)
def test_route_answers_each_kind_of_visitor(world, name, method):
    access = MATRIX[name][method]
    url = url_for(name, world, all_kwarg_values(world))
    is_api = name.startswith("api")
    for actor, client in clients(world).items():
        # Each visitor meets the same world: their request runs in a savepoint that is rolled
        # back, so one visitor deleting or accepting something does not change the next one's answer.
        with transaction.atomic():
            extra = {"content_type": "application/json"} if is_api and method != "GET" else {}
            response = getattr(client, method.lower())(url, **extra)
            transaction.set_rollback(True)
        status = response.status_code
        assert status < 500, f"{actor} {method} {url} → {status}"
        if actor in ALLOWED[access]:
            assert status not in {401, 403, 404, 405}, f"{actor} {method} {url} → {status}"
        else:
            assert status in expected_refusal(access, actor, is_api=is_api), (
                f"{actor} {method} {url} → {status}, expected a refusal"
            )
            if status == 302:
                assert response["Location"].startswith(reverse("login")), response["Location"]


def test_admin_is_only_for_staff(world):
    member = Client()
    member.force_login(world.organizer.user)  # an organizer is not server staff
    response = member.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
