"""The clock's moves: what the periodic jobs do to elections whose windows have come.

Each job moves every due election on its own (core.periodic.run_isolated), so one election's
failure never stops the others; the single-election services live in services/elections.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from orgkit.core.errors import ServiceError
from orgkit.core.periodic import PeriodicJobFailures, run_isolated
from orgkit.elections.models import Election
from orgkit.elections.services.elections import (
    election_close,
    election_open_nominations,
    election_open_voting,
    election_remind_non_voters,
)


def elections_remind_due(
    *, at: datetime | None = None, ahead: timedelta = timedelta(days=1)
) -> int:
    """Periodic: remind non-voters in elections closing within ``ahead``."""
    at = at or timezone.now()
    due = Election.objects.filter(
        state=Election.State.VOTING,
        reminder_sent_at__isnull=True,
        voting_closes_at__gt=at,
        voting_closes_at__lte=at + ahead,
    )
    reminded = 0

    def remind(pk: int) -> None:
        nonlocal reminded
        reminded += election_remind_non_voters(election=Election(pk=pk), at=at)

    run_isolated(
        list(due.values_list("pk", flat=True)),
        remind,
        job="remind-non-voters",
        label=_election_label,
    )
    return reminded


def elections_open_due(*, at: datetime | None = None) -> int:
    """Periodic: open nominations, then voting, where their windows have begun. Returns how
    many moves were made. Nobody has to remember to press a button on the day."""
    at = at or timezone.now()
    drafts = Election.objects.filter(
        state=Election.State.DRAFT, nominations_open_at__lte=at, nominations_close_at__gt=at
    ).values_list("pk", flat=True)
    moved = 0
    failed = None
    try:
        moved += _move_each(list(drafts), election_open_nominations, at, job="open-nominations")
    except PeriodicJobFailures as exc:  # still open the voting that is due, then report
        failed = exc
    due = Election.objects.filter(
        state=Election.State.NOMINATIONS, voting_opens_at__lte=at, voting_closes_at__gt=at
    ).values_list("pk", flat=True)
    # A refusal (e.g. no candidates) leaves it in nominations for an organizer to see.
    moved += _move_each(list(due), election_open_voting, at, job="open-voting")
    if failed is not None:
        raise failed
    return moved


def _election_label(election_id: int) -> str:
    return f"election {election_id}"


def _move_each(election_ids: list[int], move, at: datetime, *, job: str) -> int:
    """Make one lifecycle move for each election inside a periodic job, each on its own
    (core.periodic): a refusal (ServiceError) is expected and quiet; anything else is logged,
    the others still move, and the job reports the failure at the end."""
    moved = 0

    def step(election_id: int) -> None:
        nonlocal moved
        try:
            move(actor=None, election=Election(pk=election_id), at=at)
        except ServiceError:
            return
        moved += 1

    run_isolated(election_ids, step, job=job, label=_election_label)
    return moved


def elections_close_due(*, at: datetime | None = None) -> int:
    """Periodic: close voting where the window has ended (each close queues its count). A
    refusal means it was closed meanwhile by hand."""
    at = at or timezone.now()
    due = Election.objects.filter(state=Election.State.VOTING, voting_closes_at__lte=at)
    return _move_each(
        list(due.values_list("pk", flat=True)), election_close, at, job="close-voting"
    )
