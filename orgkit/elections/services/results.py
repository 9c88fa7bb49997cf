"""Counting a closed election and storing its result: fetch the grouped ballots (selectors),
calculate the result sheet with the engine (result_sheet.py, pure), store it once, publish.
Runs in a worker (tasks.count_election), never inside a web request."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.core.periodic import run_isolated
from orgkit.elections.events import ElectionEvent
from orgkit.elections.lifecycle import transition
from orgkit.elections.models import (
    Election,
    ElectionResult,
    Slate,
    VoterRollEntry,
)
from orgkit.elections.result_sheet import tally_ranked, tally_slates
from orgkit.elections.selectors import ballot_candidates, grouped_ballots, turnout_by_branch
from orgkit.elections.services import mail
from orgkit.elections.services.ballot_box import ballot_box_mix, vacuum_ballot_box
from orgkit.elections.services.imports import imported_compute
from orgkit.organizations.models import Member


def compute(*, election: Election) -> dict:
    """The full result dict for ``election`` from what is stored now."""
    if election.imported:
        # Counted from the file it came with: no ballot box, no roll.
        return imported_compute(election=election)
    candidates = ballot_candidates(election=election)
    grouped = grouped_ballots(election=election)
    if election.is_ranked:
        data = tally_ranked(
            candidates=candidates,
            seats=election.seats,
            grouped=grouped,
            rule=election.rule,
            seed=election.seed,
            title=election.title,
        )
    else:
        slates = dict(Slate.objects.filter(election=election).values_list("pk", "name"))
        data = tally_slates(
            candidates=candidates,
            slates=slates,
            seats=election.seats,
            grouped=grouped,
            rule=election.rule,
            seed=election.seed,
        )
    turnout = turnout_by_branch(election=election)
    data["turnout"] = {
        "by_branch": turnout,
        "on_roll": sum(t["on_roll"] for t in turnout),
        "voted": sum(t["voted"] for t in turnout),
    }
    return data


def election_count(
    *, election_id: int, at: datetime | None = None, notify: bool = True
) -> ElectionResult | None:
    """Count a closed election and publish the result; idempotent. (``notify=False``: no
    emails, for seeds recording a past election.)

    The election row is locked for the whole count, so two workers cannot both count; a
    worker that dies mid-count leaves nothing (the transaction rolls back) and the next run
    produces the one result. Already counted → the stored result is returned unchanged.
    """
    at = at or timezone.now()
    with transaction.atomic():
        election = (
            Election.objects.select_for_update()
            .select_related("organization")
            .filter(pk=election_id)
            .first()
        )
        if election is None:
            return None
        existing = ElectionResult.objects.filter(election=election, recount_of__isnull=True).first()
        if existing is not None or election.state != Election.State.CLOSED:
            return existing
        ballot_box_mix(election=election, at=at)
        result = ElectionResult.objects.create(
            organization_id=election.organization_id,
            election=election,
            data=compute(election=election),
            created_at=at,
        )
        transition(election=election, to_state=Election.State.COUNTED, actor=None, at=at)
        # Publication is automatic: no one can hold a counted result back.
        transition(election=election, to_state=Election.State.PUBLISHED, actor=None, at=at)
        if notify:
            _tell_voters_the_results_are_out(election)
    vacuum_ballot_box()
    return result


def _tell_voters_the_results_are_out(election: Election) -> None:
    voters = Member.objects.filter(
        pk__in=VoterRollEntry.objects.filter(election=election).values("member_id")
    ).select_related("user")
    mail.email_members(
        election=election,
        members=voters,
        email=mail.RESULTS,
        context={"results_link": mail.election_url(election, "results")},
    )


def elections_count_closed(*, at: datetime | None = None) -> int:
    """Periodic sweep: count every election left closed without a result — its count lost with
    a killed worker, or never queued because the broker was down at the close. Returns how
    many it counted.

    Elections being counted right now hold their row lock and are skipped (``skip_locked``),
    so the sweep never queues up behind a long count. One election that fails to count is
    logged and does not stop the others; the sweep then ends with PeriodicJobFailures.
    """
    with transaction.atomic():
        stalled = list(
            Election.objects.select_for_update(skip_locked=True)
            .filter(state=Election.State.CLOSED)
            .order_by("voting_closes_at", "pk")
            .values_list("pk", flat=True)
        )
    counted = 0

    def count(election_id: int) -> None:
        nonlocal counted
        counted += election_count(election_id=election_id, at=at) is not None

    try:
        run_isolated(
            stalled, count, job="count-closed-elections", label=lambda pk: f"election {pk}"
        )
    finally:
        # Each count ran inside run_isolated's transaction, where VACUUM cannot: do it once here.
        if counted:
            vacuum_ballot_box()
    return counted


def election_recount(
    *, actor: Member, election: Election, at: datetime | None = None
) -> ElectionResult:
    """Count the same ballots again with the recorded seed: a new result, linked to the first,
    which stays as it was."""
    if not actor.is_organizer or actor.organization_id != election.organization_id:
        raise ServiceError(_("Only organizers can ask for a recount."), code="not_allowed")
    at = at or timezone.now()
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        first = ElectionResult.objects.filter(election=election, recount_of__isnull=True).first()
        if first is None or election.state != Election.State.PUBLISHED:
            raise ServiceError(_("Only a published result can be recounted."))
        result = ElectionResult.objects.create(
            organization_id=election.organization_id,
            election=election,
            recount_of=first,
            data=compute(election=election),
            created_at=at,
        )
        audit_record(
            organization=election.organization,
            actor=actor.user,
            verb=ElectionEvent.RECOUNTED,
            target=election,
            data={"same_result": result.data.get("elected") == first.data.get("elected")},
            at=at,
        )
    return result
