"""The English text of the planner's reasons.

Every :class:`Reason` carries its facts as data (code, member, date, counts) for translation;
the text here is the English rendering the engine gives alongside.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from .cadence import TurnSlot
from .types import BlockCause, MemberId, Reason, ReasonCode

_MONTHS = (
    "January February March April May June July August September October November December"
).split()

#: How many leave-skips one turn lists by name before summarising the rest.
MAX_NAMED_SKIPS = 3

CAUSE_PHRASES = {
    BlockCause.LEAVE: "on leave",
    BlockCause.COOLDOWN: "in cool-down",
    BlockCause.CONSECUTIVE: "at the consecutive-term limit",
    BlockCause.YEAR_LIMIT: "at the 12-month limit",
    BlockCause.INELIGIBLE: "not eligible",
    BlockCause.NOT_JOINED: "not yet joined",
}


def day_month(day: date, *, reference: date | None = None) -> str:
    """``3 March`` (with the year when it differs from ``reference``'s). Locale-free on purpose:
    the structured reason carries the date for translation."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    if reference is not None and reference.year != day.year:
        text += f" {day.year}"
    return text


def skip_reasons(
    skipped: list[tuple[MemberId, date]], slot: TurnSlot, label: Callable[[MemberId], str]
) -> list[Reason]:
    """Reasons "Ana skipped: on leave until 3 March" for the first few members passed over on
    leave, then "N more skipped: on leave"."""
    reasons = [
        Reason(
            ReasonCode.SKIPPED_LEAVE,
            f"{label(m)} skipped: on leave until {day_month(until, reference=slot.start)}",
            m,
            until,
        )
        for m, until in skipped[:MAX_NAMED_SKIPS]
    ]
    rest = len(skipped) - MAX_NAMED_SKIPS
    if rest > 0:
        reasons.append(
            Reason(
                ReasonCode.SKIPPED_LEAVE,
                f"{rest} more skipped: on leave",
                None,
                None,
                facts=(("more", rest),),
            )
        )
    return reasons


def open_reason(causes: Counter[BlockCause]) -> Reason:
    """Why a turn is open: every member is blocked, counted by cause."""
    ordered = [c for c in BlockCause if causes[c]]
    phrases = [CAUSE_PHRASES[c] for c in ordered]
    joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]
    detail = ", ".join(f"{causes[c]} {CAUSE_PHRASES[c]}" for c in ordered)
    return Reason(
        ReasonCode.OPEN_NO_ELIGIBLE,
        f"open: no eligible member — all {joined} ({detail})",
        counts=tuple((c, causes[c]) for c in ordered),
    )
