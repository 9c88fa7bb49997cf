"""What an action would move, before it happens: the engine replans the rotation as if the
cover, swap, skip or removal were done, and the difference is shown on the confirmation page
(and returned by the API). Nothing here writes.

The preview runs the same planning the service then runs (``planning.rotation_replan``), on the
same facts, so it names exactly the turns that will move.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.errors import ServiceError
from orgkit.organizations.models import Member
from orgkit.rotations import engine
from orgkit.rotations.models import Rotation, Turn
from orgkit.rotations.planning import gather_facts, org_today


@dataclass(frozen=True)
class TurnMove:
    """One turn whose holder would change: ``chosen`` if it is a turn the person picked (the
    rest are the plan's knock-on changes, if any)."""

    start: date
    old_holder: str | None
    new_holder: str | None
    chosen: bool


def preview_moves(
    *,
    rotation: Rotation,
    moves: dict[date, int] | None = None,
    skip: Turn | None = None,
    without_member: int | None = None,
    at: datetime | None = None,
) -> list[TurnMove]:
    """The turns whose holder would change if ``moves`` (turn start → who serves it, as one-off
    overrides) were made, ``skip`` were skipped by its holder, or the member ``without_member``
    left the pool. Reads the rotation's facts (a handful of queries) and plans once."""
    today = org_today(rotation, at or timezone.now())
    facts = gather_facts(rotation, today=today)
    inputs = facts.inputs
    before = {turn.start: turn.holder for turn in inputs.existing}
    chosen = set(moves or ())
    if moves:
        try:
            inputs = replace(inputs, existing=engine.override_turns(inputs.existing, moves))
        except engine.RotationInputError:
            # The turn is no longer in the plan's future (it has started): nothing can move.
            raise ServiceError(
                _("This turn has already started; it can no longer be moved.")
            ) from None
    if skip is not None and skip.holder_id is not None:
        inputs = _skipped(inputs, skip)
        chosen.add(skip.start)
    if without_member is not None:
        inputs = replace(inputs, pool=[m for m in inputs.pool if m.member_id != without_member])
    plan = engine.plan_rotation(inputs)
    changed = [
        (turn.start, before[turn.start], turn.holder)
        for turn in plan.turns
        if turn.start in before and before[turn.start] != turn.holder
    ]
    names = _names({member for _, old, new in changed for member in (old, new)}, facts.names)
    return [
        TurnMove(start, names.get(old), names.get(new), start in chosen)
        for start, old, new in changed
    ]


def _skipped(inputs: engine.PlanInput, turn: Turn) -> engine.PlanInput:
    """The facts after ``turn``'s holder skips it, as services.turn_skip records them: the
    turn is unheld and unconfirmed, the holder away for its days and owed a kept place."""
    existing = [
        replace(e, holder=None, confirmed=False, stands_in_for=None) if e.start == turn.start else e
        for e in inputs.existing
    ]
    away = engine.Leave(turn.holder_id, turn.start, turn.end - timedelta(days=1))
    return replace(
        inputs,
        existing=existing,
        leave=[*inputs.leave, away],
        ledger=[*inputs.ledger, engine.KeptPlace(turn.holder_id, turn.start)],
    )


def _names(ids: set, known: dict[int, str]) -> dict[int, str]:
    missing = {i for i in ids if i is not None and i not in known}
    names = dict(known)
    if missing:
        for member in Member.objects.filter(pk__in=missing).select_related("user"):
            names[member.pk] = member.display_name
    return names
