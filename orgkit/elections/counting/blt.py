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
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "#":
            break
        if ch != '"':
            raise BallotFormatError(f"unexpected text {s[i:]!r} after a quoted name", line=lineno, source=source)
        i += 1
        buf = []
        while True:
            if i >= n:
                raise BallotFormatError("unterminated quoted name", line=lineno, source=source)
            ch = s[i]
            if ch == "\\" and i + 1 < n:
                buf.append(s[i + 1])
                i += 2
                continue
            if ch == '"':
                i += 1
                break
            buf.append(ch)
            i += 1
        out.append("".join(buf))
    return out


def parse_blt(text: str, *, source: str | None = None) -> Election:
    """Parse .blt text into a grouped :class:`Election`.

    Raises :class:`BallotFormatError` with the line number and the problem on bad input.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines()
    nlines = len(lines)

    def err_at(lineno: int):
        def make(msg: str) -> BallotFormatError:
            return BallotFormatError(msg, line=lineno, source=source)

        return make

    # --- header -------------------------------------------------------------------------
    i = 0
    while i < nlines and not _strip_comment(lines[i]):
        i += 1
    if i >= nlines:
        raise BallotFormatError("empty file: expected '<candidates> <seats>'", source=source)
    head = _strip_comment(lines[i]).split()
    if len(head) != 2 or not all(t.isdigit() for t in head):
        raise BallotFormatError(
            f"expected '<candidates> <seats>', found {lines[i].strip()!r}", line=i + 1, source=source
        )
    ncand, seats = int(head[0]), int(head[1])
    if ncand < 1:
        raise BallotFormatError("the number of candidates must be at least 1", line=i + 1, source=source)
    if seats < 1:
        raise BallotFormatError("the number of seats must be at least 1", line=i + 1, source=source)
    i += 1

    # --- options: withdrawn line and Droop-style [options] ---------------------------------
    withdrawn: set[int] = set()
    nicks: dict[str, int] = {}
    pending_withdrawn: list[tuple[str, int]] = []
    while i < nlines:
        s = _strip_comment(lines[i])
        if not s:
            i += 1
            continue
        if s.startswith("-"):
            for tok in s.split():
                if not (tok.startswith("-") and tok[1:].isdigit()):
                    raise BallotFormatError(f"withdrawn line: {tok!r} is not -<candidate number>", line=i + 1, source=source)
                k = int(tok[1:])
                if not 1 <= k <= ncand:
                    raise BallotFormatError(f"withdrawn candidate {k} out of range 1..{ncand}", line=i + 1, source=source)
                withdrawn.add(k - 1)
            i += 1
            continue
        if s.startswith("["):
            if not s.endswith("]"):
                raise BallotFormatError("option line must end with ']'", line=i + 1, source=source)
            parts = s[1:-1].split()
            if not parts:
                raise BallotFormatError("empty option line", line=i + 1, source=source)
            key, args = parts[0].lower(), parts[1:]
            if key == "nick":
                if len(args) != ncand:
                    raise BallotFormatError(f"[nick] lists {len(args)} names for {ncand} candidates", line=i + 1, source=source)
                nicks = {a: k for k, a in enumerate(args)}
            elif key == "withdrawn":
                pending_withdrawn.extend((a, i + 1) for a in args)
            elif key == "tie":
                pass  # a file's own tie order is ignored: ties are drawn by the recorded seed
            else:
                raise BallotFormatError(f"unknown option [{parts[0]}]", line=i + 1, source=source)
            i += 1
            continue
        break
    for tok, lineno in pending_withdrawn:
        k = _candidate_token(tok, ncand, nicks, err_at(lineno))
        withdrawn.add(k)

    # --- ballots -------------------------------------------------------------------------
    start = i
    try:
        end = lines.index("0", start)
    except ValueError:
        end = -1
    # A variant end marker ("0 " or "0 # end") may come before a bare "0": look for it.
    counts = Counter(lines[start:end] if end >= 0 else lines[start:])
    variant = [raw for raw in counts if raw != "0" and _strip_comment(raw) == "0"]
    if variant or end < 0:
        end = -1
        for j in range(start, nlines):
            if _strip_comment(lines[j]) == "0":
                end = j
                break
        if end < 0:
            raise BallotFormatError("no end-of-ballots line ('0') found", source=source)
        counts = Counter(lines[start:end])

    totals: dict[tuple[int, ...], Weight] = {}
    for raw, times in counts.items():
        s = raw
        if "#" in s:
            s = _strip_comment(s)
        toks = s.split()
        if not toks:
            continue
        if toks[0].startswith("(") and toks[0].endswith(")"):
            toks = toks[1:]  # Droop allows a ballot id "(id)" before the weight
            if not toks:
                continue

        def err(msg: str, raw=raw) -> BallotFormatError:
            return BallotFormatError(msg, line=start + lines[start:end].index(raw) + 1, source=source)

        if len(toks) < 2 or toks[-1] != "0":
            raise err(f"ballot line must be '<weight> <candidates...> 0', found {raw.strip()!r}")
        weight = _parse_weight(toks[0], err)
        ranking: list[int] = []
        for tok in toks[1:-1]:
            k = _candidate_token(tok, ncand, nicks, err)
            if k in ranking:
                raise err(f"candidate {tok} is ranked twice")
            ranking.append(k)
        key = tuple(ranking)
        totals[key] = totals.get(key, 0) + weight * times

    # --- names and title -----------------------------------------------------------------
    tokens: list[tuple[str, int]] = []
    unquoted: set[int] = set()  # lines whose name was not in quotes
    for j in range(end + 1, nlines):
        for name in _tokenize_names(lines[j], j + 1, source):
            tokens.append((name, j + 1))
        if not lines[j].lstrip().startswith('"'):
            unquoted.add(j + 1)
    # The names must be exactly what the header declares, then the title. A file whose header
    # says 12 candidates but that lists 11 names would otherwise be counted with its title as a
    # twelfth candidate (other counters refuse it too), so the title is required: it is what
    # tells "one name short" from "all names, no title".
    if len(tokens) < ncand:
        raise BallotFormatError(
            f"the header declares {ncand} candidates but {len(tokens)} names follow the ballots "
            f"(expected {ncand} names, then the election's title)",
            line=tokens[-1][1] if tokens else end + 1,
            source=source,
        )
    if len(tokens) == ncand:
        last, lineno = tokens[-1]
        raise BallotFormatError(
            f"the header declares {ncand} candidates, so {last!r} would be candidate {ncand} and "
            f"the file has no title: a name is missing or the header's count is wrong "
            f"(expected {ncand} names, then the election's title)",
            line=lineno,
            source=source,
        )
    for name, lineno in tokens[: ncand + 1]:
        if lineno in unquoted and _looks_like_a_ballot(name):
            raise BallotFormatError(
                f"{name!r} looks like a ballot line, not a name: is there an extra '0' line "
                "ending the ballots early?",
                line=lineno,
                source=source,
            )
    # Runs of spaces in published names are typing accidents ("Ellen   Hurcombe"): collapse them.
    tokens = [(" ".join(t.split()), ln) for t, ln in tokens]
    names = tuple(t for t, _ in tokens[:ncand])
    title = tokens[ncand][0]
    # Anything after the title (some files carry a source note there) is ignored.
    seen: set[str] = set()
    for name, lineno in tokens[:ncand]:
        if not name.strip():
            raise BallotFormatError("empty candidate name", line=lineno, source=source)
        if name in seen:
            raise BallotFormatError(f"duplicate candidate name {name!r}", line=lineno, source=source)
        seen.add(name)

    ballots = group_ballots(Ballot(w, r) for r, w in totals.items())
    return Election(candidates=names, seats=seats, ballots=ballots, withdrawn=frozenset(withdrawn), title=title)


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
