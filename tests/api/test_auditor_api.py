"""For auditors, through the API: an auditor with a token fetches the anonymised ballots and
recounts them with the counting CLI (a separate process) to the same winners; the result
sheet and the CSV tables come the same way; nothing of the kind before publication."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader
from rest_framework.test import APIClient

from orgkit.elections import services
from orgkit.elections.counting.blt import read_blt
from orgkit.elections.models import Ballot, Election, ElectionResult
from orgkit.elections.services.ballot_box import ballot_seal
from orgkit.elections.services.voting import ballot_width
from orgkit.organizations import services as org_services
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CALTON = ROOT / "tests/golden/stv/glasgow-2007/Calton-2007.blt"
# Glasgow City Council, Calton ward, 2007 (the official winners; see tests/golden/stv).
CALTON_WINNERS = {"George Redmond", "Alison E Thewliss", "Ruth Simpson"}


def auditor(email: str, password: str) -> APIClient:
    """An API client holding a token, as an auditor's script would (no session)."""
    answer = APIClient().post(
        "/api/v1/auth/token/", {"email": email, "password": password}, format="json"
    )
    assert answer.status_code == 200, answer.content
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    return client


def recount_with_the_cli(blt: bytes, tmp_path: Path, *, rule: str, seed: str) -> list[str]:
    """``python -m orgkit.elections.counting stv`` on the downloaded file, in its own process."""
    path = tmp_path / "ballots.blt"
    path.write_bytes(blt)
    done = subprocess.run(
        [sys.executable, "-m", "orgkit.elections.counting", "stv", str(path)]
        + ["--rule", rule, "--seed", seed, "--format", "json"],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)["elected"]


def test_an_auditor_recounts_the_demo_congress_election_from_the_api(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    election = Election.objects.get(title="Delegates to the Regional Congress")
    stored = ElectionResult.objects.get(election=election, recount_of=None).data
    client = auditor("member@demo.orgkit.test", "demo-member-1922")
    one = f"/api/v1/orgs/{election.organization.slug}/elections/{election.pk}/"

    blt = client.get(one + "ballots.blt")
    assert blt.status_code == 200, blt.content
    assert blt["Content-Type"].startswith("text/plain")
    elected = recount_with_the_cli(blt.content, tmp_path, rule=election.rule, seed=election.seed)
    assert elected == stored["elected"] and len(elected) == election.seats

    # The CSV holds the same ballots: every ranking with its weight, 38 papers in all.
    rows = list(csv.reader(io.StringIO(client.get(one + "ballots.csv").content.decode())))
    assert sum(int(row[0]) for row in rows[1:]) == stored["ballots"] == 38

    # Who voted, paged: 40 on the roll, 38 of them voted, never how.
    page = client.get(one + "who-voted/", {"limit": 25}).json()
    rest = client.get(one + "who-voted/", {"limit": 25, "offset": 25}).json()
    assert page["count"] == 40 and len(page["results"]) == 25 and len(rest["results"]) == 15
    entries = page["results"] + rest["results"]
    assert sum(e["voted"] for e in entries) == 38
    assert set(entries[0]) == {"member", "name", "voted"}

    # And the result sheet, in the same session, holds the figures the recount gave.
    sheet = client.get(one + "results/sheet.pdf", HTTP_ACCEPT="application/pdf")
    assert sheet.status_code == 200 and sheet["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(sheet.content)).pages)
    assert all(name in text for name in elected)
    markdown = client.get(one + "results/sheet.md").content.decode()
    assert "| block vote (winner-take-all) |" in markdown


def _golden_election(world, path: Path) -> Election:
    """A real ward's ballots in an election run through the services: its candidates
    nominated as members, voting opened, each paper sealed into the box as a cast ballot is
    (the roll is bypassed, as ``fill_ballots`` does), then closed and counted."""
    golden = read_blt(path)
    members = [
        org_services.member_add(
            actor=world.organizer, email=f"golden{i}@example.org", full_name=name
        )
        for i, name in enumerate(golden.candidates)
    ]
    election = make_election(world, seats=golden.seats, title=golden.title or path.stem)
    candidates = nominate(world, election, members)
    open_voting(world, election)
    ids = [c.pk for c in candidates]
    width = ballot_width(election=election)
    Ballot.objects.bulk_create(
        Ballot(
            organization=world.org,
            election=election,
            sealed=ballot_seal(election=election, ranking=[ids[i] for i in b.ranking], width=width),
        )
        for b in golden.ballots
        for _ in range(int(b.weight))
    )
    services.election_close(actor=None, election=election, at=election.voting_closes_at)
    services.election_count(election_id=election.pk, notify=False)
    election.refresh_from_db()
    assert election.state == Election.State.PUBLISHED
    return election


def test_an_auditor_recounts_a_golden_glasgow_ward_from_the_api(world, tmp_path):
    election = _golden_election(world, CALTON)
    stored = ElectionResult.objects.get(election=election, recount_of=None).data
    client = auditor("max@example.org", "pw-for-tests-1")
    one = f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/"
    blt = client.get(one + "ballots.blt")
    assert blt.status_code == 200
    elected = recount_with_the_cli(blt.content, tmp_path, rule="scottish", seed=election.seed)
    assert elected == stored["elected"]
    assert set(elected) == CALTON_WINNERS
    assert stored["ballots"] == read_blt(CALTON).total_weight == 5199


@pytest.fixture
def open_election(world) -> Election:
    election = make_election(world)
    nominate(world, election, add_voters(world, 3))
    return open_voting(world, election)


def test_nothing_for_auditors_before_the_result_is_published(
    world, open_election, django_capture_on_commit_callbacks
):
    election = open_election
    client = auditor("max@example.org", "pw-for-tests-1")
    one = f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/"
    for path in ("ballots.blt", "ballots.csv", "results/sheet.pdf", "results/elected.csv"):
        answer = client.get(one + path)
        assert answer.status_code == 409, (path, answer.status_code)
        assert answer.json()["detail"]
    assert client.get(one + "ballots.zip").status_code == 404
    assert client.get(one + "results/sheet.docx").status_code == 404
    assert client.get(one + "results/secrets.csv").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.election_close(actor=None, election=election, at=election.voting_closes_at)
    for path in ("ballots.blt", "results/sheet.md", "results/stages.csv"):
        assert client.get(one + path).status_code == 200, path
    # A slate ballot's stages do not exist; a ranked one without slates has no seats per slate.
    assert client.get(one + "results/slates.csv").status_code == 404
    # Another organization's election is a 404 to an outsider, with or without a token.
    other = APIClient()
    other.force_authenticate(world.outsider_user)
    assert other.get(one + "ballots.blt").status_code == 404
    assert APIClient().get(one + "ballots.blt").status_code in (401, 403)


def test_who_voted_and_the_ballots_cost_the_same_queries_however_many_voters(
    world, open_election, django_capture_on_commit_callbacks
):
    from orgkit.elections.models import VoterRollEntry
    from tests.support import assert_queries_constant, queries_of

    election = open_election
    with django_capture_on_commit_callbacks(execute=True):
        services.election_close(actor=None, election=election, at=election.voting_closes_at)
    client = auditor("max@example.org", "pw-for-tests-1")
    one = f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/"

    def measure():
        return (
            queries_of(client, one + "who-voted/?limit=200", contains='"voted"'),
            queries_of(client, one + "ballots.blt", contains=election.title),
            queries_of(client, one + "results/elected.csv", contains="Order"),
        )

    def grow():
        # Twenty more on the roll (written directly: the roll is fixed when voting opens).
        for member in add_voters(world, 20, prefix="Late"):
            VoterRollEntry.objects.create(
                organization=world.org, election=election, member=member, voted=True
            )

    assert_queries_constant(measure, grow, at_most=10)
    assert client.get(one + "who-voted/?limit=200").json()["count"] >= 23
