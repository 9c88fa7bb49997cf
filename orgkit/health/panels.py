"""The dashboard's panels: facts (``selectors``) → figures (``metrics``) → one panel each.

One panel per tactic a–k of the article, plus "leaders for decades" and "skills not taught".
A panel whose data does not exist says so (status NO_DATA) and never shows a green light.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from orgkit.casestudies.tactics import tag_name
from orgkit.health import selectors
from orgkit.health.metrics.status import Status
from orgkit.health.metrics.trend import polyline

YEAR = timedelta(days=365)
#: Protests should be answered within this long (orgkit's rule; elections sets no deadline).
ANSWER_WITHIN = timedelta(days=14)

# Thresholds (watch, alert). docs/health.md explains each.
TENURE_YEARS = (2.0, 4.0)
SHARE_WITH_ROLES = (0.30, 0.15)  # higher is better
ROLES_AT_ONCE = (3, 4)
GINI = (0.80, 0.90)
GALLAGHER = (5.0, 10.0)
TURNOUT = (0.50, 0.25)  # higher is better
MIN_NOTICE = (1, 2)


@dataclass
class Record:
    label: str
    url: str


@dataclass
class Panel:
    key: str
    title: str
    status: Status
    figure: str
    explanation: str
    thresholds: str = ""
    details: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    #: The figure at each of the last twelve month-ends (None: nothing to measure then).
    trend_values: list[float | None] = field(default_factory=list)
    trend_label: str = ""
    needs: str = ""

    @property
    def letter(self) -> str:
        return self.key if len(self.key) == 1 else ""

    @property
    def trend(self) -> str:
        """The SVG points of the trend line ("" when there is none)."""
        return polyline(self.trend_values)


def monthly(values) -> list[float | None]:
    return [None if v is None else round(float(v), 3) for v in values]


@dataclass
class Facts:
    """Everything the panels read, fetched once (a fixed number of queries)."""

    today: date
    #: The moment "overdue" is judged at (the end of ``today`` would be up to a day early).
    now: datetime
    members: list[selectors.MemberSpan]
    holdings: list[selectors.HoldingRow]
    elections: list[selectors.ElectionRow]
    results: list[selectors.ResultRow]
    apportionments: list[selectors.ApportionmentRow]
    protests: list[selectors.ProtestRow]
    organizers: dict[str, int]
    rotations: list[selectors.RotationRow]
    turn_holders: list[int | None]
    roles_bus: list[selectors.RoleBusRow]
    sessions: list  # the skills core's SessionFacts, two years back
    rotation_holders: dict[int, str]  # current rotation term holders and their names
    open_alerts: int
    reports: list[selectors.ReportRow]
    meetings: list[selectors.MeetingRow]
    appeals: list[selectors.AppealRow]
    actions: list[selectors.ActionRow]
    elected_endings: list[selectors.EndingRow]

    @classmethod
    def fetch(cls, *, organization, today: date, now: datetime) -> Facts:
        # Two years back: the trend's first point looks at the twelve months before it.
        since = datetime.combine(today - 2 * YEAR, time.min, tzinfo=UTC)
        return cls(
            today=today,
            now=now,
            rotations=selectors.rotation_limits(organization=organization),
            turn_holders=selectors.turn_holders(
                organization=organization, start=today - YEAR, end=today + timedelta(days=1)
            ),
            members=selectors.member_spans(organization=organization),
            holdings=selectors.role_holdings(organization=organization),
            elections=selectors.elections_since(organization=organization, since=since),
            results=selectors.first_results_since(organization=organization, since=since),
            apportionments=selectors.apportionments_since(organization=organization, since=since),
            protests=selectors.protests_since(organization=organization, since=since),
            roles_bus=selectors.role_bus_factors(organization=organization),
            sessions=selectors.teaching_sessions(organization=organization, since=today - 2 * YEAR),
            rotation_holders=selectors.rotation_term_holders(
                organization=organization, today=today
            ),
            open_alerts=selectors.open_alert_count(organization=organization),
            reports=selectors.minority_reports_since(organization=organization, since=since),
            meetings=selectors.meetings_since(organization=organization, since=since),
            appeals=selectors.appeals_since(organization=organization, since=since),
            actions=selectors.removals_decided_since(organization=organization, since=since),
            elected_endings=selectors.elected_terms_ended_since(
                organization=organization, since=since
            ),
            organizers=selectors.organizer_figures(
                organization=organization,
                since=datetime.combine(today - YEAR, time.min, tzinfo=UTC),
            ),
        )


def end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=UTC)


def pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def num(value: float, places: int | None = None) -> str:
    """``value`` written the reader's way: 2.5 in English, 2,5 in Spanish."""
    return number_format(value, decimal_pos=places)


def not_measured(key: str, why: str) -> Panel:
    return Panel(
        key,
        tag_name(key),
        Status.NO_DATA,
        _("Not measured: no record orgkit keeps can show this."),
        why,
    )
