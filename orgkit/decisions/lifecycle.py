"""The lifecycles of motions, meetings and appeals as tables: each allowed move, nothing else.

``transition()`` is the only code that changes a ``state`` field of these models. It checks
the table, saves the new state and appends an audit event, inside the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.decisions.events import DecisionEvent
from orgkit.decisions.models import Appeal, Meeting, Motion
from orgkit.organizations.models import Member

M, Mt, A = Motion.State, Meeting.State, Appeal.State

MOTION_TRANSITIONS: dict[tuple[str, str], str] = {
    (M.PROPOSED, M.VOTING): DecisionEvent.VOTING_OPENED,
    (M.PROPOSED, M.DECIDED): DecisionEvent.MOTION_DECIDED,  # a vote held in the room
    (M.VOTING, M.DECIDED): DecisionEvent.MOTION_DECIDED,
    (M.DECIDED, M.PUBLISHED): DecisionEvent.RECORD_PUBLISHED,
}

MEETING_TRANSITIONS: dict[tuple[str, str], str] = {
    (Mt.SCHEDULED, Mt.HELD): DecisionEvent.MEETING_HELD,
    (Mt.SCHEDULED, Mt.CANCELLED): DecisionEvent.MEETING_CANCELLED,
}

APPEAL_TRANSITIONS: dict[tuple[str, str], str] = {
    (A.FILED, A.LISTED): DecisionEvent.APPEAL_MOVED,
    (A.LISTED, A.HEARD): DecisionEvent.APPEAL_MOVED,
    (A.HEARD, A.UPHELD): DecisionEvent.APPEAL_MOVED,
    (A.HEARD, A.OVERTURNED): DecisionEvent.APPEAL_MOVED,
    (A.HEARD, A.REFERRED_BACK): DecisionEvent.APPEAL_MOVED,
}

TABLES = {Motion: MOTION_TRANSITIONS, Meeting: MEETING_TRANSITIONS, Appeal: APPEAL_TRANSITIONS}


class IllegalTransition(ServiceError):
    """A move the table does not allow (e.g. publishing a motion still being voted on)."""

    def __init__(self, obj: models.Model, to_state: str) -> None:
        states = type(obj).State
        super().__init__(
            _("“%(title)s” is %(state)s; it cannot become “%(to)s”.")
            % {"title": str(obj), "state": obj.get_state_display(), "to": states(to_state).label},
            code="illegal_transition",
        )


def allowed_moves(model: type[models.Model], state: str) -> list[str]:
    return [to for (frm, to) in TABLES[model] if frm == state]


def transition(
    *,
    obj: Motion | Meeting | Appeal,
    to_state: str,
    actor: Member | None,
    at: datetime | None = None,
    data: dict | None = None,
) -> None:
    """Move ``obj`` to ``to_state`` or raise IllegalTransition. Call inside a transaction,
    with the row locked (select_for_update) when moves may race."""
    verb = TABLES[type(obj)].get((obj.state, to_state))
    if verb is None:
        raise IllegalTransition(obj, to_state)
    from_state = obj.state
    obj.state = to_state
    obj.save(update_fields=["state"])
    audit_record(
        organization=obj.organization,
        actor=actor.user if actor else None,
        verb=verb,
        target=obj,
        data={"from": from_state, "to": to_state, **(data or {})},
        at=at or timezone.now(),
    )
