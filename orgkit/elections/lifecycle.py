"""The election lifecycle as a table: each allowed move, and nothing else.

``transition()`` is the only code that changes ``Election.state``. It checks the table, saves
the new state, appends an ``ElectionEvent`` row and an audit event — all inside the caller's
transaction, so the move and its record stand or fall together.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.elections.events import ElectionEvent
from orgkit.elections.models import Election
from orgkit.elections.models import ElectionEvent as ElectionEventRow
from orgkit.organizations.models import Member

S = Election.State

#: (from, to) → the verb recorded in the audit log.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.NOMINATIONS): ElectionEvent.NOMINATIONS_OPENED,
    (S.NOMINATIONS, S.VOTING): ElectionEvent.VOTING_OPENED,
    (S.VOTING, S.CLOSED): ElectionEvent.CLOSED,
    (S.CLOSED, S.COUNTED): ElectionEvent.COUNTED,
    (S.COUNTED, S.PUBLISHED): ElectionEvent.PUBLISHED,
    # An organizer may call off an election that has not closed: a draft nobody needs, or one
    # stuck because its window passed. Ballots already cast stay sealed and are never deleted.
    (S.DRAFT, S.CANCELLED): ElectionEvent.CANCELLED,
    (S.NOMINATIONS, S.CANCELLED): ElectionEvent.CANCELLED,
    (S.VOTING, S.CANCELLED): ElectionEvent.CANCELLED,
}


class IllegalTransition(ServiceError):
    """A move the lifecycle table does not allow (e.g. counting an election still in draft)."""

    def __init__(self, election: Election, to_state: str) -> None:
        super().__init__(
            _("“%(title)s” is %(state)s; it cannot move to “%(to)s”.")
            % {
                "title": election.title,
                "state": election.get_state_display(),
                "to": S(to_state).label,
            },
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
) -> ElectionEventRow:
    """Move ``election`` to ``to_state`` or raise IllegalTransition. Call inside a transaction,
    with the election row locked (select_for_update) when moves may race."""
    verb = TRANSITIONS.get((election.state, to_state))
    if verb is None:
        raise IllegalTransition(election, to_state)
    at = at or timezone.now()
    from_state = election.state
    election.state = to_state
    election.save(update_fields=["state"])
    event = ElectionEventRow.objects.create(
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
