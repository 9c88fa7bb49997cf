"""Step 2 of the planner: a holder in the middle of a term continues it if they still may.

If a rule now stops them (most often leave), the term is cut short and the turn is planned
afresh by fairness; the cut is stated among the turn's reasons.
"""

from __future__ import annotations

from .blocking import block
from .cadence import TurnSlot
from .reasons import CAUSE_PHRASES, day_month
from .timeline import Timeline
from .types import BlockCause, MemberId, Reason, ReasonCode


def continue_term(
    timeline: Timeline, slot: TurnSlot, previous_holder: MemberId | None
) -> tuple[MemberId | None, list[Reason]]:
    """``(previous_holder, [continues their term])`` when they are mid-term and may go on;
    otherwise ``(None, reasons)``, the reasons saying why a term was cut short, if one was."""
    term_length = timeline.rules.term_length
    if previous_holder not in timeline.pool or timeline.run_len[previous_holder] % term_length == 0:
        return None, []
    cause = block(timeline, previous_holder, slot)
    if cause is None:
        turn_no = timeline.run_len[previous_holder] % term_length + 1
        return previous_holder, [
            Reason(
                ReasonCode.CONTINUING_TERM,
                f"continues their term (turn {turn_no} of {term_length})",
                previous_holder,
                facts=(("turn", turn_no), ("of", term_length)),
            )
        ]
    why = CAUSE_PHRASES[cause]
    until = timeline.leave_until(previous_holder, slot) if cause is BlockCause.LEAVE else None
    if until is not None:
        why += f" until {day_month(until, reference=slot.start)}"
    return None, [
        Reason(
            ReasonCode.TERM_CUT_SHORT,
            f"{timeline.label(previous_holder)}'s term cut short: {why}",
            previous_holder,
            until,
            facts=(("cause", str(cause)),),
        )
    ]
