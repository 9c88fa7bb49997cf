"""The official result sheet as a document: headings, paragraphs, lists and tables, and the
same document as Markdown and as CSV rows (pure).

``sheet.py`` (the Django side) fills the document with translated words and the stored
result's figures; this module only lays it out, so the Markdown, the PDF (``sheet_pdf.py``)
and the CSV files say the same thing in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: First characters a spreadsheet reads as the start of a formula (and the two that hide one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Heading:
    level: int  # 1 the sheet's title, 2 a section, 3 a part of one
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Items:
    """A list of lines; ``ordered`` numbers them (the elected, in order of election)."""

    lines: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with one header row. ``keys`` leading columns name the row (a candidate): a
    table too wide for the page is cut into column slices that each repeat them."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    keys: int = 1
    numeric: frozenset[int] = field(default_factory=frozenset)  # right-aligned columns


Block = Heading | Paragraph | Items | Table


def table(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, keys: int = 1, numeric=()
) -> Table:
    """A :class:`Table` from any rows (cells become text; ``None`` an empty cell)."""
    return Table(
        header=tuple(str(h) for h in header),
        rows=tuple(tuple("" if c is None else str(c) for c in row) for row in rows),
        keys=keys,
        numeric=frozenset(numeric),
    )


def _md_cell(text: str) -> str:
    # A pipe would end the cell, a newline the row.
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split()) or " "


def _md_table(t: Table) -> str:
    lines = [
        "| " + " | ".join(_md_cell(h) for h in t.header) + " |",
        "|" + "|".join("---:" if i in t.numeric else "---" for i in range(len(t.header))) + "|",
    ]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in t.rows]
    return "\n".join(lines)


def to_markdown(blocks: Sequence[Block]) -> str:
    """The document as Markdown (GitHub-style tables, which most forums and wikis show)."""
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * block.level} {block.text}")
        elif isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Items):
            parts.append(
                "\n".join(
                    f"{n}. {line}" if block.ordered else f"- {line}"
                    for n, line in enumerate(block.lines, 1)
                )
            )
        else:
            parts.append(_md_table(block))
    return "\n\n".join(parts) + "\n"


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets an
    apostrophe in front (the usual defence; the apostrophe does not show in the cell)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_rows(t: Table) -> list[list[str]]:
    """A table as CSV rows, header first, every cell made safe."""
    return [[safe_cell(c) for c in t.header], *[[safe_cell(c) for c in row] for row in t.rows]]


def column_slices(t: Table, fits: int) -> list[Table]:
    """``t`` cut into tables of at most ``fits`` columns besides its key columns, each
    repeating the keys — how a printed stage table continues when there are many stages."""
    width = len(t.header) - t.keys
    if width <= fits or fits < 1:
        return [t]
    slices = []
    for start in range(t.keys, len(t.header), fits):
        cols = [*range(t.keys), *range(start, min(start + fits, len(t.header)))]
        slices.append(
            Table(
                header=tuple(t.header[i] for i in cols),
                rows=tuple(tuple(row[i] for i in cols) for row in t.rows),
                keys=t.keys,
                numeric=frozenset(n for n, i in enumerate(cols) if i in t.numeric),
            )
        )
    return slices
