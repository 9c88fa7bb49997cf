"""The "why this safeguard" prompts: a short note at a point of action, linking a case study.

Plain data; ``templatetags/casestudies.py`` shows one unless the member dismissed it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Prompt:
    key: str
    study: str  # a case study's slug
    text: str


PROMPTS: dict[str, Prompt] = {
    p.key: p
    for p in (
        Prompt(
            "winner-take-all",
            "metalworkers-congress-1922",
            _(
                "One seat, or one list taking every seat, leaves a large minority with nothing: "
                "in 1922 the Metalworkers' opposition had 84 votes against 99 and got no seats."
            ),
        ),
        Prompt(
            "minimum-notice",
            "shlyapnikov-abroad-1920",
            _(
                "Short notice decides who can come. Before the 9th Congress in 1920 the main "
                "critic was sent abroad, and the congress reversed a key resolution without him."
            ),
        ),
        Prompt(
            "remove-holder",
            "metalworkers-leadership-1921",
            _(
                "Removing someone the members elected needs a recorded reason they can answer: "
                "the Metalworkers' Union voted again and again against removing its leader."
            ),
        ),
        Prompt(
            "minority-window",
            "kollontai-pamphlet-1921",
            _(
                "A minority's view printed too late is a view not heard: in 1921 the opposition's "
                "pamphlet appeared well after the leadership's."
            ),
        ),
        Prompt(
            "no-term-limit",
            "leadership-that-negates-itself",
            _(
                "Without a term limit the same person can hold a role for decades. The history "
                "behind orgkit asks leaders to step aside and teach others to replace them."
            ),
        ),
    )
}
