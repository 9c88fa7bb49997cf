"""Command line: ``python -m orgkit.elections.counting stv|apportion ...``.

Bad input ends with a one-line message on stderr and exit status 2, never a traceback, so
returning officers and scripts can tell "your file is wrong" from "the program broke".
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .ballots import BallotFormatError

#: Bounds of the numeric options. Each is far beyond any real count, and small enough that a
#: count cannot run for hours: ``--precision 100000000`` used to build a 10**100000000 scale.
MAX_SEATS = 10_000
MAX_PRECISION = 30
MAX_OMEGA = 30


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number in ``low..high`` (a one-line error otherwise)."""

    def parse(text: str) -> int:
        value = text.strip()
        digits = value[1:] if value.startswith("-") else value
        if not digits.isascii() or not digits.isdigit() or len(digits) > 9:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {low} to {high}, not {text!r}"
            )
        number = int(value)
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {number}")
        return number

    parse.__name__ = "whole number"
    return parse


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse would print usage too)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _stv_arguments(p: argparse.ArgumentParser) -> None:
    from .stv import RULES

    p.add_argument("file", help="ballots: .blt, or .csv (one ballot per row; needs --seats)")
    p.add_argument(
        "--rule", choices=RULES, default="scottish", help="STV preset (default: scottish)"
    )
    p.add_argument(
        "--seats",
        type=bounded_int(1, MAX_SEATS),
        help=f"number of seats, 1 to {MAX_SEATS} (default: from the .blt header)",
    )
    p.add_argument("--seed", default="", help="seed for drawing lots (recorded in the result)")
    p.add_argument("--format", choices=("json", "text"), default="text", help="output format")
    p.add_argument(
        "--withdraw",
        action="append",
        default=[],
        metavar="NAME",
        help="withdraw a candidate (repeatable)",
    )
    p.add_argument("--quota", choices=("droop", "hare"), help="quota (wigm only)")
    q = p.add_mutually_exclusive_group()
    q.add_argument(
        "--integer-quota",
        dest="integer_quota",
        action="store_true",
        default=None,
        help="whole-number quota floor(v/(s+1))+1 (wigm)",
    )
    q.add_argument(
        "--exact-quota",
        dest="integer_quota",
        action="store_false",
        help="exact quota v/(s+1), which must be exceeded (wigm)",
    )
    p.add_argument(
        "--precision",
        type=bounded_int(1, MAX_PRECISION),
        help=f"decimal places of the arithmetic, 1 to {MAX_PRECISION} (wigm, meek)",
    )
    p.add_argument(
        "--omega",
        type=bounded_int(1, MAX_OMEGA),
        help=f"Meek: stop iterating when the surplus is below 10^-OMEGA (1 to {MAX_OMEGA})",
    )


def _run_stv(args: argparse.Namespace) -> int:
    from .blt import read_blt
    from .csvballots import read_csv
    from .stv import count_stv

    path = Path(args.file)
    if not path.is_file():
        raise BallotFormatError("no such file", source=str(path))
    if path.suffix.lower() == ".csv":
        if not args.seats:
            raise BallotFormatError("a CSV ballot file needs --seats", source=str(path))
        election = read_csv(path, seats=args.seats)
    else:
        election = read_blt(path)
    withdrawn = None
    if args.withdraw:
        try:
            withdrawn = frozenset(
                election.withdrawn | {election.index_of(n) for n in args.withdraw}
            )
        except KeyError as exc:
            raise BallotFormatError(str(exc.args[0])) from None
    try:
        result = count_stv(
            election,
            rule=args.rule,
            seed=args.seed,
            seats=args.seats,
            withdrawn=withdrawn,
            precision=args.precision,
            quota=args.quota,
            integer_quota=args.integer_quota,
            omega=args.omega,
        )
    except ValueError as exc:
        raise BallotFormatError(str(exc)) from None
    sys.stdout.write(result.to_json() + "\n" if args.format == "json" else result.to_text())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = _Parser(
        prog="python -m orgkit.elections.counting", description="orgkit counting engine"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    stv = sub.add_parser("stv", help="count an STV election from a .blt or .csv file")
    _stv_arguments(stv)
    argv = list(sys.argv[1:] if argv is None else argv)

    if argv[:1] == ["apportion"]:
        return _main_apportion(parser, sub, argv)

    sub.add_parser(
        "apportion", help="apportion seats from name,votes CSV (see --help)", add_help=False
    )
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    try:
        return _run_stv(args)
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except BallotFormatError as exc:
        sys.stderr.write(f"stv: {_one_line(exc)}\n")
        return 2
    except Exception as exc:  # pragma: no cover - a bug, but still one line, never a traceback
        sys.stderr.write(
            f"stv: internal error ({exc.__class__.__name__}: {_one_line(exc)}); please report it\n"
        )
        return 1


def _main_apportion(parser: argparse.ArgumentParser, sub, argv: list[str]) -> int:
    """The `apportion` subcommand: parse, run, and turn every failure into one line."""
    # The apportionment CLI lives in its own module; import it only when asked for so that
    # the STV command works without it.
    try:
        from . import cli_apportion
    except ImportError:
        sys.stderr.write("apportion: this build has no apportionment module (cli_apportion)\n")
        return 2
    ap = sub.add_parser("apportion", help="apportion seats from name,votes CSV")
    cli_apportion.add_arguments(ap)
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    try:
        return int(cli_apportion.run(args))
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except (BallotFormatError, ValueError, OSError) as exc:
        sys.stderr.write(f"apportion: {_one_line(exc)}\n")
        return 2
    except Exception as exc:  # pragma: no cover - a bug, but still one line
        sys.stderr.write(
            f"apportion: internal error ({exc.__class__.__name__}: {_one_line(exc)}); please report it\n"
        )
        return 1


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | int:
    """Parsed arguments, or the exit status argparse chose (2 for a bad option, after its
    one-line message; 0 after --help), so that main() returns instead of exiting."""
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2


def _quiet_broken_pipe() -> int:
    # `... | head` closed our stdout: not an error worth a message.
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or exc.__class__.__name__


if __name__ == "__main__":
    sys.exit(main())
