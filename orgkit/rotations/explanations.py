"""The planner's reasons and rule breaks as sentences in the reader's language.

The pure engine (``orgkit/rotations/engine``) knows no Django and writes its reasons in English;
it also gives each reason as data — a code, a member, a date, counts and a few facts. Planning
stores that data with each turn (``Turn.reasons``: ``code``, ``text`` (the engine's English),
``member``, ``on`` and ``data``), and this module turns it into a gettext sentence when a page,
the API, a calendar feed or an email shows it. In English the sentences are the engine's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from orgkit.rotations import engine

B = engine.BlockCause

CAUSE_PHRASES = {
    B.LEAVE: gettext_lazy("on leave"),
    B.COOLDOWN: gettext_lazy("in cool-down"),
    B.CONSECUTIVE: gettext_lazy("at the consecutive-term limit"),
    B.YEAR_LIMIT: gettext_lazy("at the 12-month limit"),
    B.INELIGIBLE: gettext_lazy("not eligible"),
    B.NOT_JOINED: gettext_lazy("not yet joined"),
}

#: Stored with the reason of a member who skipped the turn themselves (a Skip row), where the
#: engine, which sees the skip as leave, says "skipped: on leave until …".
SKIPPED_THIS_TURN = "skipped_this_turn"

#: Stored (an ISO date) with a reason whose member is blocked by a turn they chose to skip —
#: not by leave — so that the plan says "skipped the turn of …", never "on leave until …".
SKIPPED_TURN = "skipped_turn"

#: The code of a past turn recorded from the role's holder history (services/setup.py).
IMPORTED = "imported"


def day_month(day: date, *, reference: date | None) -> str:
    """“3 March”, with the year when it differs from ``reference``'s (as the engine writes it),
    in the active language."""
    if reference is not None and reference.year != day.year:
        return date_format(day, pgettext("date format: day, month and year", "j F Y"))
    return date_format(day, pgettext("date format: day and month", "j F"))


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _cause(value: str | None) -> str:
    try:
        return str(CAUSE_PHRASES[B(value)])
    except ValueError:
        return str(value or "")


def _either(phrases: list[str]) -> str:
    """“on leave”, “on leave or in cool-down”, “a, b or c”."""
    if len(phrases) == 1:
        return phrases[0]
    return _("%(items)s or %(last)s") % {"items": ", ".join(phrases[:-1]), "last": phrases[-1]}


def _open_no_eligible(counts: list[list]) -> str:
    """``counts``: ``[cause, how many]`` pairs in the engine's order (a list, not a mapping:
    PostgreSQL's jsonb does not keep the order of an object's keys)."""
    phrases = [_cause(cause) for cause, _count in counts]
    detail = ", ".join(
        _("%(count)s %(cause)s") % {"count": count, "cause": _cause(cause)}
        for cause, count in counts
    )
    return _("open: no eligible member — all %(causes)s (%(detail)s)") % {
        "causes": _either(phrases),
        "detail": detail,
    }


def _skipped_day(data: Mapping, turn_start: date | None) -> str:
    """The day of the turn a member chose to skip, worded; "" when the reason is not a skip."""
    skipped = _date(data.get(SKIPPED_TURN))
    return day_month(skipped, reference=turn_start) if skipped else ""


def _skipped_leave(row: Mapping, name: str, until: date | None, turn_start: date | None) -> str:
    data = row.get("data") or {}
    if data.get(SKIPPED_THIS_TURN):
        return _("%(name)s skipped this turn and keeps their place") % {"name": name}
    if day := _skipped_day(data, turn_start):
        return _("%(name)s skipped the turn of %(date)s and keeps their place") % {
            "name": name,
            "date": day,
        }
    if row.get("member") is None and "more" in data:
        count = int(data["more"])
        return ngettext(
            "%(count)s more skipped: on leave", "%(count)s more skipped: on leave", count
        ) % {"count": count}
    if until is None:
        return ""
    return _("%(name)s skipped: on leave until %(date)s") % {
        "name": name,
        "date": day_month(until, reference=turn_start),
    }


def _term_cut_short(name: str, data: Mapping, until: date | None, turn_start) -> str:
    if day := _skipped_day(data, turn_start):
        return _("%(name)s's term cut short: %(name)s skipped the turn of %(date)s") % {
            "name": name,
            "date": day,
        }
    if until is not None:
        why = _("on leave until %(date)s") % {"date": day_month(until, reference=turn_start)}
    else:
        why = _cause(data.get("cause"))
    return _("%(name)s's term cut short: %(why)s") % {"name": name, "why": why}


@dataclass(frozen=True)
class _Stored:
    """A stored reason, read: its member's name, its date and its facts."""

    row: Mapping
    name: str
    on: date | None
    data: Mapping
    turn_start: date | None

    @property
    def when(self) -> str:
        return day_month(self.on, reference=self.turn_start) if self.on else ""


def _least_recent(r: _Stored) -> str:
    return _("served least recently (last: %(date)s)") % {"date": r.on.isoformat()} if r.on else ""


def _kept_place(r: _Stored) -> str:
    return _("kept place after skipping (%(date)s)") % {"date": r.when} if r.on else ""


def _continuing_term(r: _Stored) -> str:
    if "turn" not in r.data or "of" not in r.data:
        return ""
    return _("continues their term (turn %(turn)s of %(of)s)") % {
        "turn": r.data["turn"],
        "of": r.data["of"],
    }


def _unchanged(r: _Stored) -> str:
    if not r.data.get("instead_of_name"):
        return ""
    return _(
        "kept from the previous plan (so that plans change as little as possible; "
        "%(name)s would be next by fairness)"
    ) % {"name": r.data["instead_of_name"]}


def _confirmed_on_leave(r: _Stored) -> str:
    if day := _skipped_day(r.data, r.turn_start):
        return _("confirmed, but %(name)s skipped the turn of %(date)s — needs a swap or cover") % {
            "name": r.name,
            "date": day,
        }
    if not r.on:
        return ""
    return _("confirmed, but %(name)s is on leave until %(date)s — needs a swap or cover") % {
        "name": r.name,
        "date": r.when,
    }


def _shadow_unavailable(r: _Stored) -> str:
    if day := _skipped_day(r.data, r.turn_start):
        return _("%(name)s can't shadow: they skipped the turn of %(date)s") % {
            "name": r.name,
            "date": day,
        }
    if r.on:
        return _("%(name)s can't shadow: on leave until %(date)s") % {
            "name": r.name,
            "date": r.when,
        }
    return _("%(name)s can't shadow: not yet joined") % {"name": r.name}


def _open_counts(r: _Stored) -> str:
    return _open_no_eligible(r.data["counts"]) if r.data.get("counts") else ""


def _cut_short(r: _Stored) -> str:
    if not (r.on or r.data.get("cause")):
        return ""
    return _term_cut_short(r.name, r.data, r.on, r.turn_start)


C = engine.ReasonCode

#: How each code is worded; "" means the stored data cannot say it (the English text is shown).
_WORDING: dict[str, Callable[[_Stored], str]] = {
    C.NEVER_SERVED: lambda r: _("never served"),
    C.LEAST_RECENT: _least_recent,
    C.KEPT_PLACE: _kept_place,
    C.CONTINUING_TERM: _continuing_term,
    C.CONSECUTIVE_TERM: lambda r: _("another term in a row: no one else could take it"),
    C.UNCHANGED: _unchanged,
    C.CONFIRMED: lambda r: _("confirmed"),
    C.SKIPPED_LEAVE: lambda r: _skipped_leave(r.row, r.name, r.on, r.turn_start),
    C.TERM_CUT_SHORT: _cut_short,
    C.OPEN_NO_ELIGIBLE: _open_counts,
    C.OPEN_EMPTY_POOL: lambda r: _("open: the pool is empty"),
    C.CONFIRMED_ON_LEAVE: _confirmed_on_leave,
    C.CONFIRMED_NOT_IN_POOL: lambda r: (
        _("confirmed, but %(name)s is no longer in the pool") % {"name": r.name}
    ),
    C.SHADOW: lambda r: _("%(name)s shadows (takes over next)") % {"name": r.name},
    C.SHADOW_UNAVAILABLE: _shadow_unavailable,
    IMPORTED: lambda r: _("recorded from the role's history"),
}


def reason_text(row: Mapping, *, turn_start: date | None = None) -> str:
    """One stored reason as a sentence in the active language. A row this module cannot word
    (an unknown code, or data missing from a row stored by an older version) shows the
    engine's English text."""
    data = row.get("data") or {}
    stored = _Stored(
        row=row,
        name=data.get("name") or _("A member"),
        on=_date(row.get("on")),
        data=data,
        turn_start=turn_start,
    )
    wording = _WORDING.get(str(row.get("code")))
    return (wording(stored) if wording else "") or str(row.get("text", ""))


def reason_texts(rows: Iterable[Mapping], *, turn_start: date | None = None) -> list[str]:
    return [reason_text(row, turn_start=turn_start) for row in rows]


def violation_text(
    violation: engine.RuleViolation, *, rules: engine.RotationRules, name: str
) -> str:
    """A broken rule found when vetting a swap, as a sentence naming the member."""
    cause = violation.cause
    if cause is B.CONSECUTIVE:
        return _("%(name)s would hold more than %(max)s turns in a row") % {
            "name": name,
            "max": rules.max_run,
        }
    if cause is B.COOLDOWN:
        return _("%(name)s would serve again within the %(turns)s-turn cool-down") % {
            "name": name,
            "turns": rules.cooldown_turns,
        }
    if cause is B.YEAR_LIMIT:
        return _("%(name)s would start more than %(max)s terms within 12 months") % {
            "name": name,
            "max": rules.max_terms_per_12_months,
        }
    if cause is B.LEAVE:
        return _("%(name)s would serve during their leave") % {"name": name}
    if cause is B.NOT_JOINED:
        return _("%(name)s would serve before joining") % {"name": name}
    return _("%(name)s is not eligible") % {"name": name}


def cover_alarm(turn) -> str:
    """Why a confirmed turn needs cover (``Turn.needs_cover``), as one sentence for the alarm on
    the rotation page, the dashboard and the calendar: who cannot serve it, and until when."""
    day = day_month(turn.start, reference=None)
    if turn.holder_id is None:
        return _("%(date)s: confirmed, but nobody holds this turn — it needs cover") % {"date": day}
    name = turn.holder.display_name
    for row in turn.reasons or ():
        until = _date(row.get("on"))
        if row.get("code") == C.CONFIRMED_ON_LEAVE and until is not None:
            return _("%(date)s: %(name)s is on leave until %(until)s — the turn needs cover") % {
                "date": day,
                "name": name,
                "until": day_month(until, reference=turn.start),
            }
    return _("%(date)s: %(name)s cannot serve this confirmed turn — it needs cover") % {
        "date": day,
        "name": name,
    }
