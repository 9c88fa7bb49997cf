"""A bounded schemathesis run over the whole OpenAPI schema: 0 server errors.

Every operation in ``/api/schema/`` is called with generated requests — valid ones and
deliberately invalid ones (schemathesis' negative mode) — as a member and as an organizer of
the demo organization (``manage.py load_demo``: 40 members, bodies, rotations, a published
election). Path parameters are the real objects of that organization for most requests, so
they reach the services, and generated ones for the rest. Random generation rarely reaches the
edges a hostile client tries first, so every operation also gets a planned "hostile" pass: a
valid request with real related objects, then each edge value (dates in year 1 and 9999 and
just outside 1900–2200, numbers past a bigint, NUL and 100,000-character text) in every field
of its kind, and in each integer query parameter alone (``limit``, ``offset``). Any 5xx fails
the test, listing each operation and status once with an example request. (On the code before
issue 8 it reported 16 operations: ``?limit=10**20`` on every list on PostgreSQL, and a
rotation anchored at 9999-12-25.)

Bounded for CI: a fixed number of examples per operation and identity (``ORGKIT_FUZZ_EXAMPLES``
raises it for a longer run by hand), derandomized so a red run is reproducible, no shrinking.
Each request runs in a savepoint that is rolled back, so every example meets the same demo
organization and one example's database error cannot spill into the next.

Run it alone with ``bin/test -m fuzz``.
"""

from __future__ import annotations

import io
import os
import secrets
import time
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import close_old_connections, transaction
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

# A test dependency (pyproject's "test" extra): if it is missing this module fails, never skips.
import schemathesis  # noqa: E402

EXAMPLES = int(os.environ.get("ORGKIT_FUZZ_EXAMPLES", "5"))


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler, as production serves it, minus one thing: closing the database
    connection at the end of each request would end the test's transaction (Django's own test
    client disconnects the same signal)."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def demo():
    """The demo organization, loaded through the services as `bin/run` loads it."""
    from orgkit.organizations.models import Member, Organization
    from orgkit.organizations.seeding import DEMO_SLUG

    call_command("load_demo", stdout=io.StringIO())
    org = Organization.objects.get(slug=DEMO_SLUG)
    organizer = Member.objects.get(organization=org, user__email="organizer@demo.orgkit.test")
    member = Member.objects.get(organization=org, user__email="member@demo.orgkit.test")
    return org, organizer, member


def real_path_values(org, organizer, member) -> dict[str, list]:
    """For each path parameter, the demo organization's own objects (and actions)."""
    from orgkit.elections import services as election_services
    from orgkit.elections.models import Apportionment, Candidate, Election, Protest
    from orgkit.organizations.models import Body, Invitation, Role
    from orgkit.organizations.services import invitation_create
    from orgkit.rotations.models import Rotation, Swap, Turn
    from orgkit.skills.models import SignOff, Skill

    invitation_create(actor=organizer, email="fuzz-invitee@example.org")
    elections = list(Election.objects.filter(organization=org).order_by("pk")[:3])
    published = next((e for e in elections if e.state == Election.State.PUBLISHED), None)
    if published is not None and not Protest.objects.filter(election=published).exists():
        try:
            election_services.protest_lodge(actor=member, election=published, text="Recount?")
        except Exception:  # the demo's protest period may be over: then there is none
            pass
    values = {
        "org_slug": [org.slug],
        "member_id": [member.pk, organizer.pk],
        "body_slug": list(Body.objects.filter(organization=org).values_list("slug", flat=True)[:3]),
        "role_id": list(Role.objects.filter(organization=org).values_list("pk", flat=True)[:3]),
        "invitation_id": list(
            Invitation.objects.filter(organization=org).values_list("pk", flat=True)[:2]
        ),
        "rotation_id": list(
            Rotation.objects.filter(organization=org).values_list("pk", flat=True)[:3]
        ),
        "turn_id": list(
            Turn.objects.filter(organization=org)
            .order_by("-start")
            .values_list("pk", flat=True)[:3]
        ),
        "swap_id": list(Swap.objects.filter(organization=org).values_list("pk", flat=True)[:2]),
        "election_id": [e.pk for e in elections],
        "candidate_id": list(
            Candidate.objects.filter(election__organization=org).values_list("pk", flat=True)[:2]
        ),
        "protest_id": list(
            Protest.objects.filter(organization=org).values_list("pk", flat=True)[:2]
        ),
        "apportionment_id": list(
            Apportionment.objects.filter(organization=org).values_list("pk", flat=True)[:2]
        ),
        "skill_id": list(Skill.objects.filter(organization=org).values_list("pk", flat=True)[:3]),
        "signoff_id": list(
            SignOff.objects.filter(organization=org, learner=member).values_list("pk", flat=True)[
                :2
            ]
        ),
        "action": ["accept", "skip", "cover"],
        "swap_action": ["accept", "decline", "cancel", "undo"],
    }
    return {name: found for name, found in values.items() if found}


def real_body_ids(org, member) -> dict[str, int]:
    """Real objects for the related-id fields of request bodies, so that hostile values in the
    other fields reach the services instead of stopping at "object does not exist"."""
    from orgkit.organizations.models import Body, Branch, Role
    from orgkit.rotations.models import Turn

    free_role = Role.objects.filter(organization=org).exclude(rotations__is_active=True).first()
    body = Body.objects.filter(organization=org, membership=Body.Membership.EXPLICIT).first()
    own_turn = Turn.objects.filter(organization=org, holder=member).order_by("-start").first()
    found = {
        "role": free_role.pk if free_role else None,
        "member": member.pk,
        "body": body.pk if body else None,
        "congress": body.pk if body else None,
        "parent": body.pk if body else None,
        "branch": Branch.objects.filter(organization=org).values_list("pk", flat=True).first(),
        "offered_turn": own_turn.pk if own_turn else None,
    }
    return {name: value for name, value in found.items() if value is not None}


def session_for(member) -> tuple[dict, dict]:
    """Cookies and headers of a signed-in browser session, CSRF token included (the API's
    session authentication checks it on writes, as it would for the web app's own scripts)."""
    from django.conf import settings

    client = Client()
    client.force_login(member.user)
    csrf = secrets.token_urlsafe(24)[:32].ljust(32, "x")
    csrf = "".join(ch if ch.isalnum() else "x" for ch in csrf)
    cookies = {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: csrf,
    }
    return cookies, {"X-CSRFToken": csrf}


def strategies(operation, real: dict[str, list]):
    """Generated requests for one operation: real path values, then generated ones (the
    organization is always the demo's: any other slug is a 404 before the view runs)."""
    from hypothesis import strategies as st
    from schemathesis import GenerationMode

    names = [p.name for p in operation.path_parameters]
    fixed_sets = [{}]
    for name in names:
        options = real.get(name) or [None]
        fixed_sets = [{**fixed, name: value} for fixed in fixed_sets for value in options]
    fixed_sets = [{k: v for k, v in f.items() if v is not None} for f in fixed_sets][:8]
    only_org = {"org_slug": real["org_slug"][0]} if "org_slug" in names else {}
    chosen = [
        (
            "positive, real ids",
            st.one_of(
                *[
                    operation.as_strategy(GenerationMode.POSITIVE, path_parameters=fixed)
                    for fixed in fixed_sets
                ]
            ),
        ),
        (
            "positive, generated ids",
            operation.as_strategy(GenerationMode.POSITIVE, path_parameters=only_org),
        ),
    ]
    # Invalid requests need something to make invalid besides the fixed path.
    if list(operation.query) or list(operation.body):
        chosen.append(
            (
                "negative, real ids",
                st.one_of(
                    *[
                        operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=fixed)
                        for fixed in fixed_sets
                    ]
                ),
            )
        )
    return chosen


# Values at the edges that random generation rarely reaches but a hostile client sends first:
# each variant replaces every field of a kind in an otherwise valid request.
HOSTILE_VARIANTS = {
    "far-future dates": {"date": "9999-12-25", "date-time": "9999-12-31T23:59:59Z"},
    "year-1 dates": {"date": "0001-01-01", "date-time": "0001-01-01T00:00:00Z"},
    "just outside the range": {"date": "2201-01-01", "date-time": "1899-12-31T23:59:59Z"},
    "huge numbers": {"integer": 10**20},
    "past a bigint": {"integer": 2**63},
    "very negative numbers": {"integer": -(2**63) - 1},
    "NUL in text": {"string": "a\x00b"},
    "long text": {"string": "x" * 100_000},
}


def field_kinds(raw: dict, operation) -> tuple[dict[str, str], dict[str, str]]:
    """(body field → kind, query parameter → kind) from the raw OpenAPI document, where a kind
    is "date", "date-time", "integer" or "string"."""

    def kind(schema: dict) -> str | None:
        if schema.get("format") in ("date", "date-time"):
            return schema["format"]
        if schema.get("type") == "integer":
            return "integer"
        if schema.get("type") == "string" and not schema.get("enum") and "format" not in schema:
            return "string"
        return None

    spec = raw["paths"][operation.path][operation.method.lower()]
    query = {
        p["name"]: k
        for p in spec.get("parameters", [])
        if p.get("in") == "query" and (k := kind(p.get("schema", {})))
    }
    body: dict[str, str] = {}
    content = spec.get("requestBody", {}).get("content", {}).get("application/json")
    if content:
        ref = content["schema"].get("$ref", "")
        component = raw["components"]["schemas"].get(ref.rsplit("/", 1)[-1], content["schema"])
        for name, prop in component.get("properties", {}).items():
            if prop.get("readOnly"):
                continue
            if k := kind(prop):
                body[name] = k
    return body, query


def body_field_names(raw: dict, operation) -> set[str]:
    """The writable fields of an operation's JSON request body."""
    spec = raw["paths"][operation.path][operation.method.lower()]
    content = spec.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return set()
    ref = content["schema"].get("$ref", "")
    component = raw["components"]["schemas"].get(ref.rsplit("/", 1)[-1], content["schema"])
    return {n for n, p in component.get("properties", {}).items() if not p.get("readOnly")}


def make_hostile(
    case, variant: dict, target: str, body_kinds: dict, query_kinds: dict, body_ids: dict
) -> None:
    """Turn a generated case into a hostile one in place: ``target`` is "body" (every field of
    the variant's kinds, related ids set to real objects) or one query parameter (one at a
    time: a huge offset answers before a huge limit reaches the database)."""
    if target != "body":
        case.query = {**(case.query or {}), target: variant[query_kinds[target]]}
        return
    body = dict(case.body) if isinstance(case.body, dict) else {}
    for name, k in body_kinds.items():
        if k in variant:
            body[name] = variant[k]
    for name, value in body_ids.items():
        body[name] = value
    case.body = body
    case.media_type = "application/json"


def hostile_plan(body_kinds: dict, query_kinds: dict) -> list[tuple[str, dict, str]]:
    """(variant name, variant, target) for every variant that applies to this operation."""
    plan = []
    for name, variant in HOSTILE_VARIANTS.items():
        if any(k in variant for k in body_kinds.values()):
            plan.append((name, variant, "body"))
        plan.extend((name, variant, q) for q, k in query_kinds.items() if k in variant)
    return plan


# One test on purpose: schemathesis loads the schema and the demo once, and the nested fuzz
# loop reads best beside the identities and plans it walks (its branches are its cases).
def test_the_whole_api_schema_answers_no_server_error(wsgi_app, demo):  # noqa: C901
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis.errors import Unsatisfiable

    org, organizer, member = demo
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    real = real_path_values(org, organizer, member)
    body_ids = real_body_ids(org, member)
    identities = {"member": session_for(member), "organizer": session_for(organizer)}

    operations = [result.ok() for result in schema.get_all_operations()]
    failures: dict[tuple[str, int], str] = {}
    statuses: Counter = Counter()

    def fuzz(operation, label, strategy, who, cookies, headers, hostile=False):
        body_kinds, query_kinds = field_kinds(schema.raw_schema, operation)
        body_fields = body_field_names(schema.raw_schema, operation)
        ids = {name: value for name, value in body_ids.items() if name in body_fields}
        plan = hostile_plan(body_kinds, query_kinds)
        if hostile:
            # A valid request with real related objects first, then each hostile value.
            plan = [("real related ids", {}, "body"), *plan] if body_fields else plan
            if not plan:
                return
        turn = iter(range(10**6))

        @settings(
            max_examples=len(plan) if hostile else EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def call(case):
            nonlocal label
            if hostile:  # each example gets the next item of the plan, so all are sent
                name, variant, target = plan[next(turn) % len(plan)]
                make_hostile(case, variant, target, body_kinds, query_kinds, ids)
                label = f"hostile: {name} in {target}"
            with transaction.atomic():
                response = case.call(cookies=cookies, headers=headers)
                transaction.set_rollback(True)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.setdefault(
                    (operation.label, response.status_code),
                    f"{who}, {label}: {case.method} {case.formatted_path} "
                    f"query={case.query!r} body={str(case.body)[:300]!r}",
                )

        try:
            call()
        except Unsatisfiable:  # nothing to make invalid (e.g. only fixed path parameters)
            nothing_to_negate.append(f"{operation.label} ({label})")

    nothing_to_negate: list[str] = []
    started = time.monotonic()
    for operation in operations:
        chosen = strategies(operation, real)
        for who, (cookies, headers) in identities.items():
            for label, strategy in chosen:
                fuzz(operation, label, strategy, who, cookies, headers)
            # Edge values in every date, number and text field of a valid request.
            fuzz(operation, "hostile", chosen[0][1], who, cookies, headers, hostile=True)
    elapsed = time.monotonic() - started
    cases = sum(statuses.values())
    print(
        f"\nschemathesis: {len(operations)} operations, {cases} cases, "
        f"{sum(n for s, n in statuses.items() if s >= 500)} server errors, {elapsed:.0f} s; "
        f"statuses {dict(sorted(statuses.items()))}; "
        f"{len(nothing_to_negate)} strategies had nothing to generate"
    )
    assert len(operations) >= 40, "the schema lost operations"
    assert cases >= len(operations) * 6, "too few cases ran to mean anything"
    assert statuses[200] + statuses[201] + statuses[204] > cases // 20, "almost nothing succeeded"
    assert not failures, "server errors:\n" + "\n".join(
        f"{op} → {status}: {example}" for (op, status), example in sorted(failures.items())
    )
