"""The official result sheet (PDF, Markdown) and the result's CSV tables: what a union posts on
the board, read back out of the PDF the way a reader's program would."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from orgkit.elections import services
from orgkit.elections.models import Election, ElectionResult
from orgkit.elections.result_sheet import CandidateInfo, tally_ranked, tally_slates
from orgkit.elections.sheet import csv_table, sheet_blocks
from orgkit.elections.sheet_pdf import sheet_pdf
from orgkit.elections.sheet_render import to_markdown
from orgkit.organizations.models import Body, Member, Organization
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting
from tests.support import assert_queries_constant, queries_of, write_catalogue

pytestmark = pytest.mark.django_db


def pdf_text(body: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(body))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def client_for(member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


@pytest.fixture
def demo():
    """``manage.py load_demo``: the congress election, published, read by a demo member."""
    call_command("load_demo", stdout=io.StringIO())
    election = Election.objects.get(title="Delegates to the Regional Congress")
    member = Member.objects.get(
        organization=election.organization, user__email="member@demo.orgkit.test"
    )
    base = f"/o/{election.organization.slug}/elections/{election.pk}/"
    data = ElectionResult.objects.get(election=election, recount_of=None).data
    return election, data, client_for(member), base


def test_the_demo_congress_sheet_pdf_holds_its_stages_and_the_comparison(demo):
    election, data, client, base = demo
    response = client.get(base + "results/sheet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    _reader, text = pdf_text(response.content)
    assert "Official result: Delegates to the Regional Congress" in text
    # Every figure of every stage, and the quota.
    stages = data["stv"]["stages"]
    assert len(stages) >= 2
    for stage in stages:
        assert f"Stage {stage['number']}" in text
        for votes in stage["votes"].values():
            assert votes in text
    assert f"Quota: {data['stv']['quota']}." in text
    for order, name in enumerate(data["elected"], 1):
        assert f"{order}. {name}" in text
    # The winner-take-all comparison, seats per slate and each system's Gallagher index.
    assert "The same ballots under winner-take-all" in text
    assert "block vote (winner-take-all) " + ", ".join(data["block_vote"]["elected"]) in text
    assert "Gallagher index" in text
    for system in data["slates"]["systems"]:
        assert system["gallagher"] in text
    assert "STV (scottish) 3 2 4.7368" in text and "block vote 5 0 44.7368" in text
    assert data["seed"] in text
    turnout = data["turnout"]
    assert f"{turnout['on_roll']} on the roll; {turnout['voted']} voted" in text


def test_the_results_page_offers_the_sheet_and_the_tables_to_members(demo):
    election, data, client, base = demo
    html = client.get(base + "results/").content.decode()
    for href in ("results/sheet.pdf", "results/sheet.md", "results/stages.csv"):
        assert f'href="{base}{href}"' in html
    for href in ("results/elected.csv", "results/comparison.csv", "results/slates.csv"):
        assert f'href="{base}{href}"' in html
    markdown = client.get(base + "results/sheet.md")
    assert markdown["Content-Type"].startswith("text/markdown")
    text = markdown.content.decode()
    assert text.startswith("# Official result: Delegates to the Regional Congress\n")
    assert "| Candidate | Stage 1 | Stage 2 |" in text and "|---|---:|---:|" in text
    assert f"1. {data['elected'][0]}" in text
    stages = list(csv.reader(io.StringIO(client.get(base + "results/stages.csv").content.decode())))
    assert stages[0][:2] == ["Candidate", "Stage 1"] and stages[0][-1] == "Outcome"
    assert stages[-1][0] == "Non-transferable" and len(stages) == len(data["candidates"]) + 2
    elected = list(
        csv.reader(io.StringIO(client.get(base + "results/elected.csv").content.decode()))
    )
    assert [row[1] for row in elected[1:]] == data["elected"]


@pytest.fixture
def finished(world, django_capture_on_commit_callbacks):
    """A published election whose candidates have awkward names, with a protest answered
    and one not."""
    voters = add_voters(world, 6)
    voters[0].user.full_name = '=HYPERLINK("http://evil.example")'
    voters[0].user.save()
    voters[1].user.full_name = "Ольга Петрова"
    voters[1].user.save()
    election = make_election(world, seats=2)
    candidates = nominate(world, election, voters[:3])
    open_voting(world, election)
    for n, voter in enumerate(voters):
        services.ballot_cast(
            voter=voter,
            election=election,
            ranking=[candidates[n % 3].pk, candidates[(n + 1) % 3].pk],
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.election_close(actor=None, election=election, at=election.voting_closes_at)
    election.refresh_from_db()
    answered = services.protest_lodge(
        actor=world.member, election=election, text="Branch North was left off the roll."
    )
    services.protest_answer(
        actor=world.organizer, protest=answered, answer="It was not: see the roll of 1 May."
    )
    services.protest_lodge(actor=world.member, election=election, text="The hall was locked.")
    return election


def test_protests_answers_and_non_latin_names_are_on_the_sheet(world, finished):
    election = finished
    client = client_for(world.member)
    base = f"/o/{world.org.slug}/elections/{election.pk}/"
    _reader, text = pdf_text(client.get(base + "results/sheet.pdf").content)
    flat = " ".join(text.split())
    assert "Ольга Петрова" in flat
    assert "Protest 1, by Max Member" in flat and "Branch North was left off the roll." in flat
    assert "Answer by Olga Organizer" in flat and "It was not: see the roll of 1 May." in flat
    assert "The hall was locked." in flat and "Not answered yet." in flat
    assert "No candidate stood on a slate" in flat


def test_csv_cells_that_look_like_formulas_are_neutralised(world, finished):
    client = client_for(world.member)
    base = f"/o/{world.org.slug}/elections/{finished.pk}/"
    for table in ("stages", "comparison"):
        body = client.get(base + f"results/{table}.csv").content.decode()
        cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
        assert any(cell.startswith("'=HYPERLINK") for cell in cells) or table == "comparison"
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), table
    elected = client.get(base + "results/elected.csv").content.decode()
    assert "\n=" not in elected and ",=" not in elected


def test_the_sheet_speaks_the_readers_language(world, finished, settings, tmp_path):
    write_catalogue(
        tmp_path,
        "es",
        {
            "Official result: %(title)s": "Resultado oficial: %(title)s",
            "Protests and answers": "Impugnaciones y respuestas",
            "Stage %(number)s": "Etapa %(number)s",
            "Stage %(number)s: %(action)s": "Etapa %(number)s: %(action)s",
            "first preferences": "primeras preferencias",
        },
    )
    settings.LOCALE_PATHS = [tmp_path]
    world.member.language = "es"
    world.member.save(update_fields=["language"])
    base = f"/o/{world.org.slug}/elections/{finished.pk}/"
    text = client_for(world.member).get(base + "results/sheet.md").content.decode()
    assert text.startswith("# Resultado oficial: Delegates 2026")
    assert "## Impugnaciones y respuestas" in text and "| Etapa 1 |" in text
    assert "Etapa 1: primeras preferencias" in text
    assert "Official result" not in text and "Stage 1" not in text


def test_a_long_count_turns_landscape_and_continues_across_pages():
    """Forty candidates in Greek, Cyrillic and Latin letters: every stage and every name is in
    the PDF, in column slices on landscape pages, the header repeated on each page."""
    alphabets = ["Αλέξανδρος Παπαδόπουλος", "Наталья Смирнова", "Søren Ødegård"]
    candidates = [CandidateInfo(id=i, name=f"{alphabets[i % 3]} {i:02d}") for i in range(1, 41)]
    grouped = [
        ([c.id for c in candidates[i:]] + [c.id for c in candidates[:i]], 3 + i % 7)
        for i in range(40)
    ]
    data = tally_ranked(candidates=candidates, seats=3, grouped=grouped, rule="scottish", seed="x")
    data["turnout"] = {"by_branch": [], "on_roll": 300, "voted": 200}
    org = Organization(name="Союз", slug="soyuz")
    election = Election(
        organization=org,
        body=Body(organization=org, name="Совет"),
        title="Большой совет",
        seats=3,
        nominations_open_at=timezone.now(),
        nominations_close_at=timezone.now(),
        voting_opens_at=timezone.now(),
        voting_closes_at=timezone.now(),
    )
    result = ElectionResult(election=election, data=data, created_at=timezone.now())
    blocks = sheet_blocks(election=election, result=result, protests=[])
    stages = len(data["stv"]["stages"])
    assert stages > 25
    reader, text = pdf_text(sheet_pdf(blocks, title=election.title))
    first = reader.pages[0].mediabox
    assert first.width > first.height  # landscape
    assert len(reader.pages) >= 3
    flat = " ".join(text.split())
    for c in candidates:
        assert c.name in flat
    for number in range(1, stages + 1):
        assert f"Stage {number}" in flat
    # The candidate column is repeated in each slice of stages.
    assert flat.count(candidates[-1].name) >= 3
    assert f"| Stage {stages} |" in to_markdown(blocks)


def test_the_sheet_costs_the_same_queries_however_many_protests(world, finished):
    client = client_for(world.member)
    base = f"/o/{world.org.slug}/elections/{finished.pk}/"
    api = f"/api/v1/orgs/{world.org.slug}/elections/{finished.pk}/"

    def measure():
        return (
            queries_of(client, base + "results/sheet.md", contains="Protests and answers"),
            queries_of(client, api + "results/sheet.md", contains="Protests and answers"),
        )

    def grow():
        for n in range(20):
            protest = services.protest_lodge(
                actor=world.member, election=finished, text=f"Protest number {n}."
            )
            services.protest_answer(actor=world.organizer, protest=protest, answer="Noted.")

    assert_queries_constant(measure, grow, at_most=12)


def _unsaved(data: dict, **fields) -> tuple[Election, ElectionResult]:
    org = Organization(name="Union", slug="union")
    now = timezone.now()
    election = Election(
        organization=org,
        body=Body(organization=org, name="Council"),
        title="Council",
        seats=data["seats"],
        nominations_open_at=now,
        nominations_close_at=now,
        voting_opens_at=now,
        voting_closes_at=now,
        **fields,
    )
    data["turnout"] = {"by_branch": [], "on_roll": 10, "voted": 0}
    return election, ElectionResult(election=election, data=data, created_at=now)


def test_slate_ballots_and_empty_boxes_make_a_sheet_too():
    candidates = [
        CandidateInfo(id=i, name=f"C{i}", slate="Red" if i < 3 else "Blue") for i in range(5)
    ]
    slates = {10: "Red", 11: "Blue"}
    data = tally_slates(
        candidates=candidates,
        slates=slates,
        seats=3,
        grouped=[([10], 7), ([11], 4)],
        rule="dhondt",
        seed="s",
    )
    election, result = _unsaved(data, ballot_kind="slate", rule="dhondt", weighting="branch_size")
    blocks = sheet_blocks(election=election, result=result, protests=[])
    markdown = to_markdown(blocks)
    assert "Gallagher index" in markdown and "slate winner-take-all" in markdown
    assert "Weighted vote" in markdown and "Stages of the count" not in markdown
    assert csv_table(data, "stages") is None and csv_table(data, "comparison") is None
    assert csv_table(data, "slates").header[-1] == "Gallagher index"
    _reader, text = pdf_text(sheet_pdf(blocks, title="x"))
    assert "Red" in text and "Blue" in text

    empty = tally_slates(
        candidates=candidates, slates=slates, seats=3, grouped=[], rule="dhondt", seed="s"
    )
    election, result = _unsaved(empty, ballot_kind="slate", rule="dhondt")
    assert "No one." in to_markdown(sheet_blocks(election=election, result=result, protests=[]))
    assert csv_table(empty, "slates") is None
    ranked = tally_ranked(candidates=candidates, seats=2, grouped=[], rule="scottish", seed="s")
    election, result = _unsaved(ranked)
    pdf_text(sheet_pdf(sheet_blocks(election=election, result=result, protests=[]), title="x"))
