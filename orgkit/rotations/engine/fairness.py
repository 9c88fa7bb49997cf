"""Fairness report: how evenly a period's turns were shared.

Exact arithmetic (``Fraction``) so the score is the same everywhere and tests can compare it
exactly; :meth:`FairnessReport.balance_rounded` gives a display value with documented rounding.

**Balance score.** With ``T`` filled turns among ``n`` members (counts ``c_i``, mean ``m = T/n``)
let ``D = Σ |c_i − m|`` be the total deviation from the mean. The most uneven split (one member
holds every turn) has ``D_max = 2T(n−1)/n``; the most even split integers allow (each member
``⌊m⌋`` or ``⌈m⌉``) has ``D_min = r(⌈m⌉ − m) + (n − r)(m − ⌊m⌋)`` where ``r = T mod n``. Then

    balance = (D_max − D) / (D_max − D_min)

which is 1 for as even as whole turns allow and 0 for one member holding everything. It is 1
by definition when no split could be uneven (``n ≤ 1``, no turns, or ``D_max = D_min``).

**Overloaded.** A member is overloaded when they hold more than ``mean + 1`` turns: an even
rotation never does that, nor does one skipped turn; it means turns are piling up on someone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from .types import ExistingTurn, MemberId, PastTurn, PlannedTurn


@dataclass(frozen=True, slots=True)
class MemberTally:
    member_id: MemberId
    turns: int


@dataclass(frozen=True, slots=True)
class FairnessReport:
    """Turns per member over ``[start, end)`` and what they say about fairness."""

    start: date
    end: date
    filled_turns: int
    open_turns: int
    members: tuple[MemberTally, ...]
    never_served: tuple[MemberId, ...]
    overloaded: tuple[MemberId, ...]
    mean: Fraction
    balance: Fraction

    def turns_of(self, member: MemberId) -> int:
        for tally in self.members:
            if tally.member_id == member:
                return tally.turns
        return 0

    def balance_rounded(self, places: int = 2) -> Decimal:
        """The balance as a decimal rounded half-to-even at ``places`` decimals (display only)."""
        exact = Decimal(self.balance.numerator) / Decimal(self.balance.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def balance_score(counts: Sequence[int]) -> Fraction:
    """The balance score of turn counts (see the module docstring), exact, in [0, 1]."""
    n = len(counts)
    total = sum(counts)
    if n <= 1 or total == 0:
        return Fraction(1)
    mean = Fraction(total, n)
    deviation = sum(abs(c - mean) for c in counts)
    worst = Fraction(2 * total * (n - 1), n)
    q, r = divmod(total, n)
    best = r * (q + 1 - mean) + (n - r) * (mean - q)
    if worst == best:
        return Fraction(1)
    return (worst - deviation) / (worst - best)


def _credited(turn: PastTurn | PlannedTurn | ExistingTurn) -> MemberId | None:
    return turn.credited if isinstance(turn, PastTurn) else turn.holder


def fairness_report(
    turns: Iterable[PastTurn | PlannedTurn | ExistingTurn],
    *,
    start: date,
    end: date,
    pool: Sequence[MemberId] = (),
) -> FairnessReport:
    """Report on the turns that start in ``[start, end)``.

    Past turns credit whoever served (the coverer for a covered turn; nobody for a skipped
    one); planned and existing turns credit their holder. The members counted are ``pool``
    (in that order, zero turns included) followed by any other holder in order of first turn:
    someone who left the pool still held those turns.
    """
    if end < start:
        raise ValueError("the report period ends before it starts")
    counts: dict[MemberId, int] = {member: 0 for member in pool}
    filled = open_turns = 0
    for turn in sorted((t for t in turns if start <= t.start < end), key=lambda t: t.start):
        holder = _credited(turn)
        if holder is None:
            open_turns += 1
            continue
        filled += 1
        counts[holder] = counts.get(holder, 0) + 1
    values = list(counts.values())
    mean = Fraction(filled, len(values)) if values else Fraction(0)
    pool_set = set(pool)
    return FairnessReport(
        start=start,
        end=end,
        filled_turns=filled,
        open_turns=open_turns,
        members=tuple(MemberTally(m, c) for m, c in counts.items()),
        never_served=tuple(m for m, c in counts.items() if c == 0 and m in pool_set),
        overloaded=tuple(m for m, c in counts.items() if c > mean + 1),
        mean=mean,
        balance=balance_score(values),
    )
