"""The case-study files: every study complete, its tactics real, its figures in the article.

No database: the catalogue reader is pure. The article is the mission's source text; a figure
that is not in it, or whose quoted context is not in it, fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orgkit.casestudies.catalogue import (
    TACTICS,
    CatalogueError,
    parse_study,
    read_catalogue,
)

ROOT = Path(__file__).resolve().parents[3]
FOLDER = ROOT / "seeds" / "case_studies"
ARTICLE = ROOT / "tests" / "golden" / "article" / "000_c204f55f586b8205.txt"
# The keys are checked against the real registry in the integration tests; here any is fine.
SAFEGUARDS = frozenset(
    {
        "proportional-elections",
        "delegate-apportionment",
        "election-protests",
        "rotating-coordinators",
        "open-audit-log",
        "step-down",
        "minority-reports",
        "appeals",
        "recorded-removals",
        "skill-sharing",
    }
)


def _article() -> str:
    return " ".join(ARTICLE.read_text(encoding="utf-8").split())


STUDIES = read_catalogue(FOLDER, safeguards=SAFEGUARDS)


def test_at_least_ten_studies_with_unique_slugs():
    assert len(STUDIES) >= 10
    assert len({s.slug for s in STUDIES}) == len(STUDIES)


@pytest.mark.parametrize("study", STUDIES, ids=lambda s: s.slug)
def test_every_study_has_every_field(study):
    for name in ("title", "date", "place", "account", "safeguard"):
        assert getattr(study, name).strip(), name
    assert len(study.account.split()) >= 60, "a short account, but an account"
    assert 2 <= len(study.questions) <= 3
    assert study.sources and all(s.text and s.note for s in study.sources)
    assert all(t in TACTICS for t in study.tactics)
    assert study.tactics or study.themes
    assert any("Fitz" in s.text for s in study.sources), "the article is always a source"


@pytest.mark.parametrize("study", STUDIES, ids=lambda s: s.slug)
def test_every_figure_is_in_the_article(study):
    article = _article()
    for figure in study.figures:
        evidence = " ".join(figure.evidence.split())
        assert evidence in article, f"{figure.evidence!r} is not in the article"
        assert re.search(rf"(?<![\w,]){re.escape(figure.value)}(?![\w,])", article), figure.value
        assert figure.value in evidence


@pytest.mark.parametrize("study", STUDIES, ids=lambda s: s.slug)
def test_every_cited_page_is_in_the_articles_notes(study):
    """ "Allen 2015, p. 233" must match a page the article's notes give for Allen."""
    notes = _article().split("Notes 1.", 1)[1]
    for source in study.sources:
        for page in re.findall(r"\b(\d{2,3})\b", source.note.split("(note")[0]):
            assert re.search(rf"\b{page}\b", notes), (study.slug, page)


def test_studies_do_not_copy_the_articles_sentences():
    """Own words: no run of 12 words of the article appears in an account."""
    words = _article().lower().split()
    runs = {" ".join(words[i : i + 12]) for i in range(len(words) - 11)}
    for study in STUDIES:
        mine = " ".join(study.account.lower().split()).split()
        for i in range(len(mine) - 11):
            assert " ".join(mine[i : i + 12]) not in runs, (study.slug, mine[i : i + 12])


def test_a_bad_file_is_refused_with_its_name():
    good = (FOLDER / "10-metalworkers-congress-1922.toml").read_text(encoding="utf-8")
    with pytest.raises(CatalogueError, match="x.toml: unknown tactic"):
        parse_study(
            good.replace('tactics = ["e"]', 'tactics = ["z"]'),
            source="x.toml",
            safeguards=SAFEGUARDS,
        )
    with pytest.raises(CatalogueError, match="2 or 3 discussion questions"):
        parse_study(
            re.sub(r"questions = \[.*?\n\]", "questions = []", good, flags=re.S),
            source="x.toml",
            safeguards=SAFEGUARDS,
        )
    with pytest.raises(CatalogueError, match="not in its evidence"):
        parse_study(
            good.replace('value = "84"', 'value = "85"'), source="x.toml", safeguards=SAFEGUARDS
        )
    with pytest.raises(CatalogueError, match="unknown safeguard"):
        parse_study(good, source="x.toml", safeguards=frozenset())
