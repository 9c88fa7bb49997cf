"""Reading a list of people to invite: a pasted list or an uploaded CSV of name, email, branch.

Pure Python (no Django, no database): bytes or text in, rows out. It copes with what
spreadsheets really write — a UTF-8 byte-order mark (Excel's "CSV UTF-8"), Windows-1252 (older
Excel "CSV"), UTF-16 with tabs (Excel's "Unicode text"), semicolons (Excel where the decimal
mark is a comma), a header row in any column order or none — and refuses what it cannot read
with a :class:`ListProblem` code the service words for the reader.

Without a header the columns are taken by position: one cell is an email address; two are
name, email; three or more are name, email, branch.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

# Bounds: a bulk invitation is one transaction and one request, so it stays small. Larger
# organizations import in several batches.
MAX_BYTES = 200_000
MAX_ROWS = 500
MAX_CELL = 254

HEADER_NAMES = {
    "name": {"name", "full name", "full_name", "fullname", "nombre", "nom", "member", "person"},
    "email": {"email", "e-mail", "email address", "e-mail address", "mail", "correo"},
    "branch": {"branch", "sucursal", "section", "sección", "local", "chapter", "rama"},
}


class ListProblem(Exception):
    """The list as a whole cannot be read. ``code`` names why; ``facts`` fill the message."""

    def __init__(self, code: str, **facts: int) -> None:
        super().__init__(code)
        self.code = code
        self.facts = facts


@dataclass
class ListRow:
    """One person on the list. ``line`` is the 1-based line in the file as the reader sees it;
    ``problems`` are codes (``bad_email``, ``unknown_branch``…) the service adds."""

    line: int
    name: str
    email: str
    branch: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def decode(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without a BOM), UTF-16 with a BOM, or
    Windows-1252. Raises ``ListProblem("too_big")`` or ``("unreadable")``."""
    if len(data) > MAX_BYTES:
        raise ListProblem("too_big", limit=MAX_BYTES // 1000)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ListProblem("unreadable") from None
    if b"\x00" in data:  # a spreadsheet's own format (.xlsx, .ods) rather than CSV
        raise ListProblem("unreadable")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ListProblem("unreadable") from None


def _delimiter(sample: str) -> str:
    """Tab, semicolon or comma: whichever the first non-empty line has most of."""
    first = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    """Column positions if ``cells`` is a header row (it names an email column), else None."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        label = cell.strip().lower()
        for key, names in HEADER_NAMES.items():
            if label in names and key not in columns:
                columns[key] = index
    return columns if "email" in columns else None


def _by_position(cells: list[str]) -> tuple[str, str, str]:
    if len(cells) == 1:
        return "", cells[0], ""
    branch = cells[2] if len(cells) > 2 else ""
    return cells[0], cells[1], branch


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def parse(text: str) -> list[ListRow]:
    """The people on a list, one :class:`ListRow` per non-empty line (header skipped).

    Raises ``ListProblem`` for an empty list (``"empty"``), too many rows (``"too_many"``),
    text past the size limit (``"too_big"``) or a line the CSV reader cannot split
    (``"unreadable"``).
    """
    # A lone surrogate (possible in JSON) cannot be stored or even queried for: replace it.
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").lstrip("\ufeff")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ListProblem("too_big", limit=MAX_BYTES // 1000)
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text[:4000]))
    rows: list[ListRow] = []
    columns: dict[str, int] | None = None
    try:
        for cells in reader:
            cells = [c.replace("\x00", "").strip()[:MAX_CELL] for c in cells]
            if not any(cells):
                continue
            if not rows and columns is None and (found := _header_columns(cells)):
                columns = found
                continue
            if columns:
                name = _cell(cells, columns.get("name"))
                email = _cell(cells, columns["email"])
                branch = _cell(cells, columns.get("branch"))
            else:
                name, email, branch = _by_position(cells)
            rows.append(ListRow(line=reader.line_num, name=name, email=email, branch=branch))
            if len(rows) > MAX_ROWS:
                raise ListProblem("too_many", limit=MAX_ROWS)
    except csv.Error:
        raise ListProblem("unreadable") from None
    if not rows:
        raise ListProblem("empty")
    return rows
