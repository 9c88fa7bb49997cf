"""Reads for case studies. Case studies are shared by every organization; a member's dismissed
prompts are read within their own organization."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from orgkit.casestudies.catalogue import TACTICS, THEMES
from orgkit.casestudies.models import CaseStudy, PromptDismissal


def case_study_list(*, tactic: str = "", query: str = "") -> QuerySet[CaseStudy]:
    """Case studies in order; ``tactic`` (a–k or a theme) and ``query`` (words) narrow it."""
    studies = CaseStudy.objects.all()
    if tactic in TACTICS or tactic in THEMES:
        studies = studies.filter(tags__contains=f" {tactic} ")
    for word in query.lower().split()[:8]:
        studies = studies.filter(search_text__contains=word)
    return studies


def case_study_get(*, slug: str) -> CaseStudy | None:
    return CaseStudy.objects.filter(slug=slug).first()


def case_studies_for_safeguard(*, safeguard: str) -> QuerySet[CaseStudy]:
    return CaseStudy.objects.filter(safeguard=safeguard)


def studies_by_tactic() -> dict[str, list[CaseStudy]]:
    """Every study under each tactic letter and theme it shows — one query."""
    found: dict[str, list[CaseStudy]] = defaultdict(list)
    for study in CaseStudy.objects.only("slug", "title", "tactics", "themes", "position"):
        for key in [*study.tactics, *study.themes]:
            found[key].append(study)
    return dict(found)


def prompt_dismissed(*, organization, member, key: str) -> bool:
    return PromptDismissal.objects.filter(
        organization=organization, member=member, key=key
    ).exists()
