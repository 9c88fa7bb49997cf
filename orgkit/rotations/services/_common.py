"""Checks shared by the rotation services."""

from __future__ import annotations

from orgkit.core.errors import NotAllowed
from orgkit.organizations.models import Member
from orgkit.organizations.services.checks import require_same_org


def acting_for(actor: Member, member: Member, refusal: str) -> None:
    """Members act for themselves; organizers may act on someone's behalf (audited).
    ``refusal`` is the (translated) message a member acting for someone else gets."""
    require_same_org(actor, member)
    if actor.pk != member.pk and not actor.is_organizer:
        raise NotAllowed(refusal)


def on_behalf(actor: Member, member: Member) -> dict:
    return {"on_behalf_of": member.display_name} if actor.pk != member.pk else {}
