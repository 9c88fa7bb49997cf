"""Panels from roles: leaders for decades (tenure, spread, Gini) and g (stepping down)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orgkit.casestudies.tactics import tag_name
from orgkit.health.metrics import roles as rm
from orgkit.health.metrics.status import Status, grade, worst
from orgkit.health.metrics.trend import month_ends
from orgkit.health.panels import (
    GINI,
    ROLES_AT_ONCE,
    SHARE_WITH_ROLES,
    TENURE_YEARS,
    YEAR,
    Facts,
    Panel,
    Record,
    monthly,
    num,
    pct,
)


def decades_panel(facts: Facts, slug: str) -> Panel:
    today = facts.today
    holdings = [row.holding for row in facts.holdings]
    longest = rm.longest_tenure(holdings, today=today)
    if longest is None:
        return Panel(
            "decades",
            tag_name("decades"),
            Status.NO_DATA,
            _("No data: nobody has been recorded in a role yet."),
            _(
                "Longest continuous tenure is the longest unbroken time one person has held one role."
            ),
        )
    members = {m.id for m in facts.members if m.member_on(today)}
    years = longest.days / 365.25
    share = rm.share_holding_roles(
        members=members, holdings=holdings, since=today - YEAR, until=today
    )
    at_once = rm.roles_per_person(holdings, on=today)
    most_at_once = max(at_once.values(), default=0)
    gini = rm.gini(
        list(
            rm.role_days(
                members=members, holdings=holdings, since=today - YEAR, until=today
            ).values()
        )
    )
    status = worst(
        grade(years, watch=TENURE_YEARS[0], alert=TENURE_YEARS[1]),
        grade(share, watch=SHARE_WITH_ROLES[0], alert=SHARE_WITH_ROLES[1], higher_is_worse=False)
        if share is not None
        else Status.NO_DATA,
        grade(most_at_once, watch=ROLES_AT_ONCE[0], alert=ROLES_AT_ONCE[1]),
        grade(gini, watch=GINI[0], alert=GINI[1]) if gini is not None else Status.NO_DATA,
    )
    row = next(
        r
        for r in facts.holdings
        if (r.holding.member, r.holding.role) == (longest.member, longest.role)
    )
    figure = _("%(name)s has held %(role)s (%(body)s) for %(years)s years without a break.") % {
        "name": row.member_name,
        "role": row.role_name,
        "body": row.body_name,
        "years": num(years, 1),
    }
    details = _decades_details(
        facts, share=share, most_at_once=most_at_once, gini=gini, longest=longest
    )
    trend = [
        (rm.longest_tenure(holdings, today=day) or rm.Tenure(0, 0, day, day)).days / 365.25
        for day in month_ends(today)
    ]
    records = [
        Record(
            _("%(role)s, %(body)s: who held it") % {"role": row.role_name, "body": row.body_name},
            reverse("org:role-detail", args=[slug, longest.role]),
        ),
        Record(row.member_name, reverse("org:member-detail", args=[slug, longest.member])),
        Record(_("All bodies and roles"), reverse("org:bodies", args=[slug])),
        Record(_("Rotations"), reverse("rotations:list", args=[slug])),
    ]
    return Panel(
        "decades",
        tag_name("decades"),
        status,
        figure,
        _(
            "Longest continuous tenure joins a person's back-to-back terms in one role; the share "
            "counts members who held any role in the last 12 months; the Gini coefficient compares "
            "the days each member spent in roles (0: evenly shared, near 1: one person holds them)."
        ),
        _decades_thresholds(),
        details,
        records,
        monthly(trend),
        _("longest tenure in years, month by month"),
    )


def _decades_details(facts: Facts, *, share, most_at_once: int, gini, longest) -> list[str]:
    """The figures behind the headline: who holds roles, how evenly, and what rotates."""
    details: list[str] = []
    if share is not None:
        details.append(
            _("%(share)s of members held a role in the last 12 months.") % {"share": pct(share)}
        )
    details.append(
        ngettext(
            "The most roles one person holds at once: %(n)s.",
            "The most roles one person holds at once: %(n)s.",
            most_at_once,
        )
        % {"n": most_at_once}
    )
    if gini is not None:
        details.append(_("Gini coefficient of role-holding time: %(g)s.") % {"g": num(gini, 2)})
    rotating = {r.role_id for r in facts.rotations}
    details.append(
        ngettext(
            "%(n)s of %(total)s role rotates.",
            "%(n)s of %(total)s roles rotate.",
            facts.organizers["n_roles"],
        )
        % {"n": len(rotating), "total": facts.organizers["n_roles"]}
    )
    spread = rm.turn_spread(facts.turn_holders)
    if spread.turns:
        details.append(
            _(
                "Rotation turns in the last 12 months: %(turns)s, held by %(holders)s members "
                "(at most %(most)s by one), %(open)s left open."
            )
            % {
                "turns": spread.turns,
                "holders": spread.holders,
                "most": spread.most_by_one,
                "open": spread.open,
            }
        )
    if longest.role not in rotating:
        details.append(_("The longest-held role does not rotate."))
    unlimited = [
        r for r in facts.rotations if r.max_consecutive_terms > 1 and not r.max_terms_per_12_months
    ]
    if unlimited:
        details.append(
            ngettext(
                "%(n)s rotation lets one person serve back-to-back terms with no yearly cap.",
                "%(n)s rotations let one person serve back-to-back terms with no yearly cap.",
                len(unlimited),
            )
            % {"n": len(unlimited)}
        )
    return details


def _decades_thresholds() -> str:
    text = _(
        "Watch from %(w)s years in one role, fewer than %(s1)s of members in roles, %(r1)s roles "
        "at once or a Gini of %(g1)s; alert from %(a)s years, fewer than %(s2)s, %(r2)s roles "
        "or %(g2)s."
    )
    return text % {
        "w": num(TENURE_YEARS[0]),
        "a": num(TENURE_YEARS[1]),
        "s1": pct(SHARE_WITH_ROLES[0]),
        "s2": pct(SHARE_WITH_ROLES[1]),
        "r1": ROLES_AT_ONCE[0],
        "r2": ROLES_AT_ONCE[1],
        "g1": num(GINI[0]),
        "g2": num(GINI[1]),
    }


def stepping_down_panel(facts: Facts, slug: str) -> Panel:
    """g: can people give up a post? An organizer can step down unless they are the last one."""
    organizers, step_downs = facts.organizers["organizers"], facts.organizers["step_downs"]
    status = Status.OK if organizers >= 2 else Status.WATCH
    figure = ngettext(
        "%(n)s organizer: they cannot step down until someone else is made an organizer.",
        "%(n)s organizers: any of them can step down.",
        organizers,
    ) % {"n": organizers}
    return Panel(
        "g",
        tag_name("g"),
        status,
        figure,
        _(
            "orgkit refuses a step-down only when it would leave the group with no organizer, so "
            "a group with a single organizer has someone who cannot resign."
        ),
        _("OK with two or more organizers; watch with one."),
        [
            ngettext(
                "%(n)s step-down recorded in the last 12 months.",
                "%(n)s step-downs recorded in the last 12 months.",
                step_downs,
            )
            % {"n": step_downs}
        ],
        [
            Record(_("Members and organizers"), reverse("org:members", args=[slug])),
            Record(_("The log"), reverse("org:audit-log", args=[slug])),
        ],
    )
