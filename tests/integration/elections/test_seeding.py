"""The demo organization's finished election: loaded through the services, idempotent, and
its results page shows STV giving the minority the seats the block vote would deny."""

from __future__ import annotations

import pytest
from django.test import Client

from orgkit.elections.models import Election, ElectionResult
from orgkit.elections.seeding import seed_demo
from orgkit.organizations.seeding import load_demo
from tests.support import log_in

pytestmark = pytest.mark.django_db


def test_demo_election_echoes_1922_and_loads_once(django_capture_on_commit_callbacks):
    org = load_demo()
    with django_capture_on_commit_callbacks(execute=True):
        assert seed_demo(organization=org) is True
    assert seed_demo(organization=org) is False
    election = Election.objects.get(organization=org, imported=False)
    assert election.state == "published"
    data = ElectionResult.objects.get(election=election).data
    stv = {row["system"]: row["seats"] for row in data["slates"]["systems"]}
    assert stv["STV (scottish)"] == {"Committee slate": 3, "Rank-and-file opposition": 2}
    assert stv["block vote"] == {"Committee slate": 5, "Rank-and-file opposition": 0}
    assert (data["turnout"]["voted"], data["turnout"]["on_roll"]) == (38, 40)

    client = Client()
    assert log_in(client, "member@demo.orgkit.test", "demo-member-1922")
    html = client.get(f"/o/{org.slug}/elections/{election.pk}/results/").content.decode()
    assert "Rank-and-file opposition" in html and "The same ballots under winner-take-all" in html
    listing = client.get(f"/o/{org.slug}/elections/").content.decode()
    assert "Delegates to the Regional Congress" in listing and "results" in listing


def test_load_demo_command_includes_the_election(capsys):
    from django.core.management import call_command

    call_command("load_demo")
    assert Election.objects.filter(state="published", imported=False).count() == 1
    call_command("load_demo")
    assert Election.objects.filter(imported=False).count() == 1


def test_the_demo_has_last_years_paper_count_imported_once():
    """A paper count of an earlier congress, imported from seeds/demo_imported_election.blt."""
    from django.core.management import call_command

    call_command("load_demo")
    call_command("load_demo")
    imported = Election.objects.get(imported=True)
    assert imported.imported_file.filename == "demo_imported_election.blt"
    assert imported.imported_file.withdrawn == ["Oskar Lind"]
    assert imported.results.get().data["elected"] == [
        "Marta Kowalski",
        "Idris Haddad",
        "Ingrid Larsen",
    ]
