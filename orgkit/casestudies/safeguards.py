"""The safeguards a case study can motivate, and where each lives in orgkit.

Plain data: a safeguard names its page by URL name only (``reverse`` at render time), so this
app imports none of the feature apps above it. A safeguard whose app is not installed yet shows
its name with "coming" instead of a link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Safeguard:
    key: str
    title: str
    summary: str
    #: The page where the safeguard is used, by URL name (taking ``org_slug``).
    url_name: str
    #: The Django app that provides it; absent → "coming".
    app: str


SAFEGUARDS: dict[str, Safeguard] = {
    s.key: s
    for s in (
        Safeguard(
            "proportional-elections",
            _("Proportional elections"),
            _(
                "Committees and delegations elected by STV or list PR, shown beside winner-take-all."
            ),
            "elections:list",
            "orgkit.elections",
        ),
        Safeguard(
            "delegate-apportionment",
            _("Delegates shared by branch membership"),
            _("A congress's seats shared among branches in proportion to their members."),
            "elections:apportion",
            "orgkit.elections",
        ),
        Safeguard(
            "election-protests",
            _("Protests answered on the record"),
            _("Any member may protest an election; the answer is recorded beside it."),
            "elections:list",
            "orgkit.elections",
        ),
        Safeguard(
            "rotating-coordinators",
            _("Rotating coordinators"),
            _("Coordinating roles handed on by rota, with term limits and shadow turns."),
            "rotations:list",
            "orgkit.rotations",
        ),
        Safeguard(
            "open-audit-log",
            _("A log every member can read"),
            _("Every change of role, seat and membership is on an append-only log open to all."),
            "org:audit-log",
            "orgkit.organizations",
        ),
        Safeguard(
            "step-down",
            _("Stepping down is never refused"),
            _("An organizer can step down whenever another organizer remains."),
            "org:members",
            "orgkit.organizations",
        ),
        Safeguard(
            "minority-reports",
            _("Minority reports on a deadline"),
            _(
                "A minority's report is published with equal prominence on a date no majority can move."
            ),
            "decisions:index",
            "orgkit.decisions",
        ),
        Safeguard(
            "appeals",
            _("Appeals to a higher body"),
            _("A decision can be appealed to a named higher body, heard within a deadline."),
            "decisions:index",
            "orgkit.decisions",
        ),
        Safeguard(
            "recorded-removals",
            _("Removals only by recorded decision"),
            _(
                "An elected holder leaves office only by a recorded decision of those who elected them."
            ),
            "decisions:offices",
            "orgkit.decisions",
        ),
        Safeguard(
            "skill-sharing",
            _("Skill-sharing log"),
            _("Who taught whom, and who could take over each role tomorrow."),
            "skills:roles",
            "orgkit.skills",
        ),
    )
}

SAFEGUARD_KEYS = frozenset(SAFEGUARDS)


def safeguard_available(safeguard: Safeguard) -> bool:
    """Whether the app that provides ``safeguard`` is installed (so its page can be linked)."""
    return apps.is_installed(safeguard.app)
