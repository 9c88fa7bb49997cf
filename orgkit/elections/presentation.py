"""Turning a stored result dict into tables and a chart for the results page (pure).

Pure, so it cannot translate: the words it draws into the chart come in as
:class:`ChartWords` (English by default); the page passes them in the reader's language
(``orgkit/elections/wording.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html import escape

PALETTE = ["#1b5e20", "#0d47a1", "#b71c1c", "#4a148c", "#e65100", "#006064", "#3e2723", "#827717"]


def candidate_colour(index: int) -> str:
    """A colour per candidate, never shared: the palette first, then hues spaced by the golden
    angle (dark enough for white page contrast) for as many more as the ballot has."""
    if index < len(PALETTE):
        return PALETTE[index]
    return f"hsl({(index * 137.508) % 360:.1f}, 70%, 32%)"


@dataclass(frozen=True)
class ChartWords:
    """The chart's words. ``stage`` takes ``{number}``; ``bar`` takes ``{name}``, ``{number}``
    and ``{votes}``; ``quota`` takes ``{quota}``."""

    title: str = "Votes per candidate at each stage, with the quota"
    stage: str = "Stage {number}"
    bar: str = "{name}, stage {number}: {votes}"
    quota: str = "quota {quota}"


def _say(words: ChartWords, field: str, **values) -> str:
    """``words.<field>`` filled in and escaped for SVG; a translation whose placeholders do not
    fit falls back to the English words rather than break the page."""
    try:
        text = getattr(words, field).format(**values)
    except (KeyError, IndexError, ValueError):
        text = getattr(ChartWords(), field).format(**values)
    return escape(text)


def _num(text: str) -> Decimal:
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return Decimal(0)


def stage_table(stv: dict) -> dict:
    """Rows per candidate, one column per stage, the non-transferable row, and what each
    stage did — laid out like an official result sheet."""
    stages = stv.get("stages", [])
    rows = []
    for name in stv.get("candidates", []):
        final = stages[-1]["status"][name] if stages else "hopeful"
        rows.append(
            {
                "name": name,
                "cells": [st["votes"][name] for st in stages],
                "status": final,
                "order": stv["elected"].index(name) + 1 if name in stv.get("elected", []) else None,
            }
        )
    return {
        "stages": [
            {
                "number": st["number"],
                "action": st["action"],
                "subject": ", ".join(st["subject"]),
                "elected": ", ".join(st["elected"]),
                "excluded": ", ".join(st["excluded"]),
            }
            for st in stages
        ],
        "rows": rows,
        "non_transferable": [st["non_transferable"] for st in stages],
        "quota": stv.get("quota"),
        "ties": tie_notes(stv),
    }


def tie_notes(stv: dict) -> list[dict]:
    """Every tie the count settled, with how: by an earlier stage, by the order already
    settled, or by lot — a lot with the seed and the draw's label, so that anyone can repeat
    it with the counting CLI."""
    notes = []
    for tie in stv.get("ties", []):
        detail = tie.get("detail", "")
        notes.append(
            {
                "stage": tie["stage"],
                "purpose": tie["purpose"],
                "tied": ", ".join(tie["tied"]),
                "chosen": tie["chosen"],
                "method": tie["method"],
                "by_lot": tie["method"] == "lot",
                # "seed '…', draw 'stage 3 exclusion'": the inputs of the draw, shown as data.
                "draw": detail if tie["method"] == "lot" else "",
                "earlier_stage": _stage_number(detail)
                if tie["method"] == "earlier stage"
                else None,
            }
        )
    return notes


def _stage_number(detail: str) -> int | None:
    words = detail.split()
    return int(words[1]) if len(words) == 2 and words[0] == "stage" and words[1].isdigit() else None


def ranked_comparison(data: dict) -> list[dict]:
    """STV beside the block vote on the same ballots: who wins, and whose first choice wins."""
    fc = data["first_choice"]
    return [
        {
            "system": f"STV ({data['rule']})",
            "elected": data["stv"]["elected"],
            "first_choice": fc["stv"],
        },
        {
            "system": "block vote (winner-take-all)",
            "elected": data["block_vote"]["elected"],
            "first_choice": fc["block_vote"],
        },
    ]


def slate_rows(systems: list[dict], slate_votes: dict) -> tuple[list[str], list[dict]]:
    """Slates as columns; one row per system with its seats and Gallagher index."""
    slates = list(slate_votes)
    rows = [
        {
            "system": s["system"],
            "seats": [s["seats"].get(name, 0) for name in slates],
            "gallagher": s.get("gallagher"),
        }
        for s in systems
    ]
    return slates, rows


def rounds_chart(
    stv: dict, *, width: int = 720, bar_h: int = 160, words: ChartWords | None = None
) -> str:
    """An inline SVG bar chart: for each stage a group of bars (one per candidate, in
    candidate order) with the quota as a dashed line, and a legend. Drawn on the server: no
    JavaScript, and the table above says the same in words."""
    words = words or ChartWords()
    stages = stv.get("stages", [])
    names = stv.get("candidates", [])
    if not stages or not names:
        return ""
    quota = _num(stv.get("quota"))
    # Headroom above the tallest bar and the quota line, so neither runs out of the chart or
    # under the quota's label, which sits in the band above the bars.
    tallest = max([quota] + [_num(v) for st in stages for v in st["votes"].values()])
    top = tallest * Decimal("1.05") or Decimal(1)
    left, pad_top = 10, 22
    legend_rows = (len(names) + 2) // 3
    height = pad_top + bar_h + 24 + legend_rows * 18 + 8
    group_w = (width - left * 2) / len(stages)
    bar_w = max(min((group_w - 12) / len(names), 28), 2)
    base_y = pad_top + bar_h

    def y(value: Decimal) -> float:
        return base_y - float(value / top) * bar_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="rounds-chart-title" class="rounds-chart">',
        f'<title id="rounds-chart-title">{escape(words.title)}</title>',
    ]
    for i, st in enumerate(stages):
        x0 = left + i * group_w + 6
        for c, name in enumerate(names):
            value = _num(st["votes"][name])
            top_y = y(value)
            parts.append(
                f'<rect x="{x0 + c * bar_w:.1f}" y="{top_y:.1f}" width="{bar_w - 1:.1f}" '
                f'height="{base_y - top_y:.1f}" fill="{candidate_colour(c)}">'
                f"<title>{_say(words, 'bar', name=name, number=st['number'], votes=st['votes'][name])}"
                "</title></rect>"
            )
        parts.append(
            f'<text x="{x0 + len(names) * bar_w / 2:.1f}" y="{base_y + 16}" font-size="12" '
            f'text-anchor="middle">{_say(words, "stage", number=st["number"])}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{base_y}" x2="{width - left}" y2="{base_y}" stroke="#555"/>'
        f'<line x1="{left}" y1="{y(quota):.1f}" x2="{width - left}" y2="{y(quota):.1f}" '
        'stroke="#1b1f24" stroke-dasharray="6 4"/>'
        # A key for the dashed line, in the band above the bars.
        f'<line x1="{left}" y1="{pad_top - 10}" x2="{left + 24}" y2="{pad_top - 10}" '
        'stroke="#1b1f24" stroke-dasharray="6 4"/>'
        f'<text x="{left + 28}" y="{pad_top - 6}" font-size="12">'
        f"{_say(words, 'quota', quota=stv.get('quota'))}</text>"
    )
    for c, name in enumerate(names):
        lx = left + (c % 3) * (width - 2 * left) / 3
        ly = base_y + 30 + (c // 3) * 18
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" fill="{candidate_colour(c)}"/>'
            f'<text x="{lx + 16:.1f}" y="{ly + 11}" font-size="12">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
