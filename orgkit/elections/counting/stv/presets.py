"""Named STV presets. Each is documented, with its source, in docs/counting.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..ballots import Election
from ..result import StvResult
from .common import StvOptions
from .gregory import count_gregory
from .meek import count_meek

RULES = ("scottish", "wigm", "meek")


@dataclass(frozen=True)
class Preset:
    """A rule name, a one-line description and its default options."""

    name: str
    summary: str
    defaults: dict[str, Any]


PRESETS: dict[str, Preset] = {
    "scottish": Preset(
        "scottish",
        "Scottish local government STV (SSI 2007/42): WIGM, whole-number Droop quota, "
        "transfer values truncated to 5 decimals, ties by earlier stages then lot",
        {"precision": 5, "quota": "droop", "integer_quota": True},
    ),
    "wigm": Preset(
        "wigm",
        "Weighted inclusive Gregory method: exact Droop quota v/(s+1) that must be exceeded, "
        "9-decimal fixed point, ties by earlier stages then lot",
        {"precision": 9, "quota": "droop", "integer_quota": False},
    ),
    "meek": Preset(
        "meek",
        "Meek STV (Hill-Wichmann-Woodall): keep factors iterated to 10^-9, 12-decimal fixed "
        "point, quota recomputed as votes leave the count, ties by lot",
        {"precision": 12, "omega": 9},
    ),
}


def count_stv(
    election: Election,
    *,
    rule: str = "scottish",
    seed: str = "",
    seats: int | None = None,
    withdrawn: frozenset[int] | None = None,
    precision: int | None = None,
    quota: str | None = None,
    integer_quota: bool | None = None,
    omega: int | None = None,
    display_precision: int | None = None,
) -> StvResult:
    """Count ``election`` with a named preset, optionally overriding its options.

    ``seed`` draws any lot (recorded in the result so the count can be repeated exactly);
    ``seats``/``withdrawn`` override the election's own values.
    """
    if rule not in PRESETS:
        raise ValueError(f"unknown rule {rule!r}: choose one of {', '.join(RULES)}")
    if seats is not None:
        election = election.with_seats(seats)
    if withdrawn is not None:
        election = election.with_withdrawn(withdrawn)
    d = PRESETS[rule].defaults
    if rule == "meek":
        if quota not in (None, "droop") or integer_quota:
            raise ValueError("meek uses the exact Droop quota only")
        return count_meek(
            election,
            rule=rule,
            precision=precision if precision is not None else d["precision"],
            omega=omega if omega is not None else d["omega"],
            display_precision=display_precision if display_precision is not None else 9,
            seed=seed,
        )
    if rule == "scottish" and (
        quota not in (None, "droop") or integer_quota is False or precision not in (None, 5)
    ):
        raise ValueError(
            "the scottish preset fixes its quota and precision; use --rule wigm to vary them"
        )
    opts = StvOptions(
        precision=precision if precision is not None else d["precision"],
        quota=quota or d["quota"],
        integer_quota=d["integer_quota"] if integer_quota is None else integer_quota,
        display_precision=display_precision,
    )
    return count_gregory(election, rule=rule, opts=opts, seed=seed, lookback=True)
