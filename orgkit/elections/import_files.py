"""Reading an uploaded ballot file (.blt or CSV) for an imported election, within bounds.

The parsers are the counting engine's own (counting/blt.py, counting/csvballots.py); this
module adds what an upload needs on top: a size bound, a text check (a binary file is refused
before it is parsed), bounds on weights, candidates and seats, and messages a person can act
on — each naming the line at fault when there is one. It writes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from fractions import Fraction
from pathlib import PurePath

from django.utils.translation import gettext as _

from orgkit.core.errors import ServiceError
from orgkit.elections.counting.ballots import BallotFormatError
from orgkit.elections.counting.ballots import Election as EngineElection
from orgkit.elections.counting.blt import format_weight, parse_blt, write_blt
from orgkit.elections.counting.csvballots import parse_csv

#: The largest file accepted (the biggest published constituency in tests/golden is ~1 MB).
MAX_FILE_BYTES = 3 * 1024 * 1024
MAX_CANDIDATES = 500
MAX_SEATS = 200
#: The weight one ballot line may carry: a paper count's bundle, a delegate's branch — never
#: 10^20, which would only be a typing slip (or an attempt to overflow something).
MAX_WEIGHT = 10**9
MAX_TITLE = 200

FORMATS = ("blt", "csv")


@dataclass(frozen=True)
class BallotFile:
    """An uploaded file, read and checked: the engine's election (grouped ballots), the file's
    name, format and SHA-256 (what the audit log records)."""

    election: EngineElection
    filename: str
    file_format: str
    sha256: str

    @property
    def blt(self) -> str:
        """The ballots as normalised .blt text: grouped by ranking and sorted."""
        return write_blt(self.election)

    @property
    def ballots(self) -> str:
        return format_weight(self.election.total_weight)

    @property
    def standing(self) -> int:
        return len(self.election.candidates) - len(self.election.withdrawn)

    @property
    def withdrawn_names(self) -> list[str]:
        return [self.election.candidates[k] for k in sorted(self.election.withdrawn)]


def file_format_of(filename: str) -> str:
    """``csv`` for a ``.csv`` file, else ``blt`` (OpaVote, Loomio and paper counts use .blt)."""
    return "csv" if PurePath(filename).suffix.lower() == ".csv" else "blt"


def _refuse(message: str, *, field: str = "file") -> ServiceError:
    return ServiceError(message, field=field)


def _format_error(exc: BallotFormatError) -> ServiceError:
    if exc.line is not None:
        return _refuse(
            _("Line %(line)s of the file: %(problem)s") % {"line": exc.line, "problem": exc.problem}
        )
    return _refuse(_("The file cannot be read: %(problem)s") % {"problem": exc.problem})


def decode_upload(content: bytes) -> str:
    """The file's text, or a refusal: empty, too large, or not UTF-8 text."""
    if not content:
        raise _refuse(_("The file is empty."))
    if len(content) > MAX_FILE_BYTES:
        raise _refuse(
            _("The file is %(size)s MB; at most %(most)s MB can be imported.")
            % {"size": f"{len(content) / 1024 / 1024:.1f}", "most": MAX_FILE_BYTES // 1024 // 1024}
        )
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse(
            _("This is not a text file (UTF-8): upload a .blt or CSV ballot file.")
        ) from None
    if "\x00" in text:
        raise _refuse(_("This is not a text file: upload a .blt or CSV ballot file."))
    return text


def ballot_file_read(
    *, content: bytes, filename: str, seats: int | None = None, title: str = ""
) -> BallotFile:
    """Read and check an uploaded ballot file. ``seats`` and ``title`` override the file's own
    (a CSV file has neither, so ``seats`` is required for it). Raises ServiceError (field
    ``file``, or ``seats``/``title``) naming the line at fault; never writes anything."""
    filename = PurePath((filename or "ballots.blt").replace("\\", "/")).name[:200] or "ballots"
    text = decode_upload(content)
    file_format = file_format_of(filename)
    try:
        if file_format == "csv":
            if seats is None:
                raise _refuse(
                    _("A CSV file does not say how many seats: enter them."), field="seats"
                )
            election = parse_csv(text, seats=seats, title=PurePath(filename).stem)
        else:
            election = parse_blt(text)
    except BallotFormatError as exc:
        raise _format_error(exc) from None
    _check_weights(election, text, file_format)
    election = _with_settings(election, seats=seats, title=title, filename=filename)
    return BallotFile(
        election=election.grouped(),
        filename=filename,
        file_format=file_format,
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _check_weights(election: EngineElection, text: str, file_format: str) -> None:
    heavy = next((b.weight for b in election.ballots if b.weight > MAX_WEIGHT), None)
    if heavy is None:
        return
    line = _line_with_weight_over(text, MAX_WEIGHT, skip_header=file_format == "blt")
    message = _("a ballot line weighs %(weight)s; at most %(most)s is accepted.") % {
        "weight": str(Fraction(heavy)) if not isinstance(heavy, int) else heavy,
        "most": f"{MAX_WEIGHT:,}",
    }
    if line is None:
        raise _refuse(_("The file cannot be read: %(problem)s") % {"problem": message})
    raise _refuse(_("Line %(line)s of the file: %(problem)s") % {"line": line, "problem": message})


def _line_with_weight_over(text: str, most: int, *, skip_header: bool) -> int | None:
    """The first line whose leading number (a ballot's weight) is above ``most``."""
    from decimal import Decimal, InvalidOperation

    seen_header = not skip_header
    for lineno, raw in enumerate(text.splitlines(), start=1):
        cells = raw.replace(",", " ").split()
        if not cells or cells[0].startswith("#"):
            continue
        if not seen_header:
            seen_header = True
            continue
        token = cells[1] if cells[0].startswith("(") and len(cells) > 1 else cells[0]
        try:
            if Decimal(token) > most:
                return lineno
        except InvalidOperation:
            continue
    return None


def _with_settings(
    election: EngineElection, *, seats: int | None, title: str, filename: str
) -> EngineElection:
    """The election with the organizer's seats and title (or the file's), checked."""
    if len(election.candidates) > MAX_CANDIDATES:
        raise _refuse(
            _("The file has %(count)s candidates; at most %(most)s can be imported.")
            % {"count": len(election.candidates), "most": MAX_CANDIDATES}
        )
    seats = election.seats if seats is None else seats
    field = "seats" if seats != election.seats else "file"
    if not 1 <= seats <= MAX_SEATS:
        raise _refuse(
            _("%(seats)s seats: an election fills between 1 and %(most)s seats.")
            % {"seats": seats, "most": MAX_SEATS},
            field=field,
        )
    standing = len(election.candidates) - len(election.withdrawn)
    if seats > standing:
        raise _refuse(
            _("%(seats)s seats but only %(standing)s candidates stand (not withdrawn).")
            % {"seats": seats, "standing": standing},
            field=field,
        )
    title = " ".join((title or election.title or PurePath(filename).stem).split())
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1] + "…"
    if not title:
        raise _refuse(_("Give the election a title."), field="title")
    return EngineElection(
        candidates=election.candidates,
        seats=seats,
        ballots=election.ballots,
        withdrawn=election.withdrawn,
        title=title,
    )
