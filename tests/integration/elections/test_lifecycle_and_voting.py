"""Election services: the lifecycle table, nominations, casting ballots, counting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.core.models import AuditEvent
from orgkit.elections import services
from orgkit.elections.lifecycle import TRANSITIONS, IllegalTransition
from orgkit.elections.models import (
    Ballot,
    Candidate,
    Election,
    ElectionEvent,
    ElectionResult,
    Receipt,
    VoterRollEntry,
)
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("from_state", Election.State.values)
@pytest.mark.parametrize("to_state", Election.State.values)
def test_transition_makes_only_the_moves_in_the_table(world, from_state, to_state):
    from orgkit.elections.lifecycle import transition

    election = make_election(world)
    Election.objects.filter(pk=election.pk).update(state=from_state)
    election.refresh_from_db()
    events = ElectionEvent.objects.filter(election=election).count()
    if (from_state, to_state) in TRANSITIONS:
        transition(election=election, to_state=to_state, actor=None)
        assert Election.objects.get(pk=election.pk).state == to_state
        assert ElectionEvent.objects.filter(election=election).count() == events + 1
    else:
        with pytest.raises(IllegalTransition):
            transition(election=election, to_state=to_state, actor=None)
        assert Election.objects.get(pk=election.pk).state == from_state
        assert ElectionEvent.objects.filter(election=election).count() == events


def test_every_state_is_reached_from_draft_and_only_published_and_cancelled_are_final():
    from orgkit.elections.lifecycle import allowed_moves

    reached, frontier = {"draft"}, ["draft"]
    while frontier:
        for nxt in allowed_moves(frontier.pop()):
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    assert reached == set(Election.State.values)
    assert [s for s in Election.State.values if not allowed_moves(s)] == [
        "published",
        "cancelled",
    ]
    # A closed election is counted, never called off: its voters have had their say.
    assert "cancelled" not in allowed_moves("closed") + allowed_moves("counted")


def test_illegal_move_raises_a_named_error_and_writes_nothing(world):
    election = make_election(world)
    with pytest.raises(IllegalTransition):
        services.election_open_nominations(actor=world.organizer, election=election)
    with pytest.raises(IllegalTransition):
        services.election_close(actor=world.organizer, election=election)
    election.refresh_from_db()
    assert election.state == "nominations"
    assert list(
        ElectionEvent.objects.filter(election=election).values_list("to_state", flat=True)
    ) == ["nominations"]


def test_each_move_appends_an_event_row_and_an_audit_event(world, running):
    election, candidates, voters = running
    assert [e.to_state for e in election.events.all()] == ["nominations", "voting"]
    assert AuditEvent.objects.filter(
        verb="elections.election.voting_opened", target_id=str(election.pk)
    ).exists()
    assert len(election.seed) == 32
    # The roll: the whole organization (assembly), snapshotted when voting opened.
    assert VoterRollEntry.objects.filter(election=election).count() == 2 + len(voters)


def test_members_cannot_set_up_or_move_elections(world):
    election = make_election(world)
    with pytest.raises(NotAllowed):
        services.election_open_voting(
            actor=world.member, election=election, at=election.voting_opens_at
        )


def test_windows_out_of_order_are_refused(world):
    from tests.integration.elections.conftest import assembly

    e = make_election(world)
    with pytest.raises(ServiceError) as err:
        services.election_create(
            actor=world.organizer,
            body=assembly(world),
            title="Bad",
            seats=1,
            nominations_open_at=e.nominations_open_at,
            nominations_close_at=e.nominations_close_at,
            voting_opens_at=e.voting_opens_at,
            voting_closes_at=e.voting_opens_at,
        )
    assert err.value.field == "voting_closes_at"
    with pytest.raises(ServiceError) as err:
        services.election_create(
            actor=world.organizer,
            body=assembly(world),
            title="Bad",
            seats=1,
            rule="dhondt",
            nominations_open_at=e.nominations_open_at,
            nominations_close_at=e.nominations_close_at,
            voting_opens_at=e.voting_opens_at,
            voting_closes_at=e.voting_closes_at,
        )
    assert err.value.field == "rule"


def test_nominations_with_a_seconder(world):
    voters = add_voters(world, 3)
    election = make_election(world, requires_seconder=True)
    at = election.nominations_open_at + timedelta(minutes=1)
    c = services.candidate_nominate(
        actor=voters[0], election=election, member=voters[1], statement="Good", at=at
    )
    # Nominated by someone else: nobody stands without saying yes.
    assert c.status == Candidate.Status.AWAITING_CONSENT
    with pytest.raises(ServiceError, match="Only the nominee"):
        services.candidate_consent(actor=voters[0], candidate=c, at=at)
    services.candidate_consent(actor=voters[1], candidate=c, at=at)
    c.refresh_from_db()
    assert c.status == Candidate.Status.AWAITING_SECONDER
    with pytest.raises(ServiceError):  # the nominee cannot second themself
        services.candidate_second(actor=voters[1], candidate=c, at=at)
    services.candidate_second(actor=voters[2], candidate=c, at=at)
    c.refresh_from_db()
    assert c.status == Candidate.Status.STANDING and c.seconded_by == voters[2]
    with pytest.raises(ServiceError, match="not waiting for your consent"):
        services.candidate_consent(actor=voters[1], candidate=c, at=at)
    with pytest.raises(ServiceError) as err:
        services.candidate_nominate(actor=voters[2], election=election, member=voters[1], at=at)
    assert "already nominated" in err.value.message
    with pytest.raises(ServiceError):  # after the window
        services.candidate_nominate(
            actor=voters[2], election=election, member=voters[2], at=election.nominations_close_at
        )


def test_a_nominee_stands_only_after_consenting_and_a_seconder_may_come_first(world):
    voters = add_voters(world, 3)
    election = make_election(world, requires_seconder=True)
    at = election.nominations_open_at + timedelta(minutes=1)
    c = services.candidate_nominate(actor=voters[0], election=election, member=voters[1], at=at)
    services.candidate_second(actor=voters[2], candidate=c, at=at)
    c.refresh_from_db()
    assert c.status == Candidate.Status.AWAITING_CONSENT and c.seconded_by == voters[2]
    services.candidate_consent(actor=voters[1], candidate=c, at=at)
    c.refresh_from_db()
    assert c.status == Candidate.Status.STANDING
    # A self-nomination needs no consent step, and one left unconsented never reaches a ballot.
    own = services.candidate_nominate(actor=voters[0], election=election, member=voters[0], at=at)
    assert own.status == Candidate.Status.AWAITING_SECONDER
    services.candidate_nominate(actor=voters[0], election=election, member=voters[2], at=at)
    open_voting(world, election)
    on_ballot = set(
        Candidate.objects.filter(election=election, on_ballot=True).values_list("member", flat=True)
    )
    assert on_ballot == {voters[1].pk}


def test_casting_marks_the_roll_and_stores_a_sealed_ballot_and_receipt(world, running):
    election, candidates, voters = running
    code = services.ballot_cast(
        voter=voters[3], election=election, ranking=[candidates[1].pk, candidates[0].pk]
    )
    assert len(code) == 14
    ballot = Ballot.objects.get(election=election)
    receipt = Receipt.objects.get(election=election)
    # While voting is open neither row says anything readable: no ranking, no code.
    assert ballot.ranking is None and receipt.code is None
    assert ballot.sealed and code.encode() not in bytes(receipt.sealed)
    assert VoterRollEntry.objects.get(election=election, member=voters[3]).voted
    # Nothing on the ballot or receipt row points at a voter or a time.
    names = {f.name for f in Ballot._meta.get_fields()} | {
        f.name for f in Receipt._meta.get_fields()
    }
    assert not names & {"member", "voter", "created_at", "cast_at", "user"}
    # A one-name ballot seals to the same length as a full one: length says nothing either.
    services.ballot_cast(voter=voters[4], election=election, ranking=[candidates[2].pk])
    assert {len(bytes(b)) for b in Ballot.objects.values_list("sealed", flat=True)} == {
        len(bytes(ballot.sealed))
    }

    # The count opens the box: plaintext rankings and codes, and the key is gone.
    services.election_close(actor=None, election=election, at=election.voting_closes_at)
    services.election_count(election_id=election.pk, at=election.voting_closes_at)
    rankings = sorted(Ballot.objects.filter(election=election).values_list("ranking", flat=True))
    assert rankings == sorted([[candidates[1].pk, candidates[0].pk], [candidates[2].pk]])
    assert not Ballot.objects.filter(sealed__isnull=False).exists()
    assert code in Receipt.objects.filter(election=election).values_list("code", flat=True)
    election.refresh_from_db()
    assert bytes(election.ballot_key) == b"" and election.mixed_at is not None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_typeof(ranking)::text FROM elections_ballot LIMIT 1")
            assert cursor.fetchone()[0] == "integer[]"


@pytest.mark.parametrize(
    ("ranking", "message"),
    [([], "at least one"), ("dup", "only once"), ("unknown", "not (or no longer) standing")],
)
def test_malformed_rankings_are_refused_and_nothing_is_stored(world, running, ranking, message):
    election, candidates, voters = running
    if ranking == "dup":
        ranking = [candidates[0].pk, candidates[0].pk]
    elif ranking == "unknown":
        ranking = [999_999]
    with pytest.raises(ServiceError) as err:
        services.ballot_cast(voter=voters[3], election=election, ranking=ranking)
    assert message in err.value.message
    assert not Ballot.objects.exists() and not Receipt.objects.exists()
    assert not VoterRollEntry.objects.filter(voted=True).exists()


def test_second_ballot_withdrawn_candidate_non_member_and_late_voter_are_refused(world, running):
    election, candidates, voters = running
    services.ballot_cast(voter=voters[3], election=election, ranking=[candidates[0].pk])
    with pytest.raises(ServiceError, match="already voted"):
        services.ballot_cast(voter=voters[3], election=election, ranking=[candidates[1].pk])
    services.candidate_withdraw(actor=candidates[2].member, candidate=candidates[2])
    with pytest.raises(ServiceError, match="no longer"):
        services.ballot_cast(voter=voters[4], election=election, ranking=[candidates[2].pk])
    late = add_voters(world, 1, prefix="Late")[0]  # joined after the roll was fixed
    with pytest.raises(ServiceError, match="not on this election's roll"):
        services.ballot_cast(voter=late, election=election, ranking=[candidates[0].pk])
    from orgkit.organizations.models import Member

    outsider = Member.objects.get(organization=world.other_org)
    with pytest.raises(ServiceError):
        services.ballot_cast(voter=outsider, election=election, ranking=[candidates[0].pk])
    with pytest.raises(ServiceError, match="not open"):
        services.ballot_cast(
            voter=voters[5],
            election=election,
            ranking=[candidates[0].pk],
            at=election.voting_closes_at,
        )
    assert Ballot.objects.count() == 1 and Receipt.objects.count() == 1


def test_close_early_is_refused_until_everyone_has_voted(world, running):
    election, candidates, voters = running
    with pytest.raises(ServiceError, match="stays open"):
        services.election_close(actor=world.organizer, election=election)
    assert Election.objects.get(pk=election.pk).state == "voting"


def cast_all(election, candidates, voters, world, pattern):
    roll = [world.organizer, world.member, *voters]
    for member, ranking in zip(roll, pattern, strict=False):
        services.ballot_cast(
            voter=member, election=election, ranking=[candidates[i].pk for i in ranking]
        )


def test_close_counts_publishes_and_a_rerun_changes_nothing(world, running, mailoutbox, commit):
    election, candidates, voters = running
    # 5 of 8 rank A first then B; 3 rank C first: block vote gives A and B, STV gives A and C.
    cast_all(election, candidates, voters, world, [[0, 1]] * 5 + [[2]] * 3)
    with commit(execute=True):
        services.election_close(actor=None, election=election, at=election.voting_closes_at)
    election.refresh_from_db()
    assert election.state == "published"
    result = ElectionResult.objects.get(election=election)
    names = [c.member.display_name for c in candidates]
    assert result.data["elected"] == [names[0], names[2]]
    assert result.data["block_vote"]["elected"] == [names[0], names[1]]
    assert result.data["first_choice"]["stv"]["share"] == "100.0%"
    assert result.data["first_choice"]["block_vote"]["share"] == "62.5%"
    assert result.data["stv"]["seed"] == election.seed
    assert result.data["turnout"]["voted"] == 8
    assert [e.to_state for e in election.events.order_by("id")][-3:] == [
        "closed",
        "counted",
        "published",
    ]
    assert any("Results:" in m.subject for m in mailoutbox)
    # Re-running the task (a retried or duplicated message) neither recounts nor duplicates.
    assert services.election_count(election_id=election.pk) == result
    assert ElectionResult.objects.filter(election=election).count() == 1
    with pytest.raises(ValueError):
        result.save()


def test_recount_is_a_new_linked_result_with_the_same_outcome(world, running, commit):
    election, candidates, voters = running
    cast_all(election, candidates, voters, world, [[0, 1], [1, 0], [2, 0]] * 3)
    with commit(execute=True):
        services.election_close(actor=None, election=election, at=election.voting_closes_at)
    recount = services.election_recount(actor=world.organizer, election=election)
    first = ElectionResult.objects.get(election=election, recount_of__isnull=True)
    assert recount.recount_of == first and recount.data["elected"] == first.data["elected"]


def test_a_count_that_fails_leaves_nothing_and_the_sweep_counts(
    world, running, monkeypatch, commit, caplog
):
    election, candidates, voters = running
    cast_all(election, candidates, voters, world, [[0], [1], [2]])
    from orgkit.elections.services import results

    real = results.compute
    monkeypatch.setattr(
        results, "compute", lambda **kw: (_ for _ in ()).throw(RuntimeError("worker died"))
    )
    with commit(execute=True):  # the close answers normally: no error reaches the user
        services.election_close(actor=None, election=election, at=election.voting_closes_at)
    assert "worker died" in caplog.text
    # The close committed; the count, run after commit, failed and left nothing behind —
    # not even half a mix: the ballots are still sealed under a key that still exists.
    election.refresh_from_db()
    assert election.state == "closed" and not ElectionResult.objects.exists()
    assert bytes(election.ballot_key) and election.mixed_at is None
    monkeypatch.setattr(results, "compute", real)
    assert services.elections_count_closed() == 1
    election.refresh_from_db()
    assert election.state == "published" and ElectionResult.objects.count() == 1


def test_periodic_tasks_open_and_close_due_elections(world, commit):
    from orgkit.elections import tasks

    voters = add_voters(world, 2)
    election = make_election(world)
    nominate(world, election, voters[:1])
    assert tasks.open_due_elections() == 1
    election.refresh_from_db()
    assert election.state == "voting"
    with commit(execute=True):
        assert services.elections_close_due(at=election.voting_closes_at) == 1
    election.refresh_from_db()
    assert election.state == "published"
    assert tasks.close_due_elections() == 0


def test_slate_election_apportions_and_compares(world, commit):
    voters = add_voters(world, 8)
    election = make_election(world, seats=3, ballot_kind="slate", rule="dhondt")
    nominate(world, election, voters[:4], slates=["Red", "Red", "Red", "Green"])
    open_voting(world, election)
    red, green = sorted(election.slates.all(), key=lambda s: s.name, reverse=True)
    roll = [world.organizer, world.member, *voters]
    for i, m in enumerate(roll):
        services.ballot_cast(voter=m, election=election, ranking=[(red if i < 6 else green).pk])
    with commit(execute=True):
        services.election_close(actor=None, election=election, at=election.voting_closes_at)
    data = ElectionResult.objects.get(election=election).data
    assert data["slate_votes"] == {"Green": 4, "Red": 6}
    by_system = {s["system"]: s["seats"] for s in data["systems"]}
    assert by_system["slate winner-take-all"] == {"Green": 0, "Red": 3}
    assert list(by_system.values())[0] == {"Green": 1, "Red": 2}
    assert len(data["elected"]) == 3


def test_fill_ballots_command_needs_the_synthetic_flag_and_counts(world, running):
    from django.core.management import CommandError, call_command

    election, candidates, voters = running
    with pytest.raises(CommandError, match="--synthetic"):
        call_command("fill_ballots", election.pk, ballots=10)
    call_command("fill_ballots", election.pk, ballots=250, synthetic=True)
    assert Ballot.objects.filter(election=election).count() == 250
    assert AuditEvent.objects.filter(verb="elections.election.synthetic_ballots").exists()
    assert not Ballot.objects.filter(election=election, sealed__isnull=True).exists()
    from orgkit.elections.selectors import grouped_ballots

    with pytest.raises(ValueError, match="sealed"):
        grouped_ballots(election=election)
    services.election_close(actor=None, election=election, at=election.voting_closes_at)
    result = services.election_count(election_id=election.pk, at=election.voting_closes_at)
    election.refresh_from_db()
    grouped = grouped_ballots(election=election)
    assert sum(w for _, w in grouped) == 250 and len(grouped) < 250
    assert result.data["ballots"] == 250


def test_branch_size_weighting_lets_delegates_carry_their_branches(world, commit):
    from orgkit.organizations import services as org_services

    south = org_services.branch_create(actor=world.organizer, name="South Block")
    north_voters = add_voters(world, 9, prefix="North")  # North Block: Max + 9 = 10 members
    south_voters = add_voters(world, 2, prefix="South", branch=south)  # South: 2 members
    delegates = org_services.body_create(actor=world.organizer, name="Delegates", kind="congress")
    for m in (north_voters[0], south_voters[0]):
        org_services.body_member_add(
            actor=world.organizer, body=delegates, member=m, how="elected", start=election_day()
        )
    from orgkit.organizations.models import Member
    from tests.integration.elections.conftest import make_election

    # Branch sizes count members who had joined by the roll date: in the first hour after
    # midnight the roll date (voting opened an hour ago) is yesterday, so join them earlier.
    Member.objects.filter(organization=world.org).update(joined_on=date(2025, 1, 1))
    election = make_election(world, seats=1, title="Chair")
    Election.objects.filter(pk=election.pk).update(body=delegates, weighting="branch_size")
    election.refresh_from_db()
    candidates = nominate(world, election, [north_voters[0], south_voters[0]])
    open_voting(world, election)
    weights = dict(
        VoterRollEntry.objects.filter(election=election).values_list("member_id", "weight")
    )
    assert weights == {north_voters[0].pk: 10, south_voters[0].pk: 2}
    services.ballot_cast(voter=south_voters[0], election=election, ranking=[candidates[1].pk])
    services.ballot_cast(voter=north_voters[0], election=election, ranking=[candidates[0].pk])
    with commit(execute=True):
        services.election_close(actor=world.organizer, election=election)
    data = ElectionResult.objects.get(election=election).data
    assert data["ballots"] == 12 and data["elected"] == [candidates[0].member.display_name]
    assert sorted(Ballot.objects.values_list("weight", flat=True)) == [2, 10]


def election_day():
    from django.utils import timezone

    return timezone.localdate() - timedelta(days=30)


def test_nominations_open_by_themselves_when_their_window_begins(world):
    from datetime import timedelta

    from django.utils import timezone

    from orgkit.elections.models import Election
    from tests.integration.elections.conftest import assembly

    now = timezone.now()
    election = services.election_create(
        actor=world.organizer,
        body=assembly(world),
        title="Auto",
        seats=1,
        ballot_kind="ranked",
        rule="scottish",
        secrecy="secret",
        requires_seconder=False,
        notice_days=0,
        nominations_open_at=now + timedelta(days=1),
        nominations_close_at=now + timedelta(days=8),
        voting_opens_at=now + timedelta(days=9),
        voting_closes_at=now + timedelta(days=10),
    )
    assert services.elections_open_due(at=now) == 0
    assert Election.objects.get(pk=election.pk).state == "draft"
    assert services.elections_open_due(at=now + timedelta(days=1, minutes=1)) == 1
    assert Election.objects.get(pk=election.pk).state == "nominations"


def test_a_draft_can_be_changed_but_not_after_nominations_open(world):
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    from orgkit.core.errors import ServiceError
    from tests.integration.elections.conftest import assembly

    now = timezone.now()
    election = services.election_create(
        actor=world.organizer,
        body=assembly(world),
        title="Delegates",
        seats=3,
        ballot_kind="ranked",
        rule="scottish",
        secrecy="secret",
        requires_seconder=False,
        notice_days=0,
        nominations_open_at=now + timedelta(days=1),
        nominations_close_at=now + timedelta(days=8),
        voting_opens_at=now + timedelta(days=9),
        voting_closes_at=now + timedelta(days=10),
    )
    services.election_update(
        actor=world.organizer, election=election, title="Congress delegates", seats=5
    )
    election.refresh_from_db()
    assert (election.title, election.seats) == ("Congress delegates", 5)
    with pytest.raises(ServiceError, match="closes before it opens"):
        services.election_update(actor=world.organizer, election=election, voting_closes_at=now)
    election.refresh_from_db()
    assert election.voting_closes_at > election.voting_opens_at

    client = Client()
    client.force_login(world.organizer.user)
    page = client.get(f"/o/{world.org.slug}/elections/{election.pk}/edit/")
    assert page.status_code == 200 and "Congress delegates" in page.content.decode()

    services.election_open_nominations(actor=world.organizer, election=election)
    with pytest.raises(ServiceError, match="Only a draft"):
        services.election_update(actor=world.organizer, election=election, seats=2)
