"""Loading the demo organization from seeds/ through the ordinary services.

The whole load is one transaction, and a load finds the organization already there and stops:
running it twice changes nothing. History (role holders, seats) is dated relative to today so
the demo always looks current.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from orgkit.core.accounts import account_create
from orgkit.core.models import User
from orgkit.organizations import services
from orgkit.organizations.models import Member, Organization

DEMO_FILE = Path(settings.BASE_DIR) / "seeds" / "demo_organization.json"
DEMO_SLUG = "metalworkers"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    name: str
    organizer: bool


def demo_logins(path: Path = DEMO_FILE) -> list[DemoLogin]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        DemoLogin(item["email"], item["password"], item["name"], item["organizer"])
        for item in data["logins"]
    ]


def _email_for(name: str) -> str:
    local = "".join(ch for ch in name.lower().replace(" ", ".") if ch.isalnum() or ch == ".")
    return f"{local}@demo.orgkit.test"


@dataclass
class _DemoLoad:
    """What the steps of one demo load share: the acting organizer, the clock and the names."""

    data: dict
    now: datetime
    actor: Member | None = None
    branches: dict = field(default_factory=dict)
    members: dict = field(default_factory=dict)
    bodies: dict = field(default_factory=dict)

    @property
    def founded(self) -> datetime:
        return self.now - timedelta(days=800)

    def days_ago(self, days: int) -> datetime:
        return self.now - timedelta(days=days)


def load_demo(*, path: Path = DEMO_FILE, now: datetime | None = None) -> Organization | None:
    """Load the demo organization; return it, or None if it was already there."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if Organization.objects.filter(slug=data["organization"]["slug"]).exists():
        return None
    load = _DemoLoad(data=data, now=now or timezone.now())
    with transaction.atomic():
        org = _found_organization(load)
        _add_members(load)
        _add_bodies_and_seats(load)
        _add_roles(load)
        for invite in data["pending_invitations"]:
            services.invitation_create(
                actor=load.actor,
                email=invite["email"],
                full_name=invite["name"],
                branch=load.branches[invite["branch"]],
                at=load.days_ago(2),
            )
    return org


def _found_organization(load: _DemoLoad) -> Organization:
    """The founding organizer's account, the organization and its branches."""
    spec = load.data["organization"]
    founder_spec = next(login for login in load.data["logins"] if login["organizer"])
    founder = User.objects.filter(email=founder_spec["email"]).first()
    if founder is None:
        founder = account_create(
            email=founder_spec["email"],
            full_name=founder_spec["name"],
            password=founder_spec["password"],
        )
    org = services.organization_create(
        creator=founder,
        name=spec["name"],
        slug=spec["slug"],
        timezone_name=spec["timezone"],
        language=spec["language"],
        description=spec["description"],
        at=load.founded,
    )
    load.actor = Member.objects.get(organization=org, user=founder)
    load.branches = {
        b["slug"]: services.branch_create(
            actor=load.actor, name=b["name"], slug=b["slug"], at=load.founded
        )
        for b in load.data["branches"]
    }
    load.actor.branch = load.branches[founder_spec["branch"]]
    load.actor.save(update_fields=["branch"])
    load.members[founder_spec["name"]] = load.actor
    return org


def _add_members(load: _DemoLoad) -> None:
    """The other demo logins (with passwords), then the members who never sign in."""
    for login in load.data["logins"]:
        if login["organizer"]:
            continue
        if not User.objects.filter(email=login["email"]).exists():
            account_create(
                email=login["email"], full_name=login["name"], password=login["password"]
            )
        load.members[login["name"]] = services.member_add(
            actor=load.actor,
            email=login["email"],
            full_name=login["name"],
            branch=load.branches[login["branch"]],
            at=load.days_ago(760),
        )
    for branch_slug, names in load.data["members"].items():
        for offset, name in enumerate(names):
            load.members[name] = services.member_add(
                actor=load.actor,
                email=_email_for(name),
                full_name=name,
                branch=load.branches[branch_slug],
                at=load.days_ago(750 - 10 * offset),
            )


def _add_bodies_and_seats(load: _DemoLoad) -> None:
    """Bodies (parents come before children in the file), then who sits on each."""
    for b in load.data["bodies"]:
        load.bodies[b["slug"]] = services.body_create(
            actor=load.actor,
            name=b["name"],
            slug=b["slug"],
            kind=b["kind"],
            membership=b["membership"],
            parent=load.bodies.get(b["parent"]) if b["parent"] else None,
            branch=load.branches.get(b.get("branch", "")),
            description=b.get("description", ""),
            at=load.founded,
        )
    for seat in load.data["seats"]:
        for name in seat["members"]:
            services.body_member_add(
                actor=load.actor,
                body=load.bodies[seat["body"]],
                member=load.members[name],
                how=seat["how"],
                start=load.days_ago(seat["days_ago"]).date(),
                at=load.days_ago(seat["days_ago"]),
            )


def _add_roles(load: _DemoLoad) -> None:
    """Roles with their holders over the years, dated relative to today."""
    for r in load.data["roles"]:
        role = services.role_create(
            actor=load.actor,
            body=load.bodies[r["body"]],
            name=r["name"],
            description=r["description"],
            at=load.founded,
        )
        for name, ago, how in r["holders"]:
            services.role_assign(
                actor=load.actor,
                role=role,
                member=load.members[name],
                how=how,
                start=load.days_ago(ago).date(),
                at=load.days_ago(ago),
            )


# Capabilities add to the demo organization by registering a seeder in their AppConfig.ready():
# ``seed(organization=)`` is idempotent on its own and returns whether it added anything. The
# organizations app never imports them (docs/architecture.md, "Layers").
_DEMO_SEEDERS: dict[str, tuple[int, object]] = {}


def register_demo_seeder(name: str, seed, *, order: int = 100) -> None:
    _DEMO_SEEDERS[name] = (order, seed)


def demo_seeders() -> list[tuple[str, object]]:
    """(name, seed) in the order they must run (e.g. rotations before the skills they teach)."""
    return [
        (name, seed)
        for name, (_, seed) in sorted(_DEMO_SEEDERS.items(), key=lambda kv: (kv[1][0], kv[0]))
    ]
