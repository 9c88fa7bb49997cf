"""Importing an outside election through the pages: upload, preview (nothing saved), count and
save; the result shown like a native one and marked imported everywhere; recount under another
preset; download again; every golden file's official winners; bad files refused by line."""

from __future__ import annotations

import re
from html import escape, unescape

import pytest
from django.test import Client

from orgkit.core.models import AuditEvent
from orgkit.elections.counting.blt import parse_blt
from orgkit.elections.models import Election, ElectionImport, ElectionResult
from tests.integration.elections.conftest import assembly
from tests.integration.elections.import_support import (
    GOLDEN_STV,
    REFUSED,
    every_golden_file,
    official_winners,
)

pytestmark = pytest.mark.django_db

NOTE = "Imported — counted by orgkit from a file; not voted in orgkit"
WIKIPEDIA = (GOLDEN_STV / "wikipedia-food-election.blt").read_bytes()


def client_for(member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def preview(client, world, name, content, **settings):
    data = {"step": "preview", "body": assembly(world).pk, "rule": "scottish", **settings}
    return client.post(
        f"/o/{world.org.slug}/elections/import/", {**data, "file": upload(name, content)}
    )


def confirm(client, world, page):
    """Post the preview page's confirm form back, exactly as a browser would."""
    html = page.content.decode()
    form = html[html.index('<input type="hidden" name="step" value="save">') :]
    fields = {
        name: unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)
    }
    fields["step"] = "save"
    return client.post(f"/o/{world.org.slug}/elections/import/", fields)


def import_through_pages(client, world, name, content, **settings) -> Election:
    page = preview(client, world, name, content, **settings)
    assert page.status_code == 200, page.content.decode()[:2000]
    saved = confirm(client, world, page)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    election_id = int(saved["Location"].rstrip("/").split("/")[-2])
    return Election.objects.get(pk=election_id)


def test_preview_saves_nothing_then_the_count_is_shown_like_a_native_one(world):
    client = client_for(world.organizer)
    page = client.get(f"/o/{world.org.slug}/elections/import/")
    assert page.status_code == 200 and 'type="file"' in page.content.decode()

    shown = preview(client, world, "food.blt", WIKIPEDIA)
    html = shown.content.decode()
    assert shown.status_code == 200
    for name in ("Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers"):
        assert name in html
    assert "Nothing is saved yet" in html and "20 (" in html  # 20 ballots
    assert not Election.objects.filter(organization=world.org).exists()
    assert not AuditEvent.objects.filter(verb="elections.election.imported").exists()

    saved = confirm(client, world, shown)
    election = Election.objects.get(organization=world.org, imported=True)
    assert saved["Location"] == f"/o/{world.org.slug}/elections/{election.pk}/results/"
    assert election.state == "published" and election.seats == 3 and election.rule == "scottish"
    assert election.title == (
        "Wikipedia 'Single transferable vote' worked example (20 voters, 3 seats)"
    )
    results = client.get(saved["Location"]).content.decode()
    assert NOTE in results
    elected = results.split('<ol class="elected">', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r"<li>([^<]+)</li>", elected) == ["Chocolate", "Oranges", "Strawberries"]
    # The same sections as a native ranked election: winner-take-all, stages, the chart.
    for heading in ("The same ballots under winner-take-all", "Round by round", "<svg"):
        assert heading in results
    assert "Turnout by branch" not in results and "Lodge a protest" not in results
    assert "Find your receipt" not in results and "/vote/" not in results

    # Marked imported in the list, the overview, the log and the API.
    listing = client.get(f"/o/{world.org.slug}/elections/").content.decode()
    row = listing.split(escape(election.title), 1)[1].split("</tr>", 1)[0]
    assert ">imported</span>" in row and "not voted in orgkit" in row
    overview = client.get(f"/o/{world.org.slug}/elections/{election.pk}/").content.decode()
    assert NOTE in overview and "food.blt" in overview and "Hamburgers" in overview
    assert "Open voting" not in overview and "Nominate" not in overview
    log = client.get(f"/o/{world.org.slug}/elections/{election.pk}/log/").content.decode()
    assert "imported from food.blt and counted by orgkit" in log
    api = client.get(f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/results/").json()
    assert api["imported"] is True and api["result"]["imported"]["note"] == NOTE
    assert api["result"]["imported"]["filename"] == "food.blt"


def test_no_roll_no_voting_no_notice_no_protest(world):
    client = client_for(world.organizer)
    election = import_through_pages(client, world, "food.blt", WIKIPEDIA)
    assert not election.roll.exists() and not election.ballots.exists()
    assert election.notice_sent_at is None and not election.ballot_key
    base = f"/o/{world.org.slug}/elections/{election.pk}"
    member = client_for(world.member)
    assert member.post(f"{base}/vote/", {"rank_1": "1"}).status_code in (400, 302, 403)
    assert not election.ballots.exists()
    member.post(f"{base}/protests/", {"text": "I object"})
    assert not election.protests.exists()
    client.post(f"{base}/notice/")
    client.post(f"{base}/move/", {"to": "voting"})
    election.refresh_from_db()
    assert election.state == "published" and election.notice_sent_at is None


def test_recount_under_another_preset_keeps_the_old_count(world):
    client = client_for(world.organizer)
    election = import_through_pages(client, world, "food.blt", WIKIPEDIA)
    base = f"/o/{world.org.slug}/elections/{election.pk}"
    answer = client.post(f"{base}/imported/recount/", {"rule": "meek"})
    assert answer.status_code == 302
    counts = list(ElectionResult.objects.filter(election=election).order_by("created_at", "pk"))
    assert [c.data["rule"] for c in counts] == ["scottish", "meek"]
    assert counts[1].recount_of_id == counts[0].pk
    # Meek's exact quota elects Strawberries before Oranges; the page now shows that count.
    results = client.get(f"{base}/results/").content.decode()
    elected = results.split('<ol class="elected">', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r"<li>([^<]+)</li>", elected) == ["Chocolate", "Strawberries", "Oranges"]
    assert "Every count of these ballots" in results and "Scottish STV" in results
    verbs = list(
        AuditEvent.objects.filter(target_type="elections.election", target_id=str(election.pk))
        .order_by("occurred_at", "pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["elections.election.imported", "elections.election.import_recounted"]
    # A member may not; an unknown rule is refused and adds nothing.
    assert (
        client_for(world.member).post(f"{base}/imported/recount/", {"rule": "wigm"}).status_code
        == 403
    )
    client.post(f"{base}/imported/recount/", {"rule": "dhondt"})
    assert ElectionResult.objects.filter(election=election).count() == 2
    # The same-seed recount of a native election also works on an imported one.
    client.post(f"{base}/results/recount/")
    assert ElectionResult.objects.filter(election=election).count() == 3


def test_the_ballots_download_again_as_the_same_election(world):
    client = client_for(world.organizer)
    election = import_through_pages(client, world, "food.blt", WIKIPEDIA)
    base = f"/o/{world.org.slug}/elections/{election.pk}"
    blt = client_for(world.member).get(f"{base}/ballots.blt")
    assert blt.status_code == 200
    again, original = parse_blt(blt.content.decode()), parse_blt(WIKIPEDIA.decode())
    assert again.candidates == original.candidates and again.seats == original.seats
    assert again.grouped().ballots == original.grouped().ballots
    csv = client.get(f"{base}/ballots.csv")
    assert csv.status_code == 200 and "Chocolate" in csv.content.decode()


def test_settings_override_the_file_and_a_csv_file_imports(world):
    client = client_for(world.organizer)
    election = import_through_pages(
        client, world, "food.blt", WIKIPEDIA, seats="2", title="Food 2025", rule="wigm"
    )
    assert (election.seats, election.title, election.rule) == (2, "Food 2025", "wigm")
    csv = b"Ann,Bob\nAnn,Cy\nBob\nCy,Bob\nAnn\n"
    page = preview(client, world, "paper-count.csv", csv)
    assert page.status_code == 400 and "does not say how many seats" in page.content.decode()
    election = import_through_pages(client, world, "paper-count.csv", csv, seats="1")
    assert election.title == "paper-count" and election.imported_file.file_format == "csv"
    assert election.results.get().data["elected"] == ["Ann"]


MALFORMED = {
    # Cut short after its fifth line (an upload that stopped half way through the ballots).
    "truncated": (
        b"".join(WIKIPEDIA.splitlines(keepends=True)[:5]),
        "Line 5 of the file: no end-of-ballots line",
    ),
    "truncated in a name": (WIKIPEDIA[:60], "Line 10 of the file: unterminated quoted name"),
    "wrong candidate count": (
        b'3 1\n1 1 2 0\n0\n"A"\n"B"\n"T"\n',
        "Line 6 of the file: the header declares 3 candidates, so 'T' would be candidate 3",
    ),
    "non-numeric weight": (
        b'2 1\n1 1 0\nlots 2 0\n0\n"A"\n"B"\n"T"\n',
        "Line 3 of the file: ballot weight 'lots' is not a number",
    ),
    "weight of 10^20": (
        b'2 1\n1 1 0\n100000000000000000000 2 1 0\n0\n"A"\n"B"\n"T"\n',
        "Line 3 of the file: a ballot line weighs 100000000000000000000",
    ),
    "empty": (b"", "file is empty."),
    "binary": (bytes(range(256)) * 4, "This is not a text file"),
    "huge": (b"2 1\n" + b"1 1 2 0\n" * 400_000 + b'0\n"A"\n"B"\n"T"\n', "at most 3 MB"),
    "equal rankings": (
        (GOLDEN_STV / "droop-testsuite" / "eq1.blt").read_bytes(),
        "equal rankings",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_bad_file_is_refused_with_its_line_and_nothing_is_saved(world, case):
    content, message = MALFORMED[case]
    page = preview(client_for(world.organizer), world, "bad.blt", content)
    html = page.content.decode()
    assert page.status_code == 400
    assert message.replace("'", "&#x27;") in html, html.split('class="error"', 1)[-1][:400]
    assert not Election.objects.exists() and not ElectionImport.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="elections.").exists()


def test_the_equal_ranking_files_name_their_line():
    for path in REFUSED:
        text = (GOLDEN_STV / path).read_text()
        with pytest.raises(ValueError, match=r"line \d+: equal rankings"):
            parse_blt(text)


def test_a_tampered_preview_is_refused(world):
    client = client_for(world.organizer)
    page = preview(client, world, "food.blt", WIKIPEDIA)
    html = page.content.decode().replace('name="token" value="', 'name="token" value="x')
    tampered = type(page)(html)
    answer = confirm(client, world, tampered)
    assert answer.status_code == 400 and "upload the file again" in answer.content.decode()
    assert not Election.objects.exists()


def test_members_and_outsiders_cannot_import(world):
    url = f"/o/{world.org.slug}/elections/import/"
    assert client_for(world.member).get(url).status_code == 403
    answer = preview(client_for(world.member), world, "food.blt", WIKIPEDIA)
    assert answer.status_code == 403 and not Election.objects.exists()


def test_every_golden_file_is_covered():
    covered = set(official_winners()) | REFUSED
    assert {str(p.relative_to(GOLDEN_STV)) for p in every_golden_file()} == covered


@pytest.mark.parametrize("path", sorted(official_winners()))
def test_golden_file_imported_through_the_page_elects_the_official_winners(world, path):
    rule, winners = official_winners()[path]
    content = (GOLDEN_STV / path).read_bytes()
    election = import_through_pages(
        client_for(world.organizer), world, path.split("/")[-1], content, rule=rule
    )
    result = election.results.get()
    assert set(result.data["elected"]) == winners
    assert result.data["rule"] == rule and result.data["imported"]["filename"] in path


def test_health_metrics_leave_imported_elections_out(world):
    """Turnout and notice are about voting in orgkit: an imported election has neither."""
    from datetime import timedelta

    from django.utils import timezone

    from orgkit.health.selectors import elections_since

    election = import_through_pages(client_for(world.organizer), world, "food.blt", WIKIPEDIA)
    since = timezone.now() - timedelta(days=30)
    assert election.voting_opens_at >= since
    assert [row[0] for row in elections_since(organization=world.org, since=since)] == []


def test_the_management_command_imports_and_refuses_like_the_page(world, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    good = tmp_path / "food.blt"
    good.write_bytes(WIKIPEDIA)
    slug, body = world.org.slug, assembly(world).slug
    out = StringIO()
    call_command(
        "import_election",
        slug,
        str(good),
        body=body,
        by="olga@example.org",
        preview=True,
        stdout=out,
    )
    assert "nothing saved" in out.getvalue() and not Election.objects.exists()
    call_command(
        "import_election",
        slug,
        str(good),
        body=body,
        by="olga@example.org",
        rule="meek",
        stdout=out,
    )
    assert "elected: Chocolate, Strawberries, Oranges" in out.getvalue()
    bad = tmp_path / "bad.blt"
    bad.write_bytes(b'2 1\n1 1 0\nx 2 0\n0\n"A"\n"B"\n"T"\n')
    with pytest.raises(CommandError, match="Line 3 of the file"):
        call_command("import_election", slug, str(bad), body=body, by="olga@example.org")
    with pytest.raises(CommandError, match="Only organizers"):
        call_command("import_election", slug, str(good), body=body, by="max@example.org")
    assert Election.objects.count() == 1
