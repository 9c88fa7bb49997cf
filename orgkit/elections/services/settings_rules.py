"""The rules an election's settings must meet when it is set up and at every later edit:
a title, a sensible number of seats, a counting rule that fits the ballot, windows in order
and within plausible dates, and a schedule that can actually run from now."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from orgkit.core.bounds import require_plausible_date
from orgkit.core.errors import ServiceError
from orgkit.elections.models import Election
from orgkit.elections.services._common import org_time_text

RANKED_RULES = {"scottish", "meek", "wigm"}
SLATE_RULES = {"dhondt", "sainte-lague"}
MAX_SEATS = 200


def check_settings(
    *,
    title: str,
    seats: int,
    ballot_kind: str,
    rule: str,
    secrecy: str,
    weighting: str,
    notice_days: int,
    nominations_open_at: datetime,
    nominations_close_at: datetime,
    voting_opens_at: datetime,
    voting_closes_at: datetime,
    now: datetime,
    organization,
    notice_sent_at: datetime | None = None,
) -> None:
    """The rules an election's settings must meet, at set-up and at every later edit."""
    if not title.strip():
        raise ServiceError(_("Give the election a title."), field="title")
    if not 1 <= seats <= MAX_SEATS:
        raise ServiceError(
            _("Seats must be between 1 and %(most)s.") % {"most": MAX_SEATS}, field="seats"
        )
    _check_choices(ballot_kind=ballot_kind, rule=rule, secrecy=secrecy, weighting=weighting)
    _check_windows(
        nominations_open_at=nominations_open_at,
        nominations_close_at=nominations_close_at,
        voting_opens_at=voting_opens_at,
        voting_closes_at=voting_closes_at,
    )
    if not 0 <= notice_days <= 120:
        raise ServiceError(_("Notice must be between 0 and 120 days."), field="notice_days")
    _check_schedule_can_run(
        now=now,
        organization=organization,
        notice_days=notice_days,
        notice_sent_at=notice_sent_at,
        nominations_close_at=nominations_close_at,
        voting_opens_at=voting_opens_at,
    )


def _check_schedule_can_run(
    *,
    now: datetime,
    organization,
    notice_days: int,
    notice_sent_at: datetime | None,
    nominations_close_at: datetime,
    voting_opens_at: datetime,
) -> None:
    """Refuse, when it is set, a schedule that could never run: a draft whose nominations are
    already over would only fail later with no way out, and a notice period cannot be met by a
    notice that has not been sent yet once voting is too close."""
    if nominations_close_at <= now:
        raise ServiceError(
            _("Nominations would already be over: set them to close after now."),
            field="nominations_close_at",
        )
    notice_from = notice_sent_at or now
    earliest = notice_from + timedelta(days=notice_days)
    if notice_days and voting_opens_at < earliest:
        raise ServiceError(
            _(
                "With %(days)s days' notice, voting can open on %(earliest)s at the earliest: "
                "move voting to then or later, or shorten the notice."
            )
            % {"days": notice_days, "earliest": org_time_text(earliest, organization)},
            field="voting_opens_at",
        )


def _check_choices(*, ballot_kind: str, rule: str, secrecy: str, weighting: str) -> None:
    if ballot_kind not in Election.BallotKind.values:
        raise ServiceError(_("Choose a kind of ballot."), field="ballot_kind")
    allowed = RANKED_RULES if ballot_kind == Election.BallotKind.RANKED else SLATE_RULES
    if rule not in allowed:
        raise ServiceError(
            _("A %(ballot)s is counted with one of: %(rules)s.")
            % {
                "ballot": Election.BallotKind(ballot_kind).label,
                "rules": ", ".join(sorted(allowed)),
            },
            field="rule",
        )
    if secrecy not in Election.Secrecy.values:
        raise ServiceError(_("Choose a secret ballot or an open roll-call vote."), field="secrecy")
    if weighting not in Election.Weighting.values:
        raise ServiceError(_("Choose how ballots are weighted."), field="weighting")


def _check_windows(
    *,
    nominations_open_at: datetime,
    nominations_close_at: datetime,
    voting_opens_at: datetime,
    voting_closes_at: datetime,
) -> None:
    for name, moment in (
        ("nominations_open_at", nominations_open_at),
        ("nominations_close_at", nominations_close_at),
        ("voting_opens_at", voting_opens_at),
        ("voting_closes_at", voting_closes_at),
    ):
        require_plausible_date(moment, field=name)
    if nominations_close_at < nominations_open_at:
        raise ServiceError(_("Nominations close before they open."), field="nominations_close_at")
    if voting_opens_at < nominations_close_at:
        raise ServiceError(_("Voting opens before nominations close."), field="voting_opens_at")
    if voting_closes_at <= voting_opens_at:
        raise ServiceError(_("Voting closes before it opens."), field="voting_closes_at")


def check_ballot_order(ballot_order: str) -> None:
    if ballot_order not in Election.BallotOrder.values:
        raise ServiceError(_("Choose how names are ordered on the ballot."), field="ballot_order")
