"""The whole dashboard: every panel, in the article's order, from one fetch of the facts."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.health.metrics.status import Status
from orgkit.health.panel_roles import decades_panel, stepping_down_panel
from orgkit.health.panel_votes import notice_panel, proportionality_panel, protests_panel
from orgkit.health.panels import Facts, Panel, missing, not_measured


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
        missing(
            "b",
            "decisions",
            _("Removals of elected holders, and whether each had a recorded decision."),
            _("The share of removals of elected holders that followed a recorded decision."),
        ),
        missing(
            "c",
            "decisions",
            _("Minority reports published on time (%), and the median delay."),
            _("Minority reports published by their deadline, over all that were due."),
        ),
        notice_panel(facts, slug),
        proportionality_panel(facts, slug),
        not_measured(
            "f",
            _(
                "Whether a rule is applied to one side only is a judgement no count can make; "
                "the log every member reads is the safeguard."
            ),
        ),
        stepping_down_panel(facts, slug),
        protests_panel(facts, slug),
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
        missing(
            "k",
            "decisions",
            _("Expulsions, and whether each had a recorded decision and a heard appeal."),
            _("The share of expulsions decided on the record and open to appeal."),
        ),
        decades_panel(facts, slug),
        missing(
            "skills",
            "skills",
            _("Bus factor per role, and coordinators who taught nobody."),
            _(
                "The bus factor of a role is how many members could do it tomorrow; a coordinator "
                "who taught nobody in their term is counted."
            ),
        ),
    ]


def status_counts(panels: list[Panel]) -> dict[str, int]:
    counts = Counter(p.status for p in panels)
    return {status.value.replace("-", "_"): counts.get(status, 0) for status in Status}
