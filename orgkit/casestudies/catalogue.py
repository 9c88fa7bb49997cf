"""The case-study catalogue as plain data: read and check the files in ``seeds/case_studies/``.

Pure: no Django, no database, no clock. ``services.case_studies_load`` stores what this returns.
A file that breaks a rule is refused with a message naming the file and the field, so a writer
sees at once what to fix.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

#: The tactics the article lists under "How do you strangle an opposition?" (a–k). The article
#: prints the letter j twice; orgkit takes its first j (the secret police) and leaves the second
#: (a remark about Lenin) unlettered.
TACTICS: tuple[str, ...] = tuple("abcdefghijk")

#: The article's closing themes, which its a–k list does not letter.
THEMES: tuple[str, ...] = ("decades", "skills")

MIN_QUESTIONS, MAX_QUESTIONS = 2, 3
REQUIRED = ("slug", "position", "title", "date", "year", "place", "account", "safeguard")


class CatalogueError(ValueError):
    """A case-study file that is not right; ``str()`` names the file and the problem."""


@dataclass(frozen=True)
class Figure:
    value: str
    label: str
    #: A few words of the article around the figure, kept only to check the figure against it.
    evidence: str


@dataclass(frozen=True)
class Source:
    text: str
    note: str


@dataclass(frozen=True)
class Study:
    slug: str
    position: int
    title: str
    date: str
    year: int
    place: str
    account: str
    safeguard: str
    tactics: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    sources: tuple[Source, ...] = ()
    questions: tuple[str, ...] = ()
    replay: str = ""
    extra: dict = field(default_factory=dict)


def parse_study(text: str, *, source: str, safeguards: frozenset[str]) -> Study:
    """One TOML file → a checked :class:`Study`, or :class:`CatalogueError`."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{source}: not valid TOML ({exc})") from None
    for key in REQUIRED:
        if raw.get(key) in (None, ""):
            raise CatalogueError(f"{source}: {key} is missing")
    tactics, themes, questions = _checked_labels(raw, source=source, safeguards=safeguards)
    figures, sources = _checked_evidence(raw, source=source)
    known = {*REQUIRED, "tactics", "themes", "figures", "sources", "questions", "replay"}
    return Study(
        slug=str(raw["slug"]),
        position=int(raw["position"]),
        title=str(raw["title"]),
        date=str(raw["date"]),
        year=int(raw["year"]),
        place=str(raw["place"]),
        account=str(raw["account"]).strip(),
        safeguard=str(raw["safeguard"]),
        tactics=tactics,
        themes=themes,
        figures=figures,
        sources=sources,
        questions=questions,
        replay=str(raw.get("replay", "")),
        extra={k: v for k, v in raw.items() if k not in known},
    )


def _checked_labels(
    raw: dict, *, source: str, safeguards: frozenset[str]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The study's tactics, themes and questions, each known, and its safeguard a real one."""
    tactics = tuple(raw.get("tactics", ()))
    themes = tuple(raw.get("themes", ()))
    bad = [t for t in tactics if t not in TACTICS] + [t for t in themes if t not in THEMES]
    if bad:
        raise CatalogueError(f"{source}: unknown tactic or theme {bad[0]!r}")
    if not tactics and not themes:
        raise CatalogueError(f"{source}: name at least one tactic (a–k) or theme")
    if raw["safeguard"] not in safeguards:
        raise CatalogueError(f"{source}: unknown safeguard {raw['safeguard']!r}")
    questions = tuple(raw.get("questions", ()))
    if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        raise CatalogueError(f"{source}: give 2 or 3 discussion questions")
    return tactics, themes, questions


def _checked_evidence(raw: dict, *, source: str) -> tuple[tuple[Figure, ...], tuple[Source, ...]]:
    """The figures (each found in its own evidence) and at least one source."""
    try:
        figures = tuple(
            Figure(value=f["value"], label=f["label"], evidence=f["evidence"])
            for f in raw.get("figures", ())
        )
        sources = tuple(Source(text=s["text"], note=s["note"]) for s in raw.get("sources", ()))
    except (KeyError, TypeError) as exc:
        raise CatalogueError(f"{source}: a figure or source lacks {exc}") from None
    if not sources:
        raise CatalogueError(f"{source}: name the sources")
    for fig in figures:
        if fig.value not in fig.evidence:
            raise CatalogueError(f"{source}: figure {fig.value!r} is not in its evidence")
    return figures, sources


def read_catalogue(folder: Path, *, safeguards: frozenset[str]) -> list[Study]:
    """Every ``*.toml`` in ``folder``, checked, in ``position`` order; slugs must be unique."""
    studies = [
        parse_study(path.read_text(encoding="utf-8"), source=path.name, safeguards=safeguards)
        for path in sorted(folder.glob("*.toml"))
    ]
    slugs = [s.slug for s in studies]
    duplicates = {s for s in slugs if slugs.count(s) > 1}
    if duplicates:
        raise CatalogueError(f"slug used twice: {sorted(duplicates)[0]}")
    return sorted(studies, key=lambda s: (s.position, s.slug))
