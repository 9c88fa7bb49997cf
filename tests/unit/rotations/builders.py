"""Small builders for rotation-engine tests (plain functions, no fixtures needed)."""

from __future__ import annotations

from datetime import date

from orgkit.rotations.engine import (
    Cadence,
    PlanInput,
    PlanningWindow,
    PoolMember,
    RotationRules,
)

#: A Monday: weekly slot 0 of the test rotations.
ANCHOR = date(2026, 1, 5)


def weekly(every: int = 1, anchor: date = ANCHOR) -> Cadence:
    return Cadence("weeks", every, anchor)


def rules(**overrides) -> RotationRules:
    cadence = overrides.pop("cadence", weekly())
    overrides.setdefault("confirmation_horizon", 0)
    return RotationRules(cadence, **overrides)


def pool(*names: str, **joined: date) -> tuple[PoolMember, ...]:
    return tuple(PoolMember(n, joined=joined.get(n), name=n.title()) for n in names)


def inputs(
    members: tuple[PoolMember, ...] | str,
    *,
    turns: int = 8,
    start: date = ANCHOR,
    until: date | None = None,
    **kwargs,
) -> PlanInput:
    if isinstance(members, str):
        members = pool(*members.split())
    rule_kwargs = {
        k: kwargs.pop(k)
        for k in list(kwargs)
        if k
        in {
            "cadence",
            "term_length",
            "max_consecutive_terms",
            "cooldown_turns",
            "max_terms_per_12_months",
            "shadow_turns",
            "confirmation_horizon",
        }
    }
    window = PlanningWindow(start, turns=None if until else turns, until=until)
    return PlanInput(rules(**rule_kwargs), window, members, **kwargs)


def week(n: int) -> date:
    """Start date of weekly slot ``n`` (from :data:`ANCHOR`)."""
    return weekly().start_of(n)
