"""The swap lifecycle as a table: each allowed move, and nothing else.

A swap is asked for (``requested``); the other member accepts or declines it, or the asker
withdraws it (``cancelled``), or it closes on its own when it can no longer be honoured
(``lapsed``); an accepted swap can be undone before its earlier turn starts. Nothing leaves
``declined``, ``cancelled``, ``lapsed`` or ``undone``. A swap an organizer arranges between two
members starts as ``accepted``.

``swap_move()`` is the only code that changes ``Swap.status`` (a new swap starts as
``requested``). It checks the table, saves the new status with the moment it was decided and
writes the audit event — inside the caller's transaction, so the move and its record stand or
fall together. Exchanging the turns themselves is the caller's business (services/turns.py).
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.organizations.models import Member
from orgkit.rotations.events import RotationEvent
from orgkit.rotations.models import Swap

S = Swap.Status

#: (from, to) → the verb recorded in the audit log.
SWAP_TRANSITIONS: dict[tuple[str, str], RotationEvent] = {
    (S.REQUESTED, S.ACCEPTED): RotationEvent.SWAP_ACCEPTED,
    (S.REQUESTED, S.DECLINED): RotationEvent.SWAP_DECLINED,
    (S.REQUESTED, S.CANCELLED): RotationEvent.SWAP_CANCELLED,
    (S.ACCEPTED, S.UNDONE): RotationEvent.SWAP_UNDONE,
    # Nobody's decision: a turn it names was given away, skipped or has started.
    (S.REQUESTED, S.LAPSED): RotationEvent.SWAP_LAPSED,
}


class IllegalSwapMove(ServiceError):
    """A move the swap table does not allow (accepting a swap already declined, undoing one
    never accepted, …)."""

    def __init__(self, swap: Swap, to_status: str) -> None:
        current = S(swap.status).label
        if to_status == S.UNDONE:
            message = _("Only an accepted swap can be undone; this one is %(status)s.") % {
                "status": current
            }
        elif swap.status == S.REQUESTED:
            message = _("This swap is still waiting for an answer.")
        else:
            message = _("This swap was already %(status)s.") % {"status": current}
        super().__init__(message, code="illegal_swap_move")
        self.from_status = swap.status
        self.to_status = to_status


def allowed_swap_moves(status: str) -> list[str]:
    """Statuses reachable in one move from ``status``."""
    return [to for (frm, to) in SWAP_TRANSITIONS if frm == status]


def require_swap_move(swap: Swap, to_status: str) -> None:
    """Raise IllegalSwapMove unless the table allows ``swap`` to move to ``to_status``."""
    if (swap.status, to_status) not in SWAP_TRANSITIONS:
        raise IllegalSwapMove(swap, to_status)


def swap_move(
    *,
    swap: Swap,
    to_status: str,
    actor: Member | None,
    at: datetime | None = None,
    data: dict | None = None,
) -> Swap:
    """Move ``swap`` to ``to_status`` or raise IllegalSwapMove (writing nothing). Call inside a
    transaction, with the swap row locked (select_for_update) when moves may race."""
    require_swap_move(swap, to_status)
    verb = SWAP_TRANSITIONS[(swap.status, to_status)]
    at = at or timezone.now()
    from_status = swap.status
    swap.status, swap.decided_at = to_status, at
    swap.save(update_fields=["status", "decided_at"])
    audit_record(
        organization=swap.organization,
        actor=actor.user if actor else None,
        verb=verb,
        target=swap,
        data={"from_status": from_status, "to_status": to_status, **(data or {})},
        at=at,
    )
    return swap
