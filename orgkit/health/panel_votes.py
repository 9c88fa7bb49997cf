"""Panels from elections: d (notice), e (disproportionality and turnout), h (protests)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orgkit.casestudies.tactics import tag_name
from orgkit.health.metrics import elections as em
from orgkit.health.metrics.status import Status, grade, worst
from orgkit.health.metrics.trend import month_ends
from orgkit.health.panels import (
    ANSWER_WITHIN,
    GALLAGHER,
    MIN_NOTICE,
    TURNOUT,
    YEAR,
    Facts,
    Panel,
    Record,
    end_of,
    monthly,
    num,
    pct,
)

COUNTED = {"counted", "published"}


def _within(moment, day, window=YEAR) -> bool:
    return end_of(day) - window < moment <= end_of(day)


def notice_panel(facts: Facts, slug: str) -> Panel:
    """d: elections held at (or below) their minimum notice in the last 12 months."""
    today = facts.today

    def short(day):
        return [
            e
            for e in facts.elections
            if _within(e.voting_opens_at, day)
            and em.at_minimum_notice(
                em.NoticeFact(e.notice_sent_at, e.voting_opens_at, e.notice_days)
            )
        ]

    held = [e for e in facts.elections if _within(e.voting_opens_at, today)]
    explanation = _(
        "An election counts as held at minimum notice when its notice reached members less than "
        "two days before the minimum it promised, or never went out."
    )
    if not held:
        return Panel(
            "d",
            tag_name("d"),
            Status.NO_DATA,
            _("No data: no elections opened in the last 12 months."),
            explanation,
            details=[_("Meetings moved earlier need the decisions app.")],
            needs="decisions",
        )
    found = short(today)
    status = grade(len(found), watch=MIN_NOTICE[0], alert=MIN_NOTICE[1])
    figure = ngettext(
        "%(n)s of %(total)s elections in the last 12 months opened at minimum notice.",
        "%(n)s of %(total)s elections in the last 12 months opened at minimum notice.",
        len(held),
    ) % {"n": len(found), "total": len(held)}
    return Panel(
        "d",
        tag_name("d"),
        status,
        figure,
        explanation,
        _("OK with none; watch with one; alert with two or more."),
        [_("Meetings moved earlier need the decisions app.")],
        [
            Record(e.title, reverse("elections:detail", args=[slug, e.id]))
            for e in (found or held)[:5]
        ],
        monthly([len(short(day)) for day in month_ends(today)]),
        _("elections at minimum notice in the 12 months before each month's end"),
    )


def _result_gallagher(data: dict) -> float | None:
    """The elected body against first preferences by slate (None without slates)."""
    if data.get("kind") == "slate" and data.get("systems"):
        return em.disproportionality(votes=data["slate_votes"], seats=data["systems"][0]["seats"])
    slates = data.get("slates") or {}
    if slates.get("systems"):
        return em.disproportionality(
            votes=slates["slate_votes"], seats=slates["systems"][0]["seats"]
        )
    return None


def _apportionment_gallagher(row) -> float | None:
    """The congress's seats against the branches' membership."""
    chosen = (row.table.get("methods") or {}).get(row.method) or {}
    if not chosen.get("seats"):
        return None
    return em.disproportionality(votes=row.table.get("votes") or {}, seats=chosen["seats"])


def proportionality_panel(facts: Facts, slug: str) -> Panel:
    """e: Gallagher of elected bodies and of the congress, and turnout."""
    today = facts.today
    measured = [
        (r.at, g, r.title, reverse("elections:results", args=[slug, r.election_id]))
        for r in facts.results
        if (g := _result_gallagher(r.data)) is not None
    ] + [
        (
            a.at,
            g,
            _("Congress seats: %(body)s") % {"body": a.congress},
            reverse("elections:apportionment", args=[slug, a.id]),
        )
        for a in facts.apportionments
        if (g := _apportionment_gallagher(a)) is not None
    ]
    turnouts = [
        (e, em.turnout(voted=e.voted, eligible=e.on_roll))
        for e in facts.elections
        if e.state in COUNTED and _within(e.voting_closes_at, today)
    ]
    turnouts = [(e, t) for e, t in turnouts if t is not None]
    recent = [m for m in measured if _within(m[0], today)]
    explanation = _(
        "The Gallagher index is the square root of half the sum of squared gaps between each "
        "side's share of votes (or of members, for a congress) and its share of seats, in "
        "percentage points; turnout is who voted over who was on the roll."
    )
    if not recent and not turnouts:
        return Panel(
            "e",
            tag_name("e"),
            Status.NO_DATA,
            _("No data: no elections counted or congress seats shared in the last 12 months."),
            explanation,
        )
    statuses, details, records = [], [], []
    figure = ""
    if recent:
        worst_one = max(recent, key=lambda m: m[1])
        statuses.append(grade(worst_one[1], watch=GALLAGHER[0], alert=GALLAGHER[1]))
        figure = _("Highest disproportionality in 12 months: %(g)s (%(what)s).") % {
            "g": num(worst_one[1], 1),
            "what": worst_one[2],
        }
        records += [
            Record(f"{m[2]} — {num(m[1], 1)}", m[3])
            for m in sorted(recent, key=lambda m: -m[1])[:4]
        ]
    if turnouts:
        low_e, low = min(turnouts, key=lambda pair: pair[1])
        statuses.append(grade(low, watch=TURNOUT[0], alert=TURNOUT[1], higher_is_worse=False))
        line = _("Lowest turnout in 12 months: %(t)s (%(title)s).") % {
            "t": pct(low),
            "title": low_e.title,
        }
        if figure:
            details.append(line)
        else:
            figure = line
        records.append(
            Record(
                _("Who voted: %(title)s") % {"title": low_e.title},
                reverse("elections:who-voted", args=[slug, low_e.id]),
            )
        )

    def highest(day):
        values = [m[1] for m in measured if _within(m[0], day)]
        return max(values) if values else None

    return Panel(
        "e",
        tag_name("e"),
        worst(*statuses),
        figure,
        explanation,
        _(
            "Watch from a Gallagher index of %(g1)s or turnout under %(t1)s; alert from %(g2)s or "
            "under %(t2)s."
        )
        % {
            "g1": num(GALLAGHER[0]),
            "g2": num(GALLAGHER[1]),
            "t1": pct(TURNOUT[0]),
            "t2": pct(TURNOUT[1]),
        },
        details,
        records,
        monthly([highest(day) for day in month_ends(today)]),
        _("highest Gallagher index in the 12 months before each month's end"),
    )


def protests_panel(facts: Facts, slug: str) -> Panel:
    """h: were members' protests answered, and in time?"""
    today = facts.today
    explanation = _(
        "Each protest lodged in the last 12 months is answered in time (within %(days)s days), "
        "answered late, overdue (unanswered after %(days)s days) or still waiting."
    ) % {"days": ANSWER_WITHIN.days}
    counted = [
        e for e in facts.elections if e.state in COUNTED and _within(e.voting_closes_at, today)
    ]
    if not counted:
        return Panel(
            "h",
            tag_name("h"),
            Status.NO_DATA,
            _("No data: no elections counted in the last 12 months."),
            explanation,
            details=[_("Appeals need the decisions app.")],
            needs="decisions",
        )

    def summary(day):
        return em.protests_answered(
            [
                em.ProtestFact(
                    p.lodged_at,
                    p.answered_at if p.answered_at and p.answered_at <= end_of(day) else None,
                )
                for p in facts.protests
                if _within(p.lodged_at, day)
            ],
            now=min(end_of(day), facts.now),
            answer_within=ANSWER_WITHIN,
        )

    now = summary(today)
    if now.overdue:
        status = Status.ALERT
    elif now.answered_late:
        status = Status.WATCH
    else:
        status = Status.OK
    figure = ngettext(
        "%(n)s protest lodged in 12 months: %(ok)s answered in time, %(late)s late, %(over)s overdue.",
        "%(n)s protests lodged in 12 months: %(ok)s answered in time, %(late)s late, %(over)s overdue.",
        now.lodged,
    ) % {
        "n": now.lodged,
        "ok": now.answered_in_time,
        "late": now.answered_late,
        "over": now.overdue,
    }
    late_or_open = [
        p
        for p in facts.protests
        if _within(p.lodged_at, today)
        and (p.answered_at is None or p.answered_at - p.lodged_at > ANSWER_WITHIN)
    ]
    seen, records = set(), []
    for p in late_or_open or facts.protests:
        if p.election_id not in seen and _within(p.lodged_at, today):
            seen.add(p.election_id)
            records.append(
                Record(
                    _("Protests: %(title)s") % {"title": p.title},
                    reverse("elections:detail", args=[slug, p.election_id]),
                )
            )
    return Panel(
        "h",
        tag_name("h"),
        status,
        figure,
        explanation,
        _("Alert with any protest overdue; watch with any answered late; otherwise OK."),
        [_("Appeals need the decisions app.")],
        records[:5],
        monthly([summary(day).overdue for day in month_ends(today)]),
        _("overdue protests at each month's end"),
    )
