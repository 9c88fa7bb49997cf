"""The whole dashboard: every panel, in the article's order, from one fetch of the facts."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.health.metrics.status import Status
from orgkit.health.panel_decisions import (
    expulsions_panel,
    removals_panel,
    reports_panel,
    with_appeals,
    with_meetings,
)
from orgkit.health.panel_roles import decades_panel, stepping_down_panel
from orgkit.health.panel_skills import skills_panel
from orgkit.health.panel_votes import notice_panel, proportionality_panel, protests_panel
from orgkit.health.panels import Facts, Panel, not_measured


def build_panels(*, organization, today: date, now: datetime | None = None) -> list[Panel]:
    """Panels a–k, then "leaders for decades" and "skills not taught" (``now`` defaults to the
    clock; ``today`` is the organization's date)."""
    facts = Facts.fetch(organization=organization, today=today, now=now or timezone.now())
    slug = organization.slug
    return [
        not_measured(
            "a",
            _(
                "orgkit does not record moving members between branches yet; every seat and role "
                "change is on the open log."
            ),
        ),
        removals_panel(facts, slug),
        reports_panel(facts, slug),
        with_meetings(notice_panel(facts, slug), facts, slug),
        proportionality_panel(facts, slug),
        not_measured(
            "f",
            _(
                "Whether a rule is applied to one side only is a judgement no count can make; "
                "the log every member reads is the safeguard."
            ),
        ),
        stepping_down_panel(facts, slug),
        with_appeals(protests_panel(facts, slug), facts, slug),
        not_measured(
            "i",
            _("orgkit keeps no record of what people say about each other, and should not."),
        ),
        not_measured(
            "j",
            _(
                "orgkit records no surveillance; organizers have no hidden powers, and the log "
                "shows every change to everyone."
            ),
        ),
        expulsions_panel(facts, slug),
        decades_panel(facts, slug),
        skills_panel(facts, slug),
    ]


def status_counts(panels: list[Panel]) -> dict[str, int]:
    counts = Counter(p.status for p in panels)
    return {status.value.replace("-", "_"): counts.get(status, 0) for status in Status}
