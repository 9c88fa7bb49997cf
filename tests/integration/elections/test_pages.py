"""Election pages through Django's test client: the no-JavaScript ballot, errors, results,
receipts, downloads, who voted, and tenant scoping."""

from __future__ import annotations

import pytest
from django.test import Client

from orgkit.elections import services
from orgkit.elections.counting.blt import parse_blt
from orgkit.elections.models import Ballot, Receipt, VoterRollEntry
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting

pytestmark = pytest.mark.django_db


def client_for(member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def url(world, election, name=""):
    return f"/o/{world.org.slug}/elections/{election.pk}/{name}"


def test_ballot_page_is_a_plain_form_of_numbered_selects(world, running):
    election, candidates, voters = running
    page = client_for(world.member).get(url(world, election, "vote/"))
    html = page.content.decode()
    assert page.status_code == 200
    for c in candidates:
        assert (
            f'name="rank_{c.pk}"' in html
            and f"Rank for </span>{c.member.display_name}</label>" in html
        )
    # The only script in the page body is the optional enhancement, loaded after the form.
    main = html.split("<main", 1)[1]
    assert main.count("<script") == 1 and main.index("</form>") < main.index("elections/ballot.js")


def test_voting_without_javascript_returns_a_receipt_once(world, running):
    election, candidates, voters = running
    a, b, c = candidates
    response = client_for(world.member).post(
        url(world, election, "vote/"),
        {f"rank_{a.pk}": "2", f"rank_{c.pk}": "1", f"rank_{b.pk}": ""},
    )
    assert response.status_code == 200
    code = response.context["code"]
    assert code in response.content.decode()
    assert Receipt.objects.get().sealed and Ballot.objects.get().sealed  # sealed until the count
    again = client_for(world.member).get(url(world, election, "vote/"))
    assert "You have voted" in again.content.decode() and code not in again.content.decode()
    services.election_close(actor=None, election=election, at=election.voting_closes_at)
    services.election_count(election_id=election.pk, at=election.voting_closes_at)
    assert Receipt.objects.filter(code=code).exists()
    assert Ballot.objects.get().ranking == [c.pk, a.pk]


@pytest.mark.parametrize(
    ("ranks", "message"),
    [
        ((1, 1, None), "more than one candidate"),
        ((1, 3, None), "skip 2"),
        ((None, None, None), "at least one"),
    ],
)
def test_bad_rankings_get_a_clear_message_and_nothing_is_written(world, running, ranks, message):
    election, candidates, voters = running
    data = {f"rank_{c.pk}": str(r) if r else "" for c, r in zip(candidates, ranks, strict=True)}
    response = client_for(world.member).post(url(world, election, "vote/"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ballot.objects.exists() and not VoterRollEntry.objects.filter(voted=True).exists()


def test_double_vote_from_two_tabs_is_refused_politely(world, running):
    election, candidates, voters = running
    data = {f"rank_{candidates[0].pk}": "1"}
    first, second = client_for(world.member), client_for(world.member)
    assert first.post(url(world, election, "vote/"), data).status_code == 200
    response = second.post(url(world, election, "vote/"), data)
    assert response.status_code == 400 and "already voted" in response.content.decode()
    assert Ballot.objects.count() == 1


def close_with_votes(world, election, candidates, voters, commit):
    roll = [world.organizer, world.member, *voters]
    pattern = [[0, 1]] * 5 + [[2, 0]] * 3
    for member, ranking in zip(roll, pattern, strict=True):
        services.ballot_cast(
            voter=member, election=election, ranking=[candidates[i].pk for i in ranking]
        )
    with commit(execute=True):
        services.election_close(actor=world.organizer, election=election)


def test_results_show_stv_beside_the_block_vote(world, running, commit):
    election, candidates, voters = running
    close_with_votes(world, election, candidates, voters, commit)
    html = client_for(world.member).get(url(world, election, "results/")).content.decode()
    a, b, c = (x.member.display_name for x in candidates)
    assert "The same ballots under winner-take-all" in html
    assert f"<td>{a}, {c}</td>" in html  # STV
    assert f"<td>{a}, {b}</td>" in html  # block vote
    assert "Round by round" in html and "<svg" in html and "Non-transferable" in html
    assert "100.0% (8 of 8)" in html and "62.5% (5 of 8)" in html


def test_receipt_lookup_and_who_voted_after_close(world, running, commit):
    election, candidates, voters = running
    code = services.ballot_cast(voter=world.member, election=election, ranking=[candidates[0].pk])
    client = client_for(world.member)
    assert (
        code not in client.get(url(world, election, "receipts/")).content.decode()
    )  # not before close
    close_with_votes_rest(world, election, candidates, voters, commit)
    page = client.get(url(world, election, "receipts/"), {"code": code.lower()})
    assert "Found: your ballot is among the 8 counted" in page.content.decode()
    page = client.get(url(world, election, "receipts/"), {"code": "AAAA-BBBB-CCCC"})
    assert "not in the list" in page.content.decode()
    html = client.get(url(world, election, "who-voted/")).content.decode()
    assert "Voter 005" in html and "<td>yes</td>" in html


def close_with_votes_rest(world, election, candidates, voters, commit):
    for member in [world.organizer, *voters]:
        services.ballot_cast(voter=member, election=election, ranking=[candidates[1].pk])
    with commit(execute=True):
        services.election_close(actor=world.organizer, election=election)


def test_downloads_are_grouped_sorted_and_recountable(world, running, commit):
    election, candidates, voters = running
    close_with_votes(world, election, candidates, voters, commit)
    client = client_for(world.member)
    blt = client.get(url(world, election, "ballots.blt"))
    assert blt.status_code == 200 and "attachment" in blt["Content-Disposition"]
    parsed = parse_blt(blt.content.decode())
    assert [(b.weight, b.ranking) for b in parsed.ballots] == [(5, (0, 1)), (3, (2, 0))]
    # Anyone recounting the download with the recorded seed gets the published result.
    from orgkit.elections.counting.stv.presets import count_stv
    from orgkit.elections.models import ElectionResult

    election.refresh_from_db()
    recount = count_stv(parsed, rule=election.rule, seed=election.seed)
    assert list(recount.elected) == ElectionResult.objects.get(election=election).data["elected"]
    csv = client.get(url(world, election, "ballots.csv")).content.decode()
    assert csv.splitlines()[0].startswith("weight") and csv.count("\n") == 3


def test_downloads_wait_for_the_result(world, running):
    election, *_ = running
    response = client_for(world.member).get(url(world, election, "ballots.blt"))
    assert response.status_code == 302


def test_organizer_moves_and_nominations_through_pages(world):
    from tests.integration.elections.conftest import make_election

    election = make_election(world)
    organizer = client_for(world.organizer)
    member = client_for(world.member)
    page = member.post(
        url(world, election, "nominate/"), {"member": world.member.pk, "statement": "Me!"}
    )
    assert page.status_code == 400  # the nomination window of this fixture has passed
    assert "Nominations are open from" in page.content.decode()
    response = organizer.post(url(world, election, "move/"), {"to": "voting"}, follow=True)
    assert "No one is standing" in response.content.decode()
    assert member.post(url(world, election, "move/"), {"to": "voting"}).status_code == 403


def test_outsiders_get_404_on_another_organizations_election(world, running):
    election, *_ = running
    outsider = Client()
    outsider.force_login(world.outsider_user)
    assert outsider.get(url(world, election, "results/")).status_code == 404
    assert outsider.get(f"/o/other/elections/{election.pk}/").status_code == 404  # wrong org


def test_create_page_reports_bad_windows_beside_the_field(world):
    from datetime import timedelta

    from django.utils import timezone

    organizer = client_for(world.organizer)
    today = timezone.localdate()

    def day(days: int) -> str:
        return f"{today + timedelta(days=days)}T10:00"

    data = {
        "title": "Council",
        "body": world.body.pk,
        "seats": 3,
        "ballot_kind": "ranked",
        "rule": "scottish",
        "secrecy": "secret",
        "weighting": "equal",
        "notice_days": 15,
        "nominations_open_at": day(1),
        "nominations_close_at": day(5),
        "voting_opens_at": day(26),
        "voting_closes_at": f"{today + timedelta(days=26)}T09:00",
    }
    response = organizer.post(f"/o/{world.org.slug}/elections/new/", data)
    assert (
        response.status_code == 400 and "Voting closes before it opens" in response.content.decode()
    )
    data["voting_closes_at"] = day(27)
    response = organizer.post(f"/o/{world.org.slug}/elections/new/", data)
    assert response.status_code == 302


def test_slate_ballot_results_and_downloads_render(world, commit):
    from tests.integration.elections.conftest import (
        add_voters,
        make_election,
        nominate,
        open_voting,
    )

    voters = add_voters(world, 4)
    election = make_election(
        world, seats=2, ballot_kind="slate", rule="sainte-lague", secrecy="open"
    )
    nominate(world, election, voters[:3], slates=["Red", "Red", "Blue"])
    open_voting(world, election)
    client = client_for(world.member)
    html = client.get(url(world, election, "vote/")).content.decode()
    assert 'type="radio"' in html and "Red" in html and "Blue" in html
    assert client.post(url(world, election, "vote/"), {}).status_code == 400
    red = election.slates.get(name="Red")
    assert client.post(url(world, election, "vote/"), {"slate": red.pk}).status_code == 200
    for entry in election.roll.filter(voted=False).select_related("member"):
        services.ballot_cast(voter=entry.member, election=election, ranking=[red.pk])
    with commit(execute=True):
        services.election_close(actor=world.organizer, election=election)
    page = client.get(url(world, election, "results/"))
    html = page.content.decode()
    assert page.status_code == 200 and "Seats per slate" in html and "Roll call (open vote)" in html
    assert "<td>Max Member</td><td>Red</td>" in html  # an open vote shows each member's vote
    for fmt in ("blt", "csv"):
        assert client.get(url(world, election, f"ballots.{fmt}")).status_code == 200


def test_a_tie_settled_by_lot_is_shown_with_its_seed(world, commit):
    """Two candidates level for exclusion after the first preferences, with no earlier stage to look
    back to: the engine draws by lot, and the page names the lot and the draw, as the CLI does."""
    voters = add_voters(world, 2, prefix="Tied")
    election = make_election(world, seats=1)
    candidates = nominate(world, election, [world.organizer, world.member, voters[0]])
    open_voting(world, election)
    roll = [world.organizer, world.member, *voters]
    for member, first in zip(roll, [0, 0, 1, 2], strict=True):
        services.ballot_cast(voter=member, election=election, ranking=[candidates[first].pk])
    with commit(execute=True):
        services.election_close(actor=world.organizer, election=election)
    election.refresh_from_db()
    html = client_for(world.member).get(url(world, election, "results/")).content.decode()
    b, c = candidates[1].member.display_name, candidates[2].member.display_name
    assert "Ties, and how each was settled" in html
    assert f"who is excluded: {b}, {c} were level" in html
    assert "was chosen by lot." in html
    assert f"seed &#x27;{election.seed}&#x27;, draw &#x27;stage 2 exclusion&#x27;" in html


def test_the_review_step_casts_nothing_until_the_voter_confirms(world, running):
    election, candidates, _voters = running
    a, b, c = candidates
    choice = {f"rank_{a.pk}": "2", f"rank_{c.pk}": "1", f"rank_{b.pk}": ""}
    client = client_for(world.member)
    review = client.post(url(world, election, "vote/"), {**choice, "step": "review"})
    html = review.content.decode()
    assert review.status_code == 200 and "Nothing has been cast yet" in html
    names = [c.member.display_name, a.member.display_name]
    assert html.index(names[0]) < html.index(names[1])  # listed in the voter's order
    assert not Ballot.objects.exists() and not Receipt.objects.exists()
    back = client.post(url(world, election, "vote/"), {**choice, "step": "change"})
    assert back.status_code == 200 and not Ballot.objects.exists()
    assert '<option value="1" selected>1</option>' in back.content.decode()
    cast = client.post(url(world, election, "vote/"), {**choice, "step": "cast"})
    assert cast.status_code == 200 and cast.context["code"]
    assert Ballot.objects.count() == 1


def test_each_voter_gets_their_own_random_order_and_keeps_it(world):
    election = make_election(world, seats=2)
    voters = add_voters(world, 8, prefix="Order")
    nominate(world, election, voters)
    open_voting(world, election)

    def order_seen(member):
        html = client_for(member).get(url(world, election, "vote/")).content.decode()
        return [v.display_name for v in sorted(voters, key=lambda v: html.index(v.display_name))]

    organizer_order, member_order = order_seen(world.organizer), order_seen(world.member)
    assert organizer_order == order_seen(world.organizer)  # the same on every visit
    assert organizer_order != member_order  # 8! orders: equal only by a 1-in-40,320 chance
    election.ballot_order = "listed"
    election.save(update_fields=["ballot_order"])
    listed = [v.display_name for v in voters]
    assert order_seen(world.organizer) == listed == order_seen(world.member)


def test_a_ranked_ballot_shows_each_candidates_slate(world):
    election = make_election(world, seats=2)
    voters = add_voters(world, 2, prefix="Slate")
    nominate(world, election, voters, slates=["Rank and File", ""])
    open_voting(world, election)
    html = client_for(world.member).get(url(world, election, "vote/")).content.decode()
    row = html[html.index(voters[0].display_name) :][:200]
    assert '<span class="badge">Rank and File</span>' in row
    other = html[html.index(voters[1].display_name) :][:120]
    assert "badge" not in other.split("</th>")[0]
