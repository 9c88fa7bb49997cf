"""The result of an STV count: every stage, explained, as typed data.

All figures are fixed-point integers at ``StvResult.precision`` decimals (see
:mod:`.fixedpoint`); :meth:`StvResult.to_json` renders them as decimal strings so that no float
ever touches an official figure, and :meth:`StvResult.to_text` prints a table laid out like an
official result sheet (one column per stage).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .fixedpoint import format_fixed

HOPEFUL = "hopeful"
ELECTED = "elected"
EXCLUDED = "excluded"
WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class TieBreak:
    """How a tie was settled: by an earlier stage (``method="earlier stage"``) or by lot."""

    stage: int
    purpose: str
    tied: tuple[str, ...]
    method: str
    chosen: str
    detail: str = ""


@dataclass(frozen=True)
class Stage:
    """One stage (Scottish/WIGM: one transfer; Meek: one round) of the count.

    ``votes`` and ``transfers`` are per candidate in candidate order; ``transfers`` is the
    change since the previous stage. ``non_transferable`` is cumulative: papers with no
    further preference plus value lost to truncation (``rounding`` holds that loss alone).
    """

    number: int
    action: str
    subject: tuple[str, ...]
    reason: str
    votes: tuple[int, ...]
    transfers: tuple[int, ...]
    non_transferable: int
    rounding: int
    quota: int
    status: tuple[str, ...]
    elected: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    keep_factors: tuple[int, ...] | None = None


@dataclass(frozen=True)
class StvResult:
    """A finished count. Names in ``elected``/``excluded`` are in the order it happened;
    ``not_elected`` holds candidates still continuing when the last seat was filled."""

    rule: str
    title: str
    candidates: tuple[str, ...]
    seats: int
    precision: int
    display_precision: int
    quota_rule: str
    total_votes: int
    elected: tuple[str, ...]
    excluded: tuple[str, ...]
    withdrawn: tuple[str, ...]
    stages: tuple[Stage, ...]
    seed: str
    ties: tuple[TieBreak, ...] = ()
    not_elected: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)

    # -- helpers -------------------------------------------------------------------------
    def fmt(self, value: int) -> str:
        """Render a fixed-point figure at the preset's display precision."""
        return format_fixed(value, self.precision, self.display_precision)

    def stage_votes(self, number: int) -> dict[str, str]:
        """Totals at stage ``number`` (numbered from 1) as decimal strings by name."""
        st = self.stages[number - 1]
        return {n: self.fmt(v) for n, v in zip(self.candidates, st.votes, strict=True)}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; every figure is a decimal string."""
        names = self.candidates
        return {
            "rule": self.rule,
            "title": self.title,
            "candidates": list(names),
            "seats": self.seats,
            "precision": self.display_precision,
            "quota_rule": self.quota_rule,
            "total_votes": self.fmt(self.total_votes),
            "quota": self.fmt(self.stages[0].quota) if self.stages else None,
            "seed": self.seed,
            "elected": list(self.elected),
            "excluded": list(self.excluded),
            "not_elected": list(self.not_elected),
            "withdrawn": list(self.withdrawn),
            "options": self.options,
            "ties": [
                {
                    "stage": t.stage,
                    "purpose": t.purpose,
                    "tied": list(t.tied),
                    "method": t.method,
                    "chosen": t.chosen,
                    "detail": t.detail,
                }
                for t in self.ties
            ],
            "stages": [
                {
                    "number": st.number,
                    "action": st.action,
                    "subject": list(st.subject),
                    "reason": st.reason,
                    "quota": self.fmt(st.quota),
                    "votes": {n: self.fmt(v) for n, v in zip(names, st.votes, strict=True)},
                    "transfers": {n: self.fmt(v) for n, v in zip(names, st.transfers, strict=True)},
                    "non_transferable": self.fmt(st.non_transferable),
                    "rounding": self.fmt(st.rounding),
                    "status": dict(zip(names, st.status, strict=True)),
                    "elected": list(st.elected),
                    "excluded": list(st.excluded),
                    **(
                        {
                            "keep_factors": {
                                n: self.fmt(k) for n, k in zip(names, st.keep_factors, strict=True)
                            }
                        }
                        if st.keep_factors is not None
                        else {}
                    ),
                }
                for st in self.stages
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise to JSON (figures as decimal strings, never floats)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self) -> str:
        """A readable table: one row per candidate, one column per stage, like a result sheet."""
        names = self.candidates
        lines = [
            f"{self.title or 'STV count'}",
            f"Rule: {self.rule}   Seats: {self.seats}   Valid votes: {self.fmt(self.total_votes)}   "
            f"Quota: {self.fmt(self.stages[0].quota) if self.stages else '-'} ({self.quota_rule})",
        ]
        if self.seed:
            lines.append(f"Seed for lots: {self.seed}")
        lines.append("")
        for st in self.stages:
            what = st.action if not st.subject else f"{st.action}: {', '.join(st.subject)}"
            extra = []
            if st.elected:
                extra.append("elected " + ", ".join(st.elected))
            if st.excluded:
                extra.append("excluded " + ", ".join(st.excluded))
            lines.append(
                f"Stage {st.number}: {what}" + (f" -- {'; '.join(extra)}" if extra else "")
            )
        lines.append("")
        cells = [[self.fmt(v) for v in st.votes] for st in self.stages]
        width = max([len(c) for col in cells for c in col] + [len("Stage 99")]) + 2
        namew = max([len(n) for n in names] + [len("Non-transferable")]) + 2
        header = "Candidate".ljust(namew) + "".join(
            f"Stage {st.number}".rjust(width) for st in self.stages
        )
        lines.append(header)
        lines.append("-" * len(header))
        final = self.stages[-1].status if self.stages else ()
        for i, n in enumerate(names):
            mark = (
                {"elected": " *", "excluded": "", "withdrawn": " (withdrawn)"}.get(final[i], "")
                if final
                else ""
            )
            lines.append((n + mark).ljust(namew) + "".join(col[i].rjust(width) for col in cells))
        lines.append(
            "Non-transferable".ljust(namew)
            + "".join(self.fmt(st.non_transferable).rjust(width) for st in self.stages)
        )
        lines.append("-" * len(header))
        if len(self.stages) > 1:
            # What moved at each stage, signed, as the transfer columns of a result sheet.
            lines.append("")
            lines.append(
                "Transfers".ljust(namew)
                + "".join(f"Stage {st.number}".rjust(width) for st in self.stages[1:])
            )
            for i, n in enumerate(names):
                lines.append(
                    n.ljust(namew)
                    + "".join(
                        _signed(self.fmt(st.transfers[i])).rjust(width) for st in self.stages[1:]
                    )
                )
            lines.append(
                "Non-transferable".ljust(namew)
                + "".join(
                    _signed(self.fmt(st.non_transferable - prev.non_transferable)).rjust(width)
                    for prev, st in zip(self.stages, self.stages[1:], strict=False)
                )
            )
            lines.append("-" * len(header))
        lines.append("Elected (in order): " + ", ".join(self.elected))
        for t in self.ties:
            lines.append(
                f"Tie at stage {t.stage} ({t.purpose}) among {', '.join(t.tied)}: {t.chosen} by {t.method}"
            )
        return "\n".join(lines) + "\n"


def _signed(text: str) -> str:
    return text if text.startswith("-") or set(text) <= {"0", "."} else "+" + text
