"""The periodic election jobs carry on past one election that fails, and the sweep counts
every election left closed without a result (the eager, in-process half of exactly-once; the
real-worker half is test_count_faults.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction

from orgkit.core.periodic import PeriodicJobFailures
from orgkit.elections import services
from orgkit.elections.lifecycle import transition
from orgkit.elections.models import Election, ElectionResult
from orgkit.elections.services import results, schedule
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting


def voted(world, title: str) -> Election:
    voters = add_voters(world, 3, prefix=title.replace(" ", ""))
    election = make_election(world, title=title, closes_in=timedelta(minutes=30))
    candidates = nominate(world, election, voters[:2])
    open_voting(world, election)
    services.ballot_cast(voter=voters[2], election=election, ranking=[candidates[0].pk])
    return election


def left_closed(election: Election) -> Election:
    """Closed with its count lost: no task ran."""
    with transaction.atomic():
        transition(election=election, to_state=Election.State.CLOSED, actor=None)
    return election


def test_the_sweep_counts_every_election_left_closed_once(world):
    first, second = (left_closed(voted(world, t)) for t in ("First vote", "Second vote"))
    assert services.elections_count_closed() == 2
    assert services.elections_count_closed() == 0
    for election in (first, second):
        assert Election.objects.get(pk=election.pk).state == Election.State.PUBLISHED
        assert ElectionResult.objects.filter(election=election).count() == 1


def test_one_election_that_fails_to_count_does_not_stop_the_sweep(world, monkeypatch, caplog):
    broken, fine = (left_closed(voted(world, t)) for t in ("Broken vote", "Fine vote"))
    real_count = results.election_count

    def count(*, election_id, at=None, **kwargs):
        if election_id == broken.pk:
            raise RuntimeError("disk full")
        return real_count(election_id=election_id, at=at, **kwargs)

    monkeypatch.setattr(results, "election_count", count)
    with pytest.raises(PeriodicJobFailures, match=f"election {broken.pk}"):
        services.elections_count_closed()
    assert Election.objects.get(pk=fine.pk).state == Election.State.PUBLISHED
    assert Election.objects.get(pk=broken.pk).state == Election.State.CLOSED
    assert "disk full" in caplog.text
    monkeypatch.setattr(results, "election_count", real_count)
    assert services.elections_count_closed() == 1  # the next sweep gets it


@pytest.mark.parametrize("job", ["close", "open"])
def test_one_election_that_fails_to_move_does_not_stop_the_others(world, monkeypatch, caplog, job):
    if job == "close":
        broken, fine = voted(world, "Broken vote"), voted(world, "Fine vote")
        at = max(broken.voting_closes_at, fine.voting_closes_at)
        target, run, expected = "election_close", services.elections_close_due, "closed"
    else:
        broken, fine = (
            make_election(world, title=t, closes_in=timedelta(minutes=30))
            for t in ("Broken draft", "Fine draft")
        )
        for election in (broken, fine):  # back to draft, due to open nominations
            Election.objects.filter(pk=election.pk).update(state=Election.State.DRAFT)
        at = broken.nominations_open_at + timedelta(minutes=1)
        target, run, expected = (
            "election_open_nominations",
            services.elections_open_due,
            "nominations",
        )
    real = getattr(schedule, target)

    def move(*, election, **kwargs):
        if election.pk == broken.pk:
            raise RuntimeError("row corrupted")
        return real(election=election, **kwargs)

    monkeypatch.setattr(schedule, target, move)
    with pytest.raises(PeriodicJobFailures, match=f"election {broken.pk}"):
        run(at=at)
    assert Election.objects.get(pk=fine.pk).state == expected
    assert "row corrupted" in caplog.text
