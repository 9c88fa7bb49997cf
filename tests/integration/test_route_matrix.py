"""The role × route matrix: every URL pattern, every kind of visitor.

Expected answers (DESIGN.md rule 4): anonymous → login redirect (pages) or 401/403 (API);
a signed-in outsider → 404; a member on an organizer-only route → 403; otherwise the route
works. A route that is not listed here fails `test_every_route_is_in_the_matrix`, so each new
app must state who may use each of its routes.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed_in"  # any account; not tied to an organization
MEMBER = "member"  # members of the organization in the URL
ORGANIZER = "organizer"  # organizers of the organization in the URL

MATRIX: dict[str, dict[str, str]] = {
    # pages outside any organization
    "home": {"GET": PUBLIC},
    "signup": {"GET": PUBLIC, "POST": PUBLIC},
    "login": {"GET": PUBLIC, "POST": PUBLIC},
    "logout": {"POST": PUBLIC},
    "password_change": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "password_change_done": {"GET": SIGNED_IN},
    "password_reset": {"GET": PUBLIC, "POST": PUBLIC},
    "password_reset_done": {"GET": PUBLIC},
    "password_reset_confirm": {"GET": PUBLIC},
    "password_reset_complete": {"GET": PUBLIC},
    "org-create": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "invitation-accept": {"GET": PUBLIC, "POST": PUBLIC},
    # organization pages
    "org:dashboard": {"GET": MEMBER},
    "org:settings": {"GET": ORGANIZER, "POST": ORGANIZER},
    "org:members": {"GET": MEMBER},
    "org:member-detail": {"GET": MEMBER},
    "org:organizer-grant": {"POST": ORGANIZER},
    # members may step down themselves; revoking someone else is checked in test_views.
    "org:organizer-revoke": {"POST": MEMBER},
    # members may leave themselves; recording that someone else left is checked in test_views.
    "org:member-leave": {"POST": MEMBER},
    "org:invitations": {"GET": ORGANIZER, "POST": ORGANIZER},
    "org:invitation-revoke": {"POST": ORGANIZER},
    "org:branches": {"GET": MEMBER, "POST": ORGANIZER},
    "org:bodies": {"GET": MEMBER},
    "org:body-create": {"GET": ORGANIZER, "POST": ORGANIZER},
    "org:body-detail": {"GET": MEMBER},
    "org:body-member-add": {"POST": ORGANIZER},
    "org:role-create": {"POST": ORGANIZER},
    "org:role-detail": {"GET": MEMBER},
    "org:role-assign": {"POST": ORGANIZER},
    "org:audit-log": {"GET": MEMBER},
    # API
    "api:auth-token": {"POST": PUBLIC},
    "api:orgs": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "api:invitation-accept": {"POST": PUBLIC},
    "api:org-detail": {"GET": MEMBER},
    "api:members": {"GET": MEMBER},
    "api:member-detail": {"GET": MEMBER},
    "api:organizer": {"POST": ORGANIZER, "DELETE": MEMBER},
    "api:member-leave": {"POST": MEMBER},
    "api:branches": {"GET": MEMBER, "POST": ORGANIZER},
    "api:bodies": {"GET": MEMBER, "POST": ORGANIZER},
    "api:body-detail": {"GET": MEMBER},
    "api:body-seats": {"GET": MEMBER, "POST": ORGANIZER},
    "api:roles": {"GET": MEMBER, "POST": ORGANIZER},
    "api:role-assignments": {"GET": MEMBER, "POST": ORGANIZER},
    "api:invitations": {"GET": ORGANIZER, "POST": ORGANIZER},
    "api:invitation-revoke": {"POST": ORGANIZER},
    "api:audit-log": {"GET": MEMBER},
    "api-schema": {"GET": PUBLIC},
    "api-docs": {"GET": PUBLIC},
}

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


def url_for(name: str, world) -> str:
    kwarg_values = {
        "org_slug": world.org.slug,
        "member_id": world.member.pk,
        "body_slug": world.body.slug,
        "role_id": world.role.pk,
        "invitation_id": world.invitation.pk,
        "token": world.invitation_token,
        "uidb64": "MQ",
    }
    return reverse(name, kwargs=_route_kwargs(name, kwarg_values))


def _route_kwargs(name: str, values: dict) -> dict:
    needed = {
        "password_reset_confirm": ["uidb64", "token"],
        "invitation-accept": ["token"],
        "org:member-detail": ["org_slug", "member_id"],
        "org:organizer-grant": ["org_slug", "member_id"],
        "org:organizer-revoke": ["org_slug", "member_id"],
        "api:member-detail": ["org_slug", "member_id"],
        "api:organizer": ["org_slug", "member_id"],
        "org:member-leave": ["org_slug", "member_id"],
        "api:member-leave": ["org_slug", "member_id"],
        "org:invitation-revoke": ["org_slug", "invitation_id"],
        "api:invitation-revoke": ["org_slug", "invitation_id"],
        "org:body-detail": ["org_slug", "body_slug"],
        "org:body-member-add": ["org_slug", "body_slug"],
        "org:role-create": ["org_slug", "body_slug"],
        "api:body-detail": ["org_slug", "body_slug"],
        "api:body-seats": ["org_slug", "body_slug"],
        "org:role-detail": ["org_slug", "role_id"],
        "org:role-assign": ["org_slug", "role_id"],
        "api:role-assignments": ["org_slug", "role_id"],
    }
    if name in needed:
        return {key: values[key] for key in needed[name]}
    if name.startswith(("org:", "api:")) and name not in {
        "api:auth-token", "api:orgs", "api:invitation-accept"
    }:
        return {"org_slug": values["org_slug"]}
    return {}


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
}


def expected_refusal(access: str, actor: str, *, is_api: bool) -> set[int]:
    if actor == "anonymous":
        return {401, 403} if is_api else {302}
    if access in (MEMBER, ORGANIZER) and actor == "outsider":
        return {404}
    return {403}


@pytest.mark.parametrize(
    ("name", "method"), [(name, method) for name, methods in MATRIX.items() for method in methods]
)
def test_route_answers_each_kind_of_visitor(world, name, method):
    access = MATRIX[name][method]
    url = url_for(name, world)
    is_api = name.startswith("api")
    for actor, client in clients(world).items():  # the organizer goes last: it may change state
        response = getattr(client, method.lower())(url, **({"content_type": "application/json"} if is_api and method != "GET" else {}))
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
