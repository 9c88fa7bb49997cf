"""The election lifecycle as a table: each allowed move, and nothing else.

``transition()`` is the only code that changes ``Election.state``. It checks the table, saves
the new state, appends an ``ElectionEvent`` row and an audit event — all inside the caller's
transaction, so the move and its record stand or fall together.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.elections.models import Election, ElectionEvent
from orgkit.organizations.models import Member

S = Election.State

#: (from, to) → the verb recorded in the audit log.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.NOMINATIONS): "elections.election.nominations_opened",
    (S.NOMINATIONS, S.VOTING): "elections.election.voting_opened",
    (S.VOTING, S.CLOSED): "elections.election.closed",
    (S.CLOSED, S.COUNTED): "elections.election.counted",
    (S.COUNTED, S.PUBLISHED): "elections.election.published",
}

EVENT_PHRASES = {
    "elections.election.created": "{target}: election set up",
    "elections.election.nominations_opened": "{target}: nominations opened",
    "elections.election.voting_opened": "{target}: voting opened ({voters} on the roll)",
    "elections.election.closed": "{target}: voting closed",
    "elections.election.counted": "{target}: votes counted",
    "elections.election.published": "{target}: results published",
    "elections.candidate.nominated": "{target} nominated",
    "elections.candidate.seconded": "{target} seconded",
    "elections.candidate.withdrawn": "{target} withdrew",
    "elections.election.recounted": "{target}: recounted with the same seed",
    "elections.election.notice_sent": "{target}: election notice sent to {recipients} members",
    "elections.protest.lodged": "{target}: a protest was lodged",
    "elections.protest.answered": "{target}: a protest was answered",
    "elections.observer.named": "{target} named {observer} as observer",
    "elections.apportionment.created": "Delegates apportioned: {target}",
}


class IllegalTransition(ServiceError):
    """A move the lifecycle table does not allow (e.g. counting an election still in draft)."""

    def __init__(self, election: Election, to_state: str) -> None:
        super().__init__(
            f"“{election.title}” is {election.get_state_display()}; it cannot move to "
            f"“{S(to_state).label}”.",
            code="illegal_transition",
        )
        self.from_state = election.state
        self.to_state = to_state


def allowed_moves(state: str) -> list[str]:
    """States reachable in one move from ``state``."""
    return [to for (frm, to) in TRANSITIONS if frm == state]


def transition(
    *,
    election: Election,
    to_state: str,
    actor: Member | None,
    at: datetime | None = None,
    note: str = "",
    data: dict | None = None,
) -> ElectionEvent:
    """Move ``election`` to ``to_state`` or raise IllegalTransition. Call inside a transaction,
    with the election row locked (select_for_update) when moves may race."""
    verb = TRANSITIONS.get((election.state, to_state))
    if verb is None:
        raise IllegalTransition(election, to_state)
    at = at or timezone.now()
    from_state = election.state
    election.state = to_state
    election.save(update_fields=["state"])
    event = ElectionEvent.objects.create(
        organization_id=election.organization_id,
        election=election,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        at=at,
        note=note,
    )
    audit_record(
        organization=election.organization,
        actor=actor.user if actor else None,
        verb=verb,
        target=election,
        data={"from": from_state, "to": to_state, **(data or {})},
        at=at,
    )
    return event
