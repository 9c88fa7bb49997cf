"""Dataclasses in and out of the rotation planner.

Everything is frozen: a plan is a value computed from values, so the same input can be logged,
compared and replayed. Dates are naive local dates (see :mod:`.cadence`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TypeAlias

from .cadence import Cadence, TurnSlot
from .errors import RotationInputError, RotationRuleError

#: A member is identified by whatever the caller uses (the Django side passes Member pks).
MemberId: TypeAlias = int | str

#: Optional eligibility hook, e.g. filled later by the skills capability: ``eligible(member,
#: slot)`` → may this member hold this turn? It must be pure (same answer for the same
#: arguments), or planning stops being deterministic.
EligibilityHook: TypeAlias = Callable[[MemberId, TurnSlot], bool]


def _count(value: object, name: str, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise RotationRuleError(f"{name} must be an integer ≥ {minimum}, not {value!r}")


# -- rules --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RotationRules:
    """The rules of one rotating role.

    * ``term_length``: turns in one term (a holder keeps the role for a whole term).
    * ``max_consecutive_terms``: terms one member may hold back to back (default 1). A run of
      turns by one member is therefore at most ``term_length × max_consecutive_terms`` long.
    * ``cooldown_turns``: turns that must pass between the end of one run and the member's next
      turn (0 = none).
    * ``max_terms_per_12_months``: terms a member may *start* in any rolling 12-month window
      (``None`` = no limit).
    * ``shadow_turns``: the incoming holder shadows the outgoing holder's last turn.
    * ``confirmation_horizon``: the first N turns of a planning window come out confirmed.
    """

    cadence: Cadence
    term_length: int = 1
    max_consecutive_terms: int = 1
    cooldown_turns: int = 0
    max_terms_per_12_months: int | None = None
    shadow_turns: bool = False
    confirmation_horizon: int = 4

    def __post_init__(self) -> None:
        if not isinstance(self.cadence, Cadence):
            raise RotationRuleError("rules need a Cadence")
        _count(self.term_length, "term length (turns)", 1)
        _count(self.max_consecutive_terms, "max consecutive terms", 1)
        _count(self.cooldown_turns, "cool-down (turns)", 0)
        if self.max_terms_per_12_months is not None:
            _count(self.max_terms_per_12_months, "max terms per 12 months", 1)
        _count(self.confirmation_horizon, "confirmation horizon (turns)", 0)

    @property
    def max_run(self) -> int:
        """Longest run of consecutive turns one member may hold."""
        return self.term_length * self.max_consecutive_terms


@dataclass(frozen=True, slots=True)
class PlanningWindow:
    """Which turns to plan: those starting on or after ``start``, ``turns`` of them and/or up to
    and including ``until``. ``start`` is normally "today" as the caller sees it; the engine
    never reads the clock."""

    start: date
    turns: int | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.turns is None and self.until is None:
            raise RotationRuleError("a planning window needs a number of turns or an until date")
        if self.turns is not None:
            _count(self.turns, "window turns", 0)
        if self.until is not None and self.until < self.start:
            raise RotationRuleError("the planning window ends before it starts")


# -- facts --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PoolMember:
    """A member who opted in. The pool's order is the opt-in order (the last tie-break).

    ``eligible`` is a precomputed flag (e.g. "has the skill"); the finer per-turn hook is
    :attr:`PlanInput.eligible`. ``name`` is only used in the English reasons."""

    member_id: MemberId
    joined: date | None = None
    eligible: bool = True
    name: str | None = None

    @property
    def label(self) -> str:
        return self.name if self.name else str(self.member_id)


class TurnOutcome(StrEnum):
    SERVED = "served"  # the holder served
    COVERED = "covered"  # ``holder`` served in place of ``covered_for``; the coverer is credited
    SWAPPED = "swapped"  # as ``covered``, but by a one-off swap of turns
    SKIPPED = "skipped"  # ``holder`` was due and skipped; nobody is credited


#: Outcomes of a one-off override: someone served in place of the member the rotation had.
OVERRIDES = frozenset({TurnOutcome.COVERED, TurnOutcome.SWAPPED})


@dataclass(frozen=True, slots=True)
class PastTurn:
    """A turn that has happened (or is under way). A skipped turn gives its holder a kept place
    (see :class:`KeptPlace`). A covered or swapped turn was a one-off override: ``holder``
    served it (and is credited in fairness figures) in place of ``covered_for``, and the
    rotation went on around it as if ``covered_for`` had held it (:attr:`rostered`)."""

    start: date
    holder: MemberId | None
    how: TurnOutcome = TurnOutcome.SERVED
    shadow: MemberId | None = None
    end: date | None = None
    covered_for: MemberId | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "how", TurnOutcome(self.how))
        if self.end is not None and self.end < self.start:
            raise RotationInputError(f"past turn of {self.start} ends before it starts")

    @property
    def credited(self) -> MemberId | None:
        """Who is credited with serving this turn (``None`` if skipped or open)."""
        return None if self.how is TurnOutcome.SKIPPED else self.holder

    @property
    def rostered(self) -> MemberId | None:
        """Whom the rotation itself had at this turn, for planning what follows: the member
        covered for in a one-off override, otherwise whoever is credited."""
        if self.how in OVERRIDES and self.covered_for is not None:
            return self.covered_for
        return self.credited


@dataclass(frozen=True, slots=True)
class KeptPlace:
    """Skip-keeps-place ledger entry: ``member_id`` skipped the turn starting ``skipped_on`` and
    goes first at the next turn they can take. An entry is spent once the member serves a turn
    starting after ``skipped_on``, so callers may pass the ledger unpruned."""

    member_id: MemberId
    skipped_on: date
    # The note explains; it does not make a different entry (same member, same skip).
    note: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Leave:
    """A member is away from ``start`` to ``end``, both days included."""

    member_id: MemberId
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise RotationInputError(
                f"leave of {self.member_id!r} ends ({self.end}) before it starts ({self.start})"
            )


@dataclass(frozen=True, slots=True)
class ExistingTurn:
    """A turn already on the calendar. ``confirmed`` turns (inside the horizon when planned, or
    accepted by their holder, or swapped) are never changed. Unconfirmed ones are the previous
    plan: the planner keeps them where the rules still allow, so a change moves few turns.

    ``stands_in_for`` marks a one-off override (a cover, or one side of a swap): ``holder``
    serves this turn in place of the member the rotation has there, and the planner plans
    everything else as if that member held it — their term goes on, nobody else's run starts
    or grows. Only a confirmed turn with a holder can be one (see :mod:`.overrides`)."""

    start: date
    holder: MemberId | None
    shadow: MemberId | None = None
    confirmed: bool = False
    stands_in_for: MemberId | None = None

    def __post_init__(self) -> None:
        if self.stands_in_for is not None and (
            not self.confirmed or self.holder is None or self.holder == self.stands_in_for
        ):
            raise RotationInputError(
                f"the turn of {self.start} stands in for {self.stands_in_for!r}, so it must be "
                "confirmed and held by someone else"
            )

    @property
    def rostered(self) -> MemberId | None:
        """Whom the rotation itself has at this turn (see ``stands_in_for``)."""
        return self.stands_in_for if self.stands_in_for is not None else self.holder


@dataclass(frozen=True, slots=True)
class PlanInput:
    """Everything the planner needs. ``pool`` is in opt-in order."""

    rules: RotationRules
    window: PlanningWindow
    pool: Sequence[PoolMember]
    history: Sequence[PastTurn] = ()
    ledger: Sequence[KeptPlace] = ()
    leave: Sequence[Leave] = ()
    existing: Sequence[ExistingTurn] = ()
    eligible: EligibilityHook | None = None

    def __post_init__(self) -> None:
        # Tuples, so that the input is a value (hashable sequences, no later mutation).
        for name in ("pool", "history", "ledger", "leave", "existing"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        seen: set[MemberId] = set()
        for member in self.pool:
            if member.member_id in seen:
                raise RotationInputError(f"member {member.member_id!r} is in the pool twice")
            seen.add(member.member_id)


# -- output -------------------------------------------------------------------------------------


class ReasonCode(StrEnum):
    NEVER_SERVED = "never_served"
    LEAST_RECENT = "least_recent"
    KEPT_PLACE = "kept_place"
    CONTINUING_TERM = "continuing_term"
    CONSECUTIVE_TERM = "consecutive_term"
    UNCHANGED = "unchanged"
    CONFIRMED = "confirmed"
    SKIPPED_LEAVE = "skipped_leave"
    TERM_CUT_SHORT = "term_cut_short"
    OPEN_NO_ELIGIBLE = "open_no_eligible"
    OPEN_EMPTY_POOL = "open_empty_pool"
    CONFIRMED_ON_LEAVE = "confirmed_on_leave"
    CONFIRMED_NOT_IN_POOL = "confirmed_not_in_pool"
    SHADOW = "shadow"
    SHADOW_UNAVAILABLE = "shadow_unavailable"


class BlockCause(StrEnum):
    """Why a member could not take a given turn."""

    NOT_JOINED = "not_joined"
    INELIGIBLE = "ineligible"
    LEAVE = "leave"
    COOLDOWN = "cooldown"
    CONSECUTIVE = "consecutive"
    YEAR_LIMIT = "year_limit"


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason, as data (``code``, ``member``, ``on``, ``counts``, ``facts``) and as English
    ``text``. The Django side can translate from the data; the text is the default rendering.

    ``facts`` holds what the text says beyond the member and the date, as ``(name, value)``
    pairs: ``turn`` and ``of`` (continuing a term), ``cause`` (a term cut short), ``instead_of``
    (the member fairness would have chosen, when the previous plan is kept), ``more`` (members
    skipped beyond those named)."""

    code: ReasonCode
    text: str
    member: MemberId | None = None
    on: date | None = None
    counts: tuple[tuple[BlockCause, int], ...] = ()
    facts: tuple[tuple[str, MemberId | int | str], ...] = ()


@dataclass(frozen=True, slots=True)
class PlannedTurn:
    """One turn of a plan. ``holder`` ``None`` means open: nobody could take it without
    breaking a rule, and ``reasons`` say why."""

    index: int
    start: date
    end: date
    starts_at: datetime
    ends_at: datetime
    holder: MemberId | None
    shadow: MemberId | None
    confirmed: bool
    reasons: tuple[Reason, ...] = ()
    #: A one-off override copied from a confirmed :class:`ExistingTurn`.
    stands_in_for: MemberId | None = None

    @property
    def is_open(self) -> bool:
        return self.holder is None

    @property
    def explanation(self) -> str:
        """All reasons as one English sentence-ish string."""
        return "; ".join(reason.text for reason in self.reasons)


@dataclass(frozen=True, slots=True)
class Plan:
    """The planner's answer.

    * ``kept_places``: the skip-keeps-place ledger still owed at the end of the window
      (including places kept because of leave during the window), for display.
    * ``warnings``: problems with confirmed turns (holder on leave, or out of the pool).
    * ``confirmed_skips``: members passed over because of leave at turns that this plan
      confirms. Persist them in the ledger (they are real skips now; the turns will not be
      planned again) and pass them back as :attr:`PlanInput.ledger`.
    """

    turns: tuple[PlannedTurn, ...]
    kept_places: tuple[KeptPlace, ...] = ()
    warnings: tuple[Reason, ...] = field(default=())
    confirmed_skips: tuple[KeptPlace, ...] = ()

    def holders(self) -> tuple[MemberId | None, ...]:
        return tuple(turn.holder for turn in self.turns)

    def as_existing(self) -> tuple[ExistingTurn, ...]:
        """The plan as :class:`ExistingTurn` rows, for feeding into the next replan."""
        return tuple(
            ExistingTurn(
                t.start, t.holder, t.shadow, confirmed=t.confirmed, stands_in_for=t.stands_in_for
            )
            for t in self.turns
        )


@dataclass(frozen=True, slots=True)
class TurnChange:
    """A turn whose holder or shadow differs between two plans."""

    start: date
    old_holder: MemberId | None
    new_holder: MemberId | None
    old_shadow: MemberId | None
    new_shadow: MemberId | None


@dataclass(frozen=True, slots=True)
class RuleViolation:
    """A broken rule found by :func:`~.checks.rule_violations`; ``indices`` are the turn slots
    involved."""

    cause: BlockCause
    member: MemberId
    indices: tuple[int, ...]
    text: str
