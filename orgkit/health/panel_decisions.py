"""Panels from decisions: b (removals), c (minority reports), k (expulsions), and the
meetings and appeals parts of d and h."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orgkit.casestudies.tactics import tag_name
from orgkit.health.metrics import decisions as dm
from orgkit.health.metrics.status import Status, grade, worst
from orgkit.health.metrics.trend import month_ends
from orgkit.health.panels import MIN_NOTICE, YEAR, Facts, Panel, Record, end_of, monthly, pct

#: Minority reports: any late is a watch; this share on time or less is an alert.
REPORTS_ALERT_AT = 0.5


def _within(moment, day) -> bool:
    return end_of(day) - YEAR < moment <= end_of(day)


def _motion(slug: str, motion_id: int) -> str:
    return reverse("decisions:motion", args=[slug, motion_id])


def removals_panel(facts: Facts, slug: str) -> Panel:
    """b: elected holders removed in 12 months, and whether each had a recorded decision."""
    explanation = _(
        "A removal is an elected holder's term ended by someone else (not a resignation), from "
        "the log; it had a recorded decision when it was carried out by a removal motion."
    )
    thresholds = _(
        "Alert with any removal without a recorded decision; watch with any removal by "
        "decision; OK with none."
    )

    def removals(day):
        return [e for e in facts.elected_endings if e.why != "resigned" and _within(e.at, day)]

    now = removals(facts.today)
    flags = [e.why.startswith("decision ") for e in now]
    share = dm.share_with_decision(flags)
    without = flags.count(False)
    if not now:
        status = Status.OK
        figure = _("No elected holder was removed in the last 12 months.")
    else:
        status = Status.ALERT if without else Status.WATCH
        figure = ngettext(
            "%(n)s elected holder removed in 12 months; %(share)s with a recorded decision.",
            "%(n)s elected holders removed in 12 months; %(share)s with a recorded decision.",
            len(now),
        ) % {"n": len(now), "share": pct(share)}
    details = [
        _("%(name)s from %(role)s on %(on)s: %(how)s")
        % {
            "name": e.member_name,
            "role": e.role_name,
            "on": e.on.isoformat(),
            "how": _("by recorded decision") if e.why.startswith("decision ") else _("no decision"),
        }
        for e in now[:8]
    ]
    records = []
    for e in now[:5]:
        motion = e.why.removeprefix("decision ")
        if e.why.startswith("decision ") and motion.isdigit():
            records.append(
                Record(_("Decision: %(role)s") % {"role": e.role_name}, _motion(slug, int(motion)))
            )
        else:
            records.append(
                Record(
                    _("Holders of %(role)s") % {"role": e.role_name},
                    reverse("org:role-detail", args=[slug, e.role_id]),
                )
            )
    return Panel(
        "b",
        tag_name("b"),
        status,
        figure,
        explanation,
        thresholds,
        details,
        records,
        monthly([len(removals(day)) for day in month_ends(facts.today)]),
        _("removals of elected holders in the 12 months before each month's end"),
    )


def reports_panel(facts: Facts, slug: str) -> Panel:
    """c: minority reports published by their window's deadline, and the median delay."""
    explanation = _(
        "A minority report is on time when it was published by the day its decision's "
        "minority-report window closed; the delay of the others is counted in days (to today "
        "while still unpublished)."
    )
    thresholds = _("OK with all on time; watch with any late; alert with half or more late.")

    def summary(day):
        return dm.on_time(
            [
                dm.Deadline(
                    r.due, r.published_on if r.published_on and r.published_on <= day else None
                )
                for r in facts.reports
                if day - YEAR < r.due <= day
            ],
            today=day,
        )

    now = summary(facts.today)
    if not now.total:
        return Panel(
            "c",
            tag_name("c"),
            Status.NO_DATA,
            _("No data: no minority report was due in the last 12 months."),
            explanation,
            thresholds,
            records=[Record(_("Decisions"), reverse("decisions:index", args=[slug]))],
        )
    share = now.share_on_time
    status = (
        Status.OK if share >= 1 else Status.ALERT if share <= REPORTS_ALERT_AT else Status.WATCH
    )
    figure = ngettext(
        "%(ok)s of %(n)s minority report due in 12 months published on time (%(share)s).",
        "%(ok)s of %(n)s minority reports due in 12 months published on time (%(share)s).",
        now.total,
    ) % {"ok": now.on_time, "n": now.total, "share": pct(share)}
    details = []
    if now.median_delay_days is not None:
        details.append(
            _("Median delay of the late ones: %(days)s days.")
            % {"days": f"{now.median_delay_days:g}"}
        )
    recent = [r for r in facts.reports if facts.today - YEAR < r.due <= facts.today]
    late = [r for r in recent if r.published_on is None or r.published_on > r.due]
    seen, records = set(), []
    for r in late or recent:
        if r.motion_id not in seen:
            seen.add(r.motion_id)
            records.append(Record(r.title, _motion(slug, r.motion_id)))
    return Panel(
        "c",
        tag_name("c"),
        status,
        figure,
        explanation,
        thresholds,
        details,
        records[:5],
        monthly(
            [
                None if (s := summary(day)).share_on_time is None else 100 * s.share_on_time
                for day in month_ends(facts.today)
            ]
        ),
        _("% of minority reports on time in the 12 months before each month's end"),
    )


def meeting_figures(facts: Facts, day) -> tuple[list, int, int]:
    """The meetings of the 12 months to ``day``: (them, moved earlier, at minimum notice or by
    emergency decision)."""
    held = [m for m in facts.meetings if _within(m.starts_at, day)]
    moved, minimum = dm.meetings_moved_earlier(
        dm.MeetingFact(
            first_date=timezone.localdate(m.first_starts_at),
            held_on=timezone.localdate(m.starts_at),
            notice_days=(m.starts_at - m.called_at).days,
            minimum_notice_days=m.notice_days,
        )
        for m in held
    )
    return held, moved, minimum


def meeting_records(facts: Facts, slug: str) -> list[Record]:
    held, _moved, _minimum = meeting_figures(facts, facts.today)
    short = [
        m
        for m in held
        if m.emergency
        or m.starts_at < m.first_starts_at
        or (m.starts_at - m.called_at).days <= m.notice_days
    ]
    return [
        Record(
            _("Meeting: %(title)s") % {"title": m.title},
            reverse("decisions:meeting", args=[slug, m.id]),
        )
        for m in short[:5]
    ]


def appeal_summary(facts: Facts, day) -> dm.OnTime:
    return dm.on_time(
        [
            dm.Deadline(a.hear_by, a.heard_on if a.heard_on and a.heard_on <= day else None)
            for a in facts.appeals
            if _within(a.filed_at, day)
        ],
        today=day,
    )


def appeal_records(facts: Facts, slug: str) -> list[Record]:
    late = [
        a
        for a in facts.appeals
        if _within(a.filed_at, facts.today) and (a.heard_on or facts.today) > a.hear_by
    ]
    return [
        Record(_("Appeal: %(title)s") % {"title": a.title}, _motion(slug, a.motion_id))
        for a in (late or [a for a in facts.appeals if _within(a.filed_at, facts.today)])[:5]
    ]


def expulsions_panel(facts: Facts, slug: str) -> Panel:
    """k: expulsions in 12 months, each by a recorded decision, and their appeals."""
    explanation = _(
        "Expulsions are expulsion motions that carried — orgkit lets no one end another "
        "member's membership any other way — and each is open to appeal to the body above."
    )
    thresholds = _(
        "Watch with any expulsion in 12 months (each deserves a look at its record and "
        "appeal); alert when an appeal against one is past its hearing deadline; OK with none."
    )

    def expulsions(day):
        return [a for a in facts.actions if a.action == "expel" and _within(a.decided_at, day)]

    now = expulsions(facts.today)
    expelled = {a.motion_id for a in now}
    appeals = [a for a in facts.appeals if a.motion_id in expelled]
    overdue = [a for a in appeals if a.heard_on is None and a.hear_by < facts.today]
    share = dm.share_with_decision([True] * len(now))
    if not now:
        status, figure = Status.OK, _("No member was expelled in the last 12 months.")
    else:
        status = Status.ALERT if overdue else Status.WATCH
        figure = ngettext(
            "%(n)s member expelled in 12 months, %(share)s by a recorded decision; %(appeals)s appealed.",
            "%(n)s members expelled in 12 months, %(share)s by a recorded decision; %(appeals)s appealed.",
            len(now),
        ) % {"n": len(now), "share": pct(share), "appeals": len({a.motion_id for a in appeals})}
    return Panel(
        "k",
        tag_name("k"),
        status,
        figure,
        explanation,
        thresholds,
        [],
        [Record(a.title, _motion(slug, a.motion_id)) for a in now[:5]],
        monthly([len(expulsions(day)) for day in month_ends(facts.today)]),
        _("expulsions in the 12 months before each month's end"),
    )


def _drop(details: list[str], line) -> list[str]:
    return [d for d in details if d != str(line)]


def with_meetings(panel: Panel, facts: Facts, slug: str) -> Panel:
    """d, completed: meetings of the decisions app moved earlier than first called, or held at
    no more than their body's notice period (emergency meetings among them)."""
    panel.details = _drop(panel.details, _("Meetings moved earlier need the decisions app."))
    panel.needs = ""

    def flagged(day):
        held, _m, _n = meeting_figures(facts, day)
        return [
            m
            for m in held
            if m.emergency
            or timezone.localdate(m.starts_at) < timezone.localdate(m.first_starts_at)
            or (m.starts_at - m.called_at).days <= m.notice_days
        ]

    held, moved, minimum = meeting_figures(facts, facts.today)
    emergency = sum(m.emergency for m in held)
    if not held:
        panel.details.append(_("No meetings in the last 12 months."))
        return panel
    short = flagged(facts.today)
    sentence = _(
        "Meetings in 12 months: %(n)s; %(moved)s moved earlier than first called, %(min)s at "
        "the minimum notice or less, %(emergency)s by emergency decision."
    ) % {"n": len(held), "moved": moved, "min": minimum, "emergency": emergency}
    meetings_status = grade(len(short), watch=MIN_NOTICE[0], alert=MIN_NOTICE[1])
    if panel.status is Status.NO_DATA:
        panel.figure = sentence
        panel.thresholds = _(
            "OK with none; watch with one; alert with two or more (elections and meetings "
            "counted apart)."
        )
        panel.trend_values = monthly([len(flagged(day)) for day in month_ends(facts.today)])
        panel.trend_label = _(
            "meetings moved earlier or at minimum notice, 12 months to each month's end"
        )
    else:
        panel.figure = f"{panel.figure} {sentence}"
        panel.thresholds = _(
            "OK with none; watch with one; alert with two or more (elections and meetings "
            "counted apart)."
        )
    panel.status = worst(panel.status, meetings_status)
    panel.explanation = f"{panel.explanation} " + _(
        "A meeting counts when it was moved earlier than the date first called, or called "
        "(or last moved) no more than its body's notice period before it."
    )
    panel.records = (panel.records + meeting_records(facts, slug))[:8]
    return panel


def with_appeals(panel: Panel, facts: Facts, slug: str) -> Panel:
    """h, completed: appeals to a higher body filed in 12 months, heard within their deadline,
    late, or overdue."""
    panel.details = _drop(panel.details, _("Appeals need the decisions app."))
    panel.needs = ""
    filed = [a for a in facts.appeals if _within(a.filed_at, facts.today)]
    if not filed:
        panel.details.append(_("No appeals filed in the last 12 months."))
        return panel
    summary = appeal_summary(facts, facts.today)
    overdue = sum(1 for a in filed if a.heard_on is None and a.hear_by < facts.today)
    heard_late = sum(1 for a in filed if a.heard_on is not None and a.heard_on > a.hear_by)
    waiting = len(filed) - summary.on_time - overdue - heard_late
    sentence = ngettext(
        "%(n)s appeal filed in 12 months: %(ok)s heard within its deadline, %(late)s late, "
        "%(over)s overdue, %(wait)s waiting.",
        "%(n)s appeals filed in 12 months: %(ok)s heard within their deadline, %(late)s late, "
        "%(over)s overdue, %(wait)s waiting.",
        len(filed),
    ) % {
        "n": len(filed),
        "ok": summary.on_time,
        "late": heard_late,
        "over": overdue,
        "wait": waiting,
    }
    status = Status.ALERT if overdue else Status.WATCH if heard_late else Status.OK
    if panel.status is Status.NO_DATA:
        panel.figure = sentence
        panel.thresholds = _(
            "Alert with any protest or appeal overdue; watch with any answered or heard late; "
            "otherwise OK."
        )

        def overdue_at(day):
            return sum(
                1
                for a in facts.appeals
                if _within(a.filed_at, day)
                and a.hear_by < day
                and (a.heard_on is None or a.heard_on > day)
            )

        panel.trend_values = monthly([overdue_at(day) for day in month_ends(facts.today)])
        panel.trend_label = _("overdue appeals at each month's end")
    else:
        panel.figure = f"{panel.figure} {sentence}"
    if summary.median_delay_days is not None:
        panel.details.append(
            _("Median delay of late appeals: %(days)s days.")
            % {"days": f"{summary.median_delay_days:g}"}
        )
    panel.status = worst(panel.status, status)
    panel.explanation = f"{panel.explanation} " + _(
        "An appeal is heard in time when the meeting that heard it was on or before its "
        "deadline (the body's own rule)."
    )
    panel.records = (panel.records + appeal_records(facts, slug))[:8]
    return panel
