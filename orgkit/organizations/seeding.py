"""Loading the demo organization from seeds/ through the ordinary services.

The whole load is one transaction, and a load finds the organization already there and stops:
running it twice changes nothing. History (role holders, seats) is dated relative to today so
the demo always looks current.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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


def load_demo(*, path: Path = DEMO_FILE, now: datetime | None = None) -> Organization | None:
    """Load the demo organization; return it, or None if it was already there."""
    data = json.loads(path.read_text(encoding="utf-8"))
    spec = data["organization"]
    if Organization.objects.filter(slug=spec["slug"]).exists():
        return None
    now = now or timezone.now()
    founded = now - timedelta(days=800)

    def days_ago(days: int) -> datetime:
        return now - timedelta(days=days)

    with transaction.atomic():
        founder_spec = next(login for login in data["logins"] if login["organizer"])
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
            at=founded,
        )
        actor = Member.objects.get(organization=org, user=founder)
        branches = {
            b["slug"]: services.branch_create(
                actor=actor, name=b["name"], slug=b["slug"], at=founded
            )
            for b in data["branches"]
        }
        actor.branch = branches[founder_spec["branch"]]
        actor.save(update_fields=["branch"])

        members = {founder_spec["name"]: actor}
        for login in data["logins"]:
            if login["organizer"]:
                continue
            if not User.objects.filter(email=login["email"]).exists():
                account_create(
                    email=login["email"], full_name=login["name"], password=login["password"]
                )
            members[login["name"]] = services.member_add(
                actor=actor,
                email=login["email"],
                full_name=login["name"],
                branch=branches[login["branch"]],
                at=days_ago(760),
            )
        for branch_slug, names in data["members"].items():
            for offset, name in enumerate(names):
                members[name] = services.member_add(
                    actor=actor,
                    email=_email_for(name),
                    full_name=name,
                    branch=branches[branch_slug],
                    at=days_ago(750 - 10 * offset),
                )

        bodies: dict = {}
        for b in data["bodies"]:  # parents come before children in the file
            bodies[b["slug"]] = services.body_create(
                actor=actor,
                name=b["name"],
                slug=b["slug"],
                kind=b["kind"],
                membership=b["membership"],
                parent=bodies.get(b["parent"]) if b["parent"] else None,
                branch=branches.get(b.get("branch", "")),
                description=b.get("description", ""),
                at=founded,
            )
        for seat in data["seats"]:
            for name in seat["members"]:
                services.body_member_add(
                    actor=actor,
                    body=bodies[seat["body"]],
                    member=members[name],
                    how=seat["how"],
                    start=days_ago(seat["days_ago"]).date(),
                    at=days_ago(seat["days_ago"]),
                )
        for r in data["roles"]:
            role = services.role_create(
                actor=actor,
                body=bodies[r["body"]],
                name=r["name"],
                description=r["description"],
                at=founded,
            )
            for name, ago, how in r["holders"]:
                services.role_assign(
                    actor=actor,
                    role=role,
                    member=members[name],
                    how=how,
                    start=days_ago(ago).date(),
                    at=days_ago(ago),
                )
        for invite in data["pending_invitations"]:
            services.invitation_create(
                actor=actor,
                email=invite["email"],
                full_name=invite["name"],
                branch=branches[invite["branch"]],
                at=days_ago(2),
            )
    return org


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
