"""``python -m orgkit.elections.counting apportion FILE.csv --seats N --method M …``

The command reads ``name,votes`` rows (a ``name,votes`` header row is optional; blank lines and
lines starting with ``#`` are skipped), shares the seats and prints the result as a text table
or JSON. Exit status:

* 0 — every seat is decided;
* 2 — bad input (a one-line message on stderr names the line and the problem);
* 3 — a tie for the last seat(s) is open: the result is printed with the tie under ``"ties"``,
  and stderr says to give ``--seed`` to draw it by lot.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from fractions import Fraction
from pathlib import Path

from .apportion import METHODS, ApportionmentResult, apportion, normalise_method
from .indices import fraction_as_decimal, gallagher, loosemore_hanby

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_TIE_OPEN = 3

#: Longer houses (e.g. 435 seats) get the summary table only; JSON always has every seat.
SEAT_BY_SEAT_LIMIT = 60

#: Bounds of the numeric options: far beyond any real house (the largest elected chamber has
#: about 3,000 seats), small enough that every count finishes at once.
MAX_SEATS = 1_000_000
#: A threshold has at most this many characters ("2.5", "0.01"): a thousand-digit fraction is
#: a typing accident, not a rule.
MAX_THRESHOLD_CHARS = 12


class VotesInputError(ValueError):
    """Bad ``name,votes`` input; ``str(error)`` is one line naming the line and the problem."""

    def __init__(self, problem: str, *, line: int | None = None, source: str = "") -> None:
        self.problem = problem
        self.line = line
        where = source
        if line is not None:
            where = f"{where}:line {line}" if where else f"line {line}"
        super().__init__(f"{where}: {problem}" if where else problem)


def parse_votes_csv(text: str, *, source: str = "") -> dict[str, int]:
    """Parse ``name,votes`` rows into an ordered mapping, or raise :class:`VotesInputError`."""
    votes: dict[str, int] = {}
    first_row_seen = False
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    try:
        for fields in reader:
            if _is_blank_or_comment(fields):
                continue
            row = _votes_row(fields, line=reader.line_num, source=source)
            is_first_row, first_row_seen = not first_row_seen, True
            if is_first_row and row[0].lower() == "name" and row[1].lower() == "votes":
                continue  # the optional header row
            name, count = _checked_votes_row(row, votes, line=reader.line_num, source=source)
            votes[name] = count
    except csv.Error as error:
        raise VotesInputError(
            f"unreadable CSV ({error})", line=reader.line_num, source=source
        ) from None
    if not votes:
        raise VotesInputError("no name,votes rows found", source=source)
    return votes


def _is_blank_or_comment(fields: list[str]) -> bool:
    return not fields or all(not f.strip() for f in fields) or fields[0].lstrip().startswith("#")


def _votes_row(fields: list[str], *, line: int, source: str) -> tuple[str, str]:
    if len(fields) != 2:
        raise VotesInputError(
            f"expected 2 fields (name,votes), found {len(fields)}", line=line, source=source
        )
    return fields[0].strip(), fields[1].strip()


def _checked_votes_row(
    row: tuple[str, str], votes: dict[str, int], *, line: int, source: str
) -> tuple[str, int]:
    name, count_text = row
    if not name:
        raise VotesInputError("the name is empty", line=line, source=source)
    if name in votes:
        raise VotesInputError(f"{name!r} appears twice", line=line, source=source)
    if not count_text.isascii() or not count_text.isdigit():
        raise VotesInputError(
            f"votes {count_text!r} for {name!r} is not a whole number of 0 or more",
            line=line,
            source=source,
        )
    return name, int(count_text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``apportion`` options to ``parser``.

    Numbers are taken as text and checked in :func:`run`, so that a bad value gets the same
    one-line message as any other bad input.
    """
    parser.add_argument("file", metavar="FILE.csv", help="name,votes rows ('-' reads stdin)")
    parser.add_argument("--seats", required=True, metavar="N", help="number of seats to share")
    parser.add_argument(
        "--method", required=True, metavar="METHOD", help=f"one of: {', '.join(METHODS)}"
    )
    parser.add_argument(
        "--threshold",
        metavar="PCT",
        default=None,
        help="units below PCT percent of all votes get no seats (e.g. 5 or 2.5)",
    )
    parser.add_argument(
        "--min-seats", metavar="K", default="0", help="every unit gets at least K seats"
    )
    parser.add_argument(
        "--seed", default=None, help="draw any tie for the last seat(s) by lot from this seed"
    )
    parser.add_argument("--format", choices=("json", "text"), default="text")


def _whole_number(text: str, option: str, *, minimum: int, maximum: int = MAX_SEATS) -> int:
    value = text.strip()
    # Length first: int() of a number over 4,300 digits is itself an error.
    if (
        not value.isascii()
        or not value.isdigit()
        or len(value) > len(str(maximum))
        or not minimum <= int(value) <= maximum
    ):
        raise VotesInputError(
            f"{option} must be a whole number from {minimum} to {maximum:,}, not {text[:40]!r}"
        )
    return int(value)


def _percent(text: str) -> Fraction:
    value = text.strip().removesuffix("%").strip()
    if len(value) > MAX_THRESHOLD_CHARS:
        raise VotesInputError(
            f"--threshold must be a percentage of at most {MAX_THRESHOLD_CHARS} characters "
            f"such as 5 or 2.5, not {text[:40]!r}"
        )
    try:
        # Fraction("2.5") is exact, unlike float("2.5"); reject exponents and the like.
        if not value or any(ch not in "0123456789." for ch in value):
            raise ValueError
        percent = Fraction(value)
    except ValueError:
        raise VotesInputError(
            f"--threshold must be a percentage such as 5 or 2.5, not {text[:40]!r}"
        ) from None
    if percent > 100:
        raise VotesInputError(f"--threshold must be at most 100, not {text!r}")
    return percent


def _read(path_text: str) -> str:
    if path_text == "-":
        return sys.stdin.read()
    try:
        return Path(path_text).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VotesInputError("no such file", source=path_text) from None
    except IsADirectoryError:
        raise VotesInputError("is a directory, not a CSV file", source=path_text) from None
    except UnicodeDecodeError as error:
        raise VotesInputError(f"not UTF-8 text (byte {error.start})", source=path_text) from None
    except OSError as error:
        raise VotesInputError(f"cannot read it ({error.strerror})", source=path_text) from None


def run(args: argparse.Namespace) -> int:
    """Run the ``apportion`` command; print the result; return the exit status."""
    try:
        seats = _whole_number(args.seats, "--seats", minimum=1)
        min_seats = _whole_number(args.min_seats, "--min-seats", minimum=0)
        try:
            method = normalise_method(args.method)
        except ValueError as error:
            raise VotesInputError(f"--method: {error}") from None
        threshold = None if args.threshold is None else _percent(args.threshold)
        source = "<stdin>" if args.file == "-" else args.file
        votes = parse_votes_csv(_read(args.file), source=source)
        try:
            result = apportion(
                votes=votes,
                seats=seats,
                method=method,
                threshold_percent=threshold,
                min_seats=min_seats,
                seed=args.seed,
            )
        except ValueError as error:
            raise VotesInputError(str(error), source=source) from None
    except VotesInputError as error:
        print(f"apportion: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT

    if args.format == "json":
        print(json.dumps(result_json(result), indent=2, ensure_ascii=False))
    else:
        print(format_text(result))
    if not result.decided:
        open_tie = next(t for t in result.ties if t.open)
        print(
            f"apportion: tie for the last {_seat_words(open_tie.seats)} among "
            f"{', '.join(open_tie.among)}; nothing was drawn — give --seed to draw it by lot",
            file=sys.stderr,
        )
        return EXIT_TIE_OPEN
    return EXIT_OK


def result_json(result: ApportionmentResult) -> dict[str, object]:
    """The result's dictionary plus the disproportionality indices (when all seats decided)."""
    data = result.to_dict()
    if result.decided:
        data["gallagher"] = str(gallagher(votes=result.votes, seats=result.seats))
        data["loosemore_hanby"] = str(
            fraction_as_decimal(loosemore_hanby(votes=result.votes, seats=result.seats))
        )
    return data


def _seat_words(count: int) -> str:
    return "seat" if count == 1 else f"{count} seats"


def format_text(result: ApportionmentResult) -> str:
    """A plain-text table a returning officer can read out."""
    total = result.total_votes
    lines = [f"Apportionment by {result.title}: {result.house_size} seats, {total:,} votes"]
    details = []
    if result.threshold_percent is not None:
        details.append(f"threshold {fraction_as_decimal(result.threshold_percent, 2)}%")
    if result.min_seats:
        details.append(f"at least {result.min_seats} seat(s) each")
    if result.quota is not None:
        details.append(f"quota {fraction_as_decimal(result.quota)} votes")
    if details:
        lines.append("; ".join(details).capitalize())
    width = max(len("Unit"), *(len(name) for name in result.votes))
    lines.append("")
    lines.append(f"{'Unit':<{width}}  {'Votes':>12}  {'Vote %':>8}  {'Seats':>5}  {'Seat %':>8}")
    decided_seats = sum(result.seats.values())
    for name, count in result.votes.items():
        vote_share = fraction_as_decimal(Fraction(100 * count, total), 2)
        seat_share = (
            fraction_as_decimal(Fraction(100 * result.seats[name], decided_seats), 2)
            if decided_seats
            else "-"
        )
        note = "  below threshold" if name in result.excluded_by_threshold else ""
        lines.append(
            f"{name:<{width}}  {count:>12,}  {vote_share!s:>8}  {result.seats[name]:>5}  "
            f"{seat_share!s:>8}{note}"
        )
    lines.append("")
    # Check the house size first: the seat-by-seat record is worked out only when asked for.
    if result.house_size <= SEAT_BY_SEAT_LIMIT and result.award_order:
        # The seat-by-seat table is how a returning officer checks a divisor count by hand.
        lines.append("Seat by seat (quotient = votes ÷ divisor):")
        lines.extend(
            f"  seat {step.seat:>3}: {step.unit} ({step.quotient})" for step in result.award_order
        )
        lines.append("")
    for tie in result.ties:
        what = f"Tie for the last {_seat_words(tie.seats)}: {', '.join(tie.among)} stand level at {tie.level}."
        if tie.open:
            lines.append(f"{what} Not decided: no seed for a lot was given.")
        else:
            lines.append(
                f"{what} Drawn by lot (seed {result.seed!r}, draw {tie.lot_purpose!r}): "
                f"{', '.join(tie.drawn)}."
            )
    if result.decided:
        data = result_json(result)
        lines.append(
            f"Disproportionality: Gallagher {data['gallagher']}, "
            f"Loosemore–Hanby {data['loosemore_hanby']} (percentage points)"
        )
    return "\n".join(lines)
