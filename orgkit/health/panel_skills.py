"""The "skills not taught" panel: bus factor per role, and coordinators who taught nobody.

The figures come from the skills app (its coverage and tallies, through ``selectors``): health
re-derives nothing, so the panel and the skills pages always agree.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orgkit.casestudies.tactics import tag_name
from orgkit.health import selectors
from orgkit.health.metrics import skills as sm
from orgkit.health.metrics.status import Status, worst
from orgkit.health.metrics.trend import month_ends
from orgkit.health.panels import YEAR, Facts, Panel, Record, monthly


def _coordinators(facts: Facts, day) -> set[int]:
    """Who held a role on ``day`` (rotation turns are role holdings too)."""
    return {
        h.holding.member
        for h in facts.holdings
        if h.holding.start <= day and (h.holding.end is None or h.holding.end >= day)
    }


def _taught_nobody(facts: Facts, day) -> tuple[set[int], set[int]]:
    coordinators = _coordinators(facts, day)
    if day == facts.today:
        coordinators |= set(facts.rotation_holders)
    teachers = selectors.who_taught(
        facts.sessions, members=sorted(coordinators), since=day - YEAR, until=day
    )
    return coordinators, sm.taught_nobody(coordinators=coordinators, teachers=teachers)


def skills_panel(facts: Facts, slug: str) -> Panel:
    """Skills not taught: roles one absence (or none) from nobody able to hold them, and
    coordinators who taught nobody in the last 12 months."""
    explanation = _(
        "A role's bus factor is how many members of its pool meet every skill it needs (the "
        "skills app's own count): that many absences leave nobody able to hold it. A coordinator "
        "is anyone holding a role today; they taught nobody if no learner signed off a session "
        "they taught in the last 12 months."
    )
    thresholds = _(
        "Alert when a role has a bus factor of 0 or most coordinators taught nobody; watch when "
        "a role has a bus factor of 1 or any coordinator taught nobody; otherwise OK."
    )
    if not facts.roles_bus:
        return Panel(
            "skills",
            tag_name("skills"),
            Status.NO_DATA,
            _("No data: the organization has no roles yet."),
            explanation,
            thresholds,
        )
    able = {r.role_id: r.able for r in facts.roles_bus}
    weak = set(sm.weakest_roles(able, at_most=1))
    rows = sorted(facts.roles_bus, key=lambda r: (r.bus_factor, r.role_name, r.role_id))
    nobody = [r for r in rows if r.role_id in weak and r.bus_factor == 0]
    one = [r for r in rows if r.role_id in weak and r.bus_factor == 1]
    coordinators, idle = _taught_nobody(facts, facts.today)
    bus_status = Status.ALERT if nobody else Status.WATCH if one else Status.OK
    if not coordinators:
        teach_status = Status.NO_DATA
    elif 2 * len(idle) > len(coordinators):
        teach_status = Status.ALERT
    else:
        teach_status = Status.WATCH if idle else Status.OK
    figure = ngettext(
        "%(weak)s of %(n)s role could be left with nobody by one absence or none; "
        "%(idle)s of %(coord)s coordinators taught nobody in 12 months.",
        "%(weak)s of %(n)s roles could be left with nobody by one absence or none; "
        "%(idle)s of %(coord)s coordinators taught nobody in 12 months.",
        len(rows),
    ) % {"weak": len(weak), "n": len(rows), "idle": len(idle), "coord": len(coordinators)}
    names = {h.holding.member: h.member_name for h in facts.holdings} | facts.rotation_holders
    details = [
        _("Bus factor per role: %(list)s.")
        % {
            "list": ", ".join(f"{r.role_name} ({r.body_name}) {r.bus_factor}" for r in rows[:8])
            + (" …" if len(rows) > 8 else "")
        }
    ]
    if idle:
        details.append(
            _("Coordinators who taught nobody: %(names)s.")
            % {"names": ", ".join(sorted(names.get(m, f"#{m}") for m in idle))}
        )
    if facts.open_alerts:
        details.append(
            ngettext(
                "%(n)s succession alert is open.",
                "%(n)s succession alerts are open.",
                facts.open_alerts,
            )
            % {"n": facts.open_alerts}
        )
    records = [
        Record(
            _("Skills for %(role)s (bus factor %(n)s)") % {"role": r.role_name, "n": r.bus_factor},
            reverse("skills:role", args=[slug, r.role_id]),
        )
        for r in (nobody + one)[:5]
    ]
    records.append(Record(_("Roles & bus factor"), reverse("skills:roles", args=[slug])))
    records.append(Record(_("Succession alerts"), reverse("skills:alerts", args=[slug])))
    if idle:
        records.append(Record(_("Teaching log"), reverse("skills:log", args=[slug])))
    return Panel(
        "skills",
        tag_name("skills"),
        worst(bus_status, teach_status),
        figure,
        explanation,
        thresholds,
        details,
        records,
        # Levels have no month-by-month history here, so the trend follows teaching: how many
        # of each month-end's coordinators had taught nobody in the year before it.
        monthly([len(_taught_nobody(facts, day)[1]) for day in month_ends(facts.today)]),
        _("coordinators who taught nobody in the 12 months before each month's end"),
    )
