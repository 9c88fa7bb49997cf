"""Reading and writing the .blt ballot format (ERS / OpenSTV / Droop).

Layout::

    <candidates> <seats>
    [-k ...]                 optional: withdrawn candidates (negated, 1-based)
    [nick a b c]             optional Droop-style options: nick, withdrawn, tie
    <weight> <c1> <c2> ... 0 one ballot (or group of identical ballots) per line
    0                        end of ballots
    "Name 1"                 one name per candidate, in index order
    "Title"                  required: the election's title (it is how a missing name shows)

``#`` starts a comment outside quoted names. Equal rankings (``2=3``) are rejected with a clear
error because none of our presets defines them.

Speed: a published file from a large election has a million lines but only some thousands of
*distinct* lines, so the reader counts identical raw lines first (a C-level ``Counter``) and
parses each distinct line once. Errors still name the first line where the bad text occurs.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from .ballots import Ballot, BallotFormatError, Election, Weight, group_ballots

__all__ = ["BallotFormatError", "parse_blt", "read_blt", "write_blt", "format_weight"]


def _strip_comment(line: str) -> str:
    # Ballot and header lines never contain quotes, so any '#' starts a comment.
    cut = line.find("#")
    if cut >= 0:
        line = line[:cut]
    return line.strip()


def _parse_weight(token: str, err) -> Weight:
    if token.isdigit():
        return int(token)
    try:
        value = Decimal(token)
    except InvalidOperation:
        raise err(f"ballot weight {token!r} is not a number") from None
    if not value.is_finite() or value < 0:
        raise err(f"ballot weight {token!r} must be a non-negative number")
    frac = Fraction(value)
    return int(frac) if frac.denominator == 1 else frac


def _tokenize_names(line: str, lineno: int, source: str | None) -> list[str]:
    """Split a names/title line into quoted strings, or take an unquoted line whole."""
    s = line.strip()
    if not s or s.startswith("#"):
        return []
    if not s.startswith('"'):
        # Unquoted names (some published files) -- the whole line is one name.
        return [_strip_comment(s)] if _strip_comment(s) else []
    out: list[str] = []
    i = _skip_spaces(s, 0)
    while i < len(s) and s[i] != "#":
        if s[i] != '"':
            raise BallotFormatError(
                f"unexpected text {s[i:]!r} after a quoted name", line=lineno, source=source
            )
        name, i = _read_quoted(s, i + 1, lineno, source)
        out.append(name)
        i = _skip_spaces(s, i)
    return out


def _skip_spaces(s: str, i: int) -> int:
    while i < len(s) and s[i].isspace():
        i += 1
    return i


def _read_quoted(s: str, i: int, lineno: int, source: str | None) -> tuple[str, int]:
    """The quoted name starting just after the opening quote at ``i`` (``\\`` escapes the next
    character), and the index just after its closing quote."""
    buf: list[str] = []
    n = len(s)
    while i < n:
        ch = s[i]
        if ch == "\\" and i + 1 < n:
            buf.append(s[i + 1])
            i += 2
        elif ch == '"':
            return "".join(buf), i + 1
        else:
            buf.append(ch)
            i += 1
    raise BallotFormatError("unterminated quoted name", line=lineno, source=source)


class _Cursor:
    """The lines of a .blt file and the index of the next one to read, shared by the readers
    of its sections (each reader moves ``at`` past what it consumed)."""

    __slots__ = ("lines", "source", "at")

    def __init__(self, lines: list[str], source: str | None) -> None:
        self.lines = lines
        self.source = source
        self.at = 0

    def error(self, message: str, *, line: int | None = None) -> BallotFormatError:
        """A refusal naming ``line`` (1-based), or no line when ``None``."""
        return BallotFormatError(message, line=line, source=self.source)

    def error_at(self, line: int):
        """A callable making refusals that name ``line`` (what the token readers take)."""
        return lambda message: self.error(message, line=line)

    def next_content(self) -> str | None:
        """Move past blank and comment-only lines; the next line without its comment, or
        ``None`` at the end of the file (``at`` then stays on that line)."""
        while self.at < len(self.lines):
            text = _strip_comment(self.lines[self.at])
            if text:
                return text
            self.at += 1
        return None


class _Options:
    """What the lines between the header and the ballots declare: withdrawn candidates (the
    ``-k`` line, and Droop's ``[withdrawn]``, read once the nicknames are known) and Droop's
    ``[nick]`` names."""

    __slots__ = ("withdrawn", "nicks", "pending_withdrawn")

    def __init__(self) -> None:
        self.withdrawn: set[int] = set()
        self.nicks: dict[str, int] = {}
        self.pending_withdrawn: list[tuple[str, int]] = []


def parse_blt(text: str, *, source: str | None = None) -> Election:
    """Parse .blt text into a grouped :class:`Election`.

    Raises :class:`BallotFormatError` with the line number and the problem on bad input.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    cursor = _Cursor(text.splitlines(), source)
    ncand, seats = _read_header(cursor)
    options = _read_options(cursor, ncand)
    totals, end = _read_ballots(cursor, ncand, options.nicks)
    names, title = _read_names_and_title(cursor, ncand, end)
    ballots = group_ballots(Ballot(w, r) for r, w in totals.items())
    return Election(
        candidates=names,
        seats=seats,
        ballots=ballots,
        withdrawn=frozenset(options.withdrawn),
        title=title,
    )


def _read_header(cursor: _Cursor) -> tuple[int, int]:
    """``<candidates> <seats>``, the first line with content."""
    head_text = cursor.next_content()
    if head_text is None:
        raise cursor.error("empty file: expected '<candidates> <seats>'")
    lineno = cursor.at + 1
    head = head_text.split()
    if len(head) != 2 or not all(t.isdigit() for t in head):
        raise cursor.error(
            f"expected '<candidates> <seats>', found {cursor.lines[cursor.at].strip()!r}",
            line=lineno,
        )
    ncand, seats = int(head[0]), int(head[1])
    if ncand < 1:
        raise cursor.error("the number of candidates must be at least 1", line=lineno)
    if seats < 1:
        raise cursor.error("the number of seats must be at least 1", line=lineno)
    cursor.at += 1
    return ncand, seats


def _read_options(cursor: _Cursor, ncand: int) -> _Options:
    """The withdrawn line(s) and Droop-style ``[option]`` lines before the first ballot."""
    options = _Options()
    while (line := cursor.next_content()) is not None:
        if line.startswith("-"):
            _read_withdrawn_line(cursor, line, ncand, options)
        elif line.startswith("["):
            _read_option_line(cursor, line, ncand, options)
        else:
            break
        cursor.at += 1
    for tok, lineno in options.pending_withdrawn:
        options.withdrawn.add(_candidate_token(tok, ncand, options.nicks, cursor.error_at(lineno)))
    return options


def _read_withdrawn_line(cursor: _Cursor, line: str, ncand: int, options: _Options) -> None:
    """``-2 -5``: withdrawn candidates by (1-based) number."""
    lineno = cursor.at + 1
    for tok in line.split():
        if not (tok.startswith("-") and tok[1:].isdigit()):
            raise cursor.error(f"withdrawn line: {tok!r} is not -<candidate number>", line=lineno)
        k = int(tok[1:])
        if not 1 <= k <= ncand:
            raise cursor.error(f"withdrawn candidate {k} out of range 1..{ncand}", line=lineno)
        options.withdrawn.add(k - 1)


def _read_option_line(cursor: _Cursor, line: str, ncand: int, options: _Options) -> None:
    """``[nick a b c]``, ``[withdrawn b]`` or ``[tie …]`` (Droop's options)."""
    lineno = cursor.at + 1
    if not line.endswith("]"):
        raise cursor.error("option line must end with ']'", line=lineno)
    parts = line[1:-1].split()
    if not parts:
        raise cursor.error("empty option line", line=lineno)
    key, args = parts[0].lower(), parts[1:]
    if key == "nick":
        if len(args) != ncand:
            raise cursor.error(
                f"[nick] lists {len(args)} names for {ncand} candidates", line=lineno
            )
        options.nicks = {a: k for k, a in enumerate(args)}
    elif key == "withdrawn":
        options.pending_withdrawn.extend((a, lineno) for a in args)
    elif key != "tie":  # a file's own tie order is ignored: ties are drawn by the recorded seed
        raise cursor.error(f"unknown option [{parts[0]}]", line=lineno)


def _ballot_lines(cursor: _Cursor) -> tuple[int, Counter]:
    """Where the ballots end (the index of the ``0`` line) and how often each raw ballot line
    occurs before it."""
    lines, start = cursor.lines, cursor.at
    try:
        end = lines.index("0", start)
    except ValueError:
        end = -1
    # A variant end marker ("0 " or "0 # end") may come before a bare "0": look for it.
    counts = Counter(lines[start:end] if end >= 0 else lines[start:])
    variant = [raw for raw in counts if raw != "0" and _strip_comment(raw) == "0"]
    if not variant and end >= 0:
        return end, counts
    end = next((j for j in range(start, len(lines)) if _strip_comment(lines[j]) == "0"), -1)
    if end < 0:
        # Name the last line: a file cut short (a truncated upload) is the usual cause.
        raise cursor.error(
            "no end-of-ballots line ('0') found: the file ends before its ballots do "
            "(is it cut short?)",
            line=len(lines),
        )
    return end, Counter(lines[start:end])


def _read_ballots(
    cursor: _Cursor, ncand: int, nicks: dict[str, int]
) -> tuple[dict[tuple[int, ...], Weight], int]:
    """Total weight per ranking, and the index of the end-of-ballots line. Each distinct raw
    line is parsed once (a large file repeats its lines); a refusal names its first line."""
    start = cursor.at
    end, counts = _ballot_lines(cursor)
    block = cursor.lines[start:end]
    totals: dict[tuple[int, ...], Weight] = {}
    for raw, times in counts.items():
        parsed = _read_ballot_line(
            raw, ncand, nicks, lambda raw=raw: start + block.index(raw) + 1, cursor
        )
        if parsed is not None:
            ranking, weight = parsed
            totals[ranking] = totals.get(ranking, 0) + weight * times
    cursor.at = end + 1
    return totals, end


def _read_ballot_line(raw: str, ncand: int, nicks: dict[str, int], lineno, cursor: _Cursor):
    """``<weight> <c1> <c2> … 0`` (optionally after a Droop ballot id ``(id)``) as
    ``(ranking, weight)``; ``None`` for a line with nothing on it. ``lineno()`` finds the line
    number, only when a refusal needs it."""
    toks = (_strip_comment(raw) if "#" in raw else raw).split()
    if toks and toks[0].startswith("(") and toks[0].endswith(")"):
        toks = toks[1:]  # Droop allows a ballot id "(id)" before the weight
    if not toks:
        return None

    def err(msg: str) -> BallotFormatError:
        return cursor.error(msg, line=lineno())

    if len(toks) < 2 or toks[-1] != "0":
        raise err(f"ballot line must be '<weight> <candidates...> 0', found {raw.strip()!r}")
    weight = _parse_weight(toks[0], err)
    ranking: list[int] = []
    for tok in toks[1:-1]:
        k = _candidate_token(tok, ncand, nicks, err)
        if k in ranking:
            raise err(f"candidate {tok} is ranked twice")
        ranking.append(k)
    return tuple(ranking), weight


def _read_names_and_title(cursor: _Cursor, ncand: int, end: int) -> tuple[tuple[str, ...], str]:
    """The candidates' names, then the title; anything after the title (some files carry a
    source note there) is ignored."""
    tokens, unquoted = _name_tokens(cursor)
    _check_name_count(cursor, tokens, ncand, end)
    for name, lineno in tokens[: ncand + 1]:
        if lineno in unquoted and _looks_like_a_ballot(name):
            raise cursor.error(
                f"{name!r} looks like a ballot line, not a name: is there an extra '0' line "
                "ending the ballots early?",
                line=lineno,
            )
    # Runs of spaces in published names are typing accidents ("Ellen   Hurcombe"): collapse them.
    tokens = [(" ".join(t.split()), ln) for t, ln in tokens]
    _check_distinct_names(cursor, tokens[:ncand])
    return tuple(t for t, _ in tokens[:ncand]), tokens[ncand][0]


def _name_tokens(cursor: _Cursor) -> tuple[list[tuple[str, int]], set[int]]:
    """Every name after the ballots with its line number, and the lines whose name was not
    in quotes."""
    tokens: list[tuple[str, int]] = []
    unquoted: set[int] = set()
    for j in range(cursor.at, len(cursor.lines)):
        line = cursor.lines[j]
        tokens.extend((name, j + 1) for name in _tokenize_names(line, j + 1, cursor.source))
        if not line.lstrip().startswith('"'):
            unquoted.add(j + 1)
    return tokens, unquoted


def _check_name_count(cursor: _Cursor, tokens: list[tuple[str, int]], ncand: int, end: int) -> None:
    """The names must be exactly what the header declares, then the title.

    A file whose header says 12 candidates but that lists 11 names would otherwise be counted
    with its title as a twelfth candidate (other counters refuse it too), so the title is
    required: it is what tells "one name short" from "all names, no title"."""
    if len(tokens) < ncand:
        raise cursor.error(
            f"the header declares {ncand} candidates but {len(tokens)} names follow the ballots "
            f"(expected {ncand} names, then the election's title)",
            line=tokens[-1][1] if tokens else end + 1,
        )
    if len(tokens) == ncand:
        last, lineno = tokens[-1]
        raise cursor.error(
            f"the header declares {ncand} candidates, so {last!r} would be candidate {ncand} and "
            f"the file has no title: a name is missing or the header's count is wrong "
            f"(expected {ncand} names, then the election's title)",
            line=lineno,
        )


def _check_distinct_names(cursor: _Cursor, named: list[tuple[str, int]]) -> None:
    seen: set[str] = set()
    for name, lineno in named:
        if not name.strip():
            raise cursor.error("empty candidate name", line=lineno)
        if name in seen:
            raise cursor.error(f"duplicate candidate name {name!r}", line=lineno)
        seen.add(name)


def _looks_like_a_ballot(text: str) -> bool:
    """An unquoted "name" such as ``1 3 2 0``: numbers ending in 0, as a ballot line is."""
    parts = text.split()
    return len(parts) >= 2 and parts[-1] == "0" and all(p.isdigit() for p in parts)


def _candidate_token(tok: str, ncand: int, nicks: dict[str, int], err) -> int:
    if tok.isdigit():
        k = int(tok)
        if not 1 <= k <= ncand:
            if k == 0:
                raise err("'0' in the middle of a ballot (0 must end the line)")
            raise err(f"candidate number {k} out of range 1..{ncand}")
        return k - 1
    if "=" in tok:
        raise err(f"equal rankings ({tok}) are not supported: rank candidates one after another")
    if tok == "-":
        raise err("skipped preference '-' is not supported")
    if tok in nicks:
        return nicks[tok]
    raise err(f"{tok!r} is not a candidate number or nickname")


def read_blt(path: str | Path) -> Election:
    """Read a .blt file (UTF-8). Errors name the file and line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BallotFormatError(f"not UTF-8 text ({exc.reason})", source=str(p)) from None
    except OSError as exc:
        raise BallotFormatError(f"cannot read file: {exc.strerror}", source=str(p)) from None
    return parse_blt(text, source=str(p))


def format_weight(weight: Weight) -> str:
    """Render a ballot weight as an exact decimal (a weight like 1/3 cannot be written)."""
    frac = Fraction(weight)
    if frac.denominator == 1:
        return str(frac.numerator)
    places = next((p for p in range(31) if 10**p % frac.denominator == 0), None)
    if places is None:
        raise ValueError(f"weight {weight} has no exact decimal form")
    scaled = frac * 10**places
    whole, rest = divmod(scaled.numerator, 10**places)
    return f"{whole}.{rest:0{places}d}".rstrip("0").rstrip(".")


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_blt(election: Election) -> str:
    """Render an election as .blt text, grouped by ranking and sorted (never in casting order)."""
    out = [f"{len(election.candidates)} {election.seats}"]
    if election.withdrawn:
        out.append(" ".join(f"-{k + 1}" for k in sorted(election.withdrawn)))
    for b in group_ballots(election.ballots):
        out.append(" ".join([format_weight(b.weight), *(str(k + 1) for k in b.ranking), "0"]))
    out.append("0")
    out.extend(_quote(n) for n in election.candidates)
    out.append(_quote(election.title))
    return "\n".join(out) + "\n"
