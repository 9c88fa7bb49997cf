"""The official result sheet — what a union posts on the board — in the reader's language.

From a stored result (never recounted here: the sheet prints what was counted) and the
election's own dates: the notice, the roll and turnout, the elected, the stage table, the
winner-take-all comparison with the Gallagher index, the seed, and every protest with its
answer. ``sheet_render`` turns the blocks into Markdown and CSV, ``sheet_pdf`` into a PDF.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from orgkit.elections.models import Election, ElectionResult, Protest
from orgkit.elections.presentation import ranked_comparison, slate_rows, stage_table
from orgkit.elections.result_sheet import percent
from orgkit.elections.sheet_render import Block, Heading, Items, Paragraph, Table, table
from orgkit.elections.wording import (
    branch_name,
    slate_name,
    translate_stage_table,
    translate_systems,
)

#: The CSV tables of a result, by the name in their URL.
CSV_TABLES = ("stages", "elected", "comparison", "slates")


def when(moment: datetime | None) -> str:
    """A moment as the reader's clock and language write it ("—" when it never happened)."""
    if moment is None:
        return "—"
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _facts(election: Election, result: ElectionResult) -> Table:
    data = result.data
    rows = [
        (_("Organization"), election.organization.name),
        (_("Body"), election.body.name),
        (_("Seats"), election.seats),
        (_("Ballot"), election.get_ballot_kind_display()),
        (_("Counting rule"), election.get_rule_display()),
        (_("Secrecy"), election.get_secrecy_display()),
        (_("Weighting"), election.get_weighting_display()),
        (_("Notice sent to every eligible member"), when(election.notice_sent_at)),
        (_("Nominations opened"), when(election.nominations_open_at)),
        (_("Nominations closed"), when(election.nominations_close_at)),
        (_("Voting opened"), when(election.voting_opens_at)),
        (_("Voting closed"), when(election.voting_closes_at)),
        (_("Counted"), when(result.created_at)),
        (_("Seed for drawing lots"), data.get("seed") or "—"),
    ]
    return table((_("Item"), _("Value")), rows)


def _turnout(data: dict, weighted: bool) -> list[Block]:
    turnout = data["turnout"]
    on_roll, voted = turnout["on_roll"], turnout["voted"]
    note = (
        [
            Paragraph(
                _(
                    "Weighted vote: each voter carried their branch's membership, so the "
                    "ballot figures below are weights, not people."
                )
            )
        ]
        if weighted
        else []
    )
    return [
        Heading(2, _("Roll and turnout")),
        *note,
        Paragraph(
            _(
                "%(on_roll)s on the roll; %(voted)s voted (turnout %(share)s); "
                "%(ballots)s ballots counted."
            )
            % {
                "on_roll": on_roll,
                "voted": voted,
                "share": percent(voted, on_roll),
                "ballots": data["ballots"],
            }
        ),
        table(
            (_("Branch"), _("On the roll"), _("Voted"), _("Turnout")),
            (
                (
                    branch_name(t["branch"]),
                    t["on_roll"],
                    t["voted"],
                    percent(t["voted"], t["on_roll"]),
                )
                for t in turnout["by_branch"]
            ),
            numeric=(1, 2, 3),
        ),
    ]


def _status(row: dict) -> str:
    if row["order"]:
        return _("elected %(order)s") % {"order": row["order"]}
    if row["status"] == "withdrawn":
        return _("withdrawn")
    return _("excluded") if row["status"] == "excluded" else ""


def stages_table(data: dict) -> Table:
    """Candidates down, stages across, the non-transferable row last, and each candidate's
    outcome (the CSV's stage table; the sheet prints the outcome beside the name)."""
    t = translate_stage_table(stage_table(data["stv"]))
    header = [_("Candidate")]
    header += [_("Stage %(number)s") % {"number": st["number"]} for st in t["stages"]]
    rows = [(row["name"], *row["cells"], _status(row)) for row in t["rows"]]
    rows.append((_("Non-transferable"), *t["non_transferable"], ""))
    return table((*header, _("Outcome")), rows, numeric=range(1, len(header)))


def _stage_notes(t: dict) -> list[str]:
    notes = []
    for st in t["stages"]:
        line = _("Stage %(number)s: %(action)s") % {"number": st["number"], "action": st["action"]}
        if st["subject"]:
            line += f" ({st['subject']})"
        if st["elected"]:
            line += " — " + _("elected %(names)s") % {"names": st["elected"]}
        if st["excluded"]:
            line += " — " + _("excluded %(names)s") % {"names": st["excluded"]}
        notes.append(line)
    for tie in t["ties"]:
        notes.append(
            _("Tie at stage %(stage)s (%(purpose)s) among %(tied)s: %(chosen)s chosen by %(how)s.")
            % {
                "stage": tie["stage"],
                "purpose": tie["purpose"],
                "tied": tie["tied"],
                "chosen": tie["chosen"],
                "how": tie["draw"] or tie["method"],
            }
        )
    return notes


def _stages(data: dict) -> list[Block]:
    full = stages_table(data)
    # On paper the outcome sits beside the name, so that a sliced table keeps it in view.
    printed = Table(
        header=full.header[:-1],
        rows=tuple(
            (f"{row[0]} ({row[-1]})" if row[-1] else row[0], *row[1:-1]) for row in full.rows
        ),
        numeric=frozenset(i for i in full.numeric if i < len(full.header) - 1),
    )
    t = translate_stage_table(stage_table(data["stv"]))
    return [
        Heading(2, _("Stages of the count")),
        Paragraph(_("Quota: %(quota)s.") % {"quota": t["quota"]}),
        printed,
        Items(tuple(_stage_notes(t))),
    ]


def comparison_tables(data: dict) -> list[Table]:
    """The winner-take-all comparison: who each system elects (ranked ballots), and seats
    per slate with the Gallagher index (when candidates stood on slates)."""
    tables = []
    if data["kind"] == "ranked":
        rows = translate_systems(ranked_comparison(data))
        tables.append(
            table(
                (_("System"), _("Elected"), _("Voters whose first choice was elected")),
                (
                    (
                        r["system"],
                        ", ".join(r["elected"]),
                        _("%(share)s (%(voters)s of %(of)s)")
                        % {
                            "share": r["first_choice"]["share"],
                            "voters": r["first_choice"]["voters"],
                            "of": r["first_choice"]["of"],
                        },
                    )
                    for r in rows
                ),
            )
        )
    slates = data.get("slates") if data["kind"] == "ranked" else data
    if slates and slates.get("systems"):
        names, rows = slate_rows(slates["systems"], slates["slate_votes"])
        body = [(_("First-preference votes"), *slates["slate_votes"].values(), "—")]
        body += [(r["system"], *r["seats"], r["gallagher"] or "—") for r in translate_systems(rows)]
        tables.append(
            table(
                (_("System"), *[slate_name(n) for n in names], _("Gallagher index")),
                body,
                numeric=range(1, len(names) + 2),
            )
        )
    return tables


def _comparison(data: dict) -> list[Block]:
    blocks: list[Block] = [Heading(2, _("The same ballots under winner-take-all"))]
    tables = comparison_tables(data)
    blocks += tables
    if data["kind"] == "slate" or data.get("slates"):
        blocks.append(
            Paragraph(
                _(
                    "The Gallagher index measures how far seat shares are from vote shares, "
                    "in percentage points: 0 is perfectly proportional."
                )
            )
        )
    else:
        blocks.append(
            Paragraph(_("No candidate stood on a slate, so there is no Gallagher index by slate."))
        )
    return blocks


def _protests(protests: Iterable[Protest]) -> list[Block]:
    blocks: list[Block] = [Heading(2, _("Protests and answers"))]
    for n, p in enumerate(protests, 1):
        blocks.append(
            Heading(
                3,
                _("Protest %(number)s, by %(name)s, %(at)s")
                % {"number": n, "name": p.lodged_by.display_name, "at": when(p.lodged_at)},
            )
        )
        blocks.append(Paragraph(p.text))
        if p.answered_at:
            blocks.append(
                Paragraph(
                    _("Answer by %(name)s, %(at)s: %(answer)s")
                    % {
                        "name": p.answered_by.display_name if p.answered_by else "—",
                        "at": when(p.answered_at),
                        "answer": p.answer,
                    }
                )
            )
        else:
            blocks.append(Paragraph(_("Not answered yet.")))
    if len(blocks) == 1:
        blocks.append(Paragraph(_("No protests.")))
    return blocks


def elected_table(data: dict) -> Table:
    """The elected in order of election, with their slate (the CSV's elected table)."""
    slate_of = {c["name"]: c.get("slate", "") for c in data.get("candidates", [])}
    return table(
        (_("Order"), _("Elected"), _("Slate")),
        ((n, name, slate_of.get(name, "")) for n, name in enumerate(data["elected"], 1)),
        numeric=(0,),
    )


def sheet_blocks(
    *,
    election: Election,
    result: ElectionResult,
    protests: Iterable[Protest],
    recounts: Iterable[ElectionResult] = (),
) -> list[Block]:
    """The whole sheet, section by section, in the active language."""
    data = result.data
    blocks: list[Block] = [
        Heading(1, _("Official result: %(title)s") % {"title": election.title}),
        _facts(election, result),
        *_turnout(data, election.weighting != Election.Weighting.EQUAL),
        Heading(2, _("Elected")),
        Items(tuple(data["elected"]), ordered=True) if data["elected"] else Paragraph(_("No one.")),
    ]
    if data["kind"] == "ranked" and data["stv"].get("stages"):
        blocks += _stages(data)
    blocks += _comparison(data)
    blocks += _protests(protests)
    recounted = [
        _("%(at)s: elected %(names)s")
        % {"at": when(r.created_at), "names": ", ".join(r.data["elected"])}
        for r in recounts
    ]
    if recounted:
        blocks += [Heading(2, _("Recounts")), Items(tuple(recounted))]
    blocks += [
        Heading(2, _("Check it yourself")),
        Paragraph(
            _(
                "The anonymised ballots are published with this result, grouped by ranking "
                "and sorted. Recount them with “python -m orgkit.elections.counting stv "
                "ballots.blt --rule %(rule)s --seed %(seed)s”, or with any STV program."
            )
            % {"rule": data["rule"], "seed": data.get("seed") or "''"}
        ),
    ]
    return blocks


def csv_table(data: dict, name: str) -> Table | None:
    """One of :data:`CSV_TABLES` for a stored result (``None``: this election has no such
    table — a slate ballot has no stages, a ranked one without slates no seats per slate)."""
    if name == "elected":
        return elected_table(data)
    if name == "stages":
        return stages_table(data) if data["kind"] == "ranked" else None
    tables = comparison_tables(data)
    if name == "comparison":
        return tables[0] if data["kind"] == "ranked" else None
    if name == "slates":
        has_slates = data["kind"] == "slate" or data.get("slates")
        return tables[-1] if tables and has_slates else None
    return None
