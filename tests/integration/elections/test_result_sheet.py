"""The official result sheet (PDF, Markdown) and the result's CSV tables: what a union posts on
the board, read back out of the PDF the way a reader's program would."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from orgkit.elections import services
from orgkit.elections.models import Election, ElectionResult
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting
from tests.support import assert_queries_constant, queries_of, write_catalogue

pytestmark = pytest.mark.django_db

DEMO_MEMBER = "member@demo.orgkit.test"


def pdf_text(body: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(body))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def demo():
    """``manage.py load_demo``: the congress election, published, read by a demo member."""
    call_command("load_demo", stdout=io.StringIO())
    election = Election.objects.get(title="Delegates to the Regional Congress")
    from orgkit.organizations.models import Member

    member = Member.objects.get(organization=election.organization, user__email=DEMO_MEMBER)
    client = Client()
    client.force_login(member.user)
    base = f"/o/{election.organization.slug}/elections/{election.pk}/"
    return (
        election,
        ElectionResult.objects.get(election=election, recount_of=None).data,
        client,
        base,
    )


def test_the_demo_congress_sheet_pdf_holds_its_stages_and_the_comparison(demo):
    election, data, client, base = demo
    response = client.get(base + "results/sheet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader, text = pdf_text(response.content)
    open("/tmp/sheet/demo.pdf", "wb").write(response.content)
    print(text)
    assert "Official result: Delegates to the Regional Congress" in text
    # Every figure of every stage, and the quota.
    stages = data["stv"]["stages"]
    assert len(stages) >= 2
    for stage in stages:
        assert f"Stage {stage['number']}" in text
        for votes in stage["votes"].values():
            assert votes in text
    assert data["stv"]["quota"] in text
    for name in data["elected"]:
        assert name in text
    # The winner-take-all comparison, seats per slate and each system's Gallagher index.
    assert "The same ballots under winner-take-all" in text
    assert "block vote (winner-take-all)" in text
    for name in data["block_vote"]["elected"]:
        assert name in text
    assert "Gallagher index" in text
    for system in data["slates"]["systems"]:
        assert system["gallagher"] in text
    assert data["seed"] in text
    turnout = data["turnout"]
    assert f"{turnout['on_roll']} on the roll; {turnout['voted']} voted" in text
