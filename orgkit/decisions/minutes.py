"""Minutes as Markdown and as print-ready blocks, from a record's content (``record.py``).

Pure: the record's content is plain data and every word a reader sees comes in through
:class:`Labels` (the Django side fills it with translated strings). Minority reports get the
same heading level and the same place as the decision — right after it, before the votes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    minutes_of: str = "Minutes"
    decision: str = "Decision"
    outcome: str = "{outcome}: {votes_for} for, {votes_against} against, {abstentions} abstaining"
    proposed_by: str = "Proposed by {proposer}, seconded by {seconder}"
    minority_report: str = "Minority report: {title}"
    signed_by: str = "Signed by {names}"
    response: str = "Majority response"
    reply: str = "Minority reply"
    votes: str = "Votes"
    appeals: str = "Appeals"
    appeal_line: str = "{appellant} to {to_body}: {state}"
    corrections: str = "Corrections"
    version: str = "Version {number}, SHA-256 {digest}"


@dataclass(frozen=True)
class Block:
    """One printable piece: a heading (level 1–3) or a paragraph (level 0)."""

    level: int
    text: str


def record_blocks(content: Mapping, *, labels: Labels, words: Mapping[str, str]) -> list[Block]:
    """The blocks of one decision record, decision first and minority reports beside it.
    ``words`` translates the stored codes (outcome, vote choices, appeal states)."""
    out = [Block(2, f"{labels.decision}: {content['title']}")]
    out.append(Block(0, content["text"]))
    out.append(
        Block(
            0,
            labels.outcome.format(
                outcome=words.get(content["outcome"], content["outcome"]),
                votes_for=content["votes_for"],
                votes_against=content["votes_against"],
                abstentions=content["abstentions"],
            ),
        )
    )
    out.append(
        Block(
            0,
            labels.proposed_by.format(
                proposer=content["proposer"], seconder=content["seconder"] or "—"
            ),
        )
    )
    for report in content.get("reports", []):
        out.append(Block(2, labels.minority_report.format(title=report["title"])))
        names = ", ".join([report["author"], *report["signatories"]])
        out.append(Block(0, labels.signed_by.format(names=names)))
        out.append(Block(0, report["text"]))
        for rejoinder in report.get("rejoinders", []):
            heading = labels.response if rejoinder["kind"] == "response" else labels.reply
            out.append(Block(3, f"{heading} ({rejoinder['author']})"))
            out.append(Block(0, rejoinder["text"]))
    if content.get("votes"):
        out.append(Block(3, labels.votes))
        for vote in content["votes"]:
            reason = f" — {vote['reason']}" if vote.get("reason") else ""
            choice = words.get(vote["choice"], vote["choice"])
            out.append(Block(0, f"{vote['member']}: {choice}{reason}"))
    if content.get("appeals"):
        out.append(Block(3, labels.appeals))
        for appeal in content["appeals"]:
            line = {**appeal, "state": words.get(appeal["state"], appeal["state"])}
            out.append(Block(0, labels.appeal_line.format(**line)))
            out.append(Block(0, appeal["grounds"]))
            if appeal.get("finding"):
                out.append(Block(0, appeal["finding"]))
    if content.get("corrections"):
        out.append(Block(3, labels.corrections))
        for correction in content["corrections"]:
            out.append(Block(0, f"{correction['by']}: {correction['text']}"))
    return out


def minutes_blocks(
    *,
    title: str,
    records: Sequence[tuple[Mapping, int, str]],
    labels: Labels,
    words: Mapping[str, str],
    preamble: Sequence[str] = (),
) -> list[Block]:
    """Minutes: a title, the preamble's paragraphs (when, where, agenda…), then each record
    (content, version number, digest) in turn."""
    out = [Block(1, f"{labels.minutes_of}: {title}")]
    out.extend(Block(0, text) for text in preamble if text)
    for content, number, digest in records:
        out.extend(record_blocks(content, labels=labels, words=words))
        if number:
            out.append(Block(0, labels.version.format(number=number, digest=digest)))
    return out


def to_markdown(blocks: Sequence[Block]) -> str:
    """Markdown for the blocks. Paragraph text is members' Markdown already and stays so."""
    parts = []
    for block in blocks:
        parts.append(f"{'#' * block.level} {block.text}" if block.level else block.text)
    return "\n\n".join(parts) + "\n"
