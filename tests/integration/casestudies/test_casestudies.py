"""Case studies: loaded through the service, read on pages and the API, linked to safeguards,
the 84/99 replay equal to the counting command line, prompts dismissed once and for good."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orgkit.casestudies import services
from orgkit.casestudies.models import CaseStudy, PromptDismissal
from orgkit.casestudies.safeguards import SAFEGUARDS
from orgkit.core.errors import ServiceError
from orgkit.elections.counting.apportion import METHODS
from orgkit.health.replays import SEED, seats_table
from tests.support import assert_queries_constant


@pytest.fixture
def loaded(db):
    return services.case_studies_load()


@pytest.fixture
def member_client(world):
    client = Client()
    client.force_login(world.member.user)
    return client


def test_load_stores_every_study_and_is_idempotent(loaded, tmp_path):
    import shutil

    assert loaded >= 10
    assert CaseStudy.objects.count() == loaded
    stamps = dict(CaseStudy.objects.values_list("slug", "loaded_at"))
    assert services.case_studies_load() == loaded
    assert dict(CaseStudy.objects.values_list("slug", "loaded_at")) == stamps  # nothing rewritten
    # A changed file updates its study; a removed file removes it.
    for path in services.CATALOGUE_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    study = tmp_path / "11-nikolaev-1922.toml"
    study.write_text(study.read_text().replace("a congress that voted", "a congress that chose"))
    (tmp_path / "12-omsk.toml").unlink()
    assert services.case_studies_load(folder=tmp_path) == loaded - 1
    assert CaseStudy.objects.get(slug="nikolaev-1922").title.endswith(
        "a congress that chose the wrong way"
    )
    assert not CaseStudy.objects.filter(slug="omsk-committee").exists()
    assert all(s.safeguard in SAFEGUARDS for s in CaseStudy.objects.all())


def test_a_bad_catalogue_changes_nothing(loaded, tmp_path):
    (tmp_path / "bad.toml").write_text('slug = "x"\n', encoding="utf-8")
    with pytest.raises(ServiceError, match="bad.toml"):
        services.case_studies_load(folder=tmp_path)
    assert CaseStudy.objects.count() == loaded


def test_list_and_detail_pages(world, member_client, loaded):
    slug = world.org.slug
    page = member_client.get(reverse("casestudies:list", args=[slug]))
    assert page.status_code == 200
    assert page.content.decode().count('class="badge"') >= loaded
    filtered = member_client.get(reverse("casestudies:list", args=[slug]), {"tactic": "e"})
    body = filtered.content.decode()
    assert "84 against 99" in body and "Astrakhan" not in body
    found = member_client.get(reverse("casestudies:list", args=[slug]), {"q": "Nikolaev"})
    assert "Nikolaev" in found.content.decode() and "Astrakhan" not in found.content.decode()
    junk = member_client.get(
        reverse("casestudies:list", args=[slug]), {"tactic": "\x00zz", "q": "%00"}
    )
    assert junk.status_code == 200

    detail = member_client.get(
        reverse("casestudies:detail", args=[slug, "metalworkers-congress-1922"])
    )
    text = detail.content.decode()
    assert detail.status_code == 200
    assert reverse("elections:list", args=[slug]) in text  # linked to its safeguard
    assert "Allen 2015, p. 237" in text
    assert (
        member_client.get(reverse("casestudies:detail", args=[slug, "no-such"])).status_code == 404
    )


def test_a_safeguard_links_its_page_and_says_coming_when_its_app_is_missing(
    world, member_client, loaded, monkeypatch
):
    from orgkit.casestudies import views

    url = reverse("casestudies:detail", args=[world.org.slug, "kollontai-pamphlet-1921"])
    text = member_client.get(url).content.decode()
    assert "Minority reports on a deadline" in text and "coming" not in text
    # Without the decisions app the same study names the safeguard as coming, with no link.
    monkeypatch.setattr(views, "safeguard_available", lambda safeguard: False)
    text = member_client.get(url).content.decode()
    assert "Minority reports on a deadline" in text and "coming" in text


def test_the_replay_gives_the_same_seats_as_the_command_line(tmp_path):
    """84 against 99, every method, 3 to 15 seats: the page's table against the CLI's JSON."""
    votes = tmp_path / "metalworkers.csv"
    with votes.open("w", newline="") as f:
        csv.writer(f).writerows([["minority", 84], ["majority", 99]])
    table = {
        row.seats: row for row in seats_table(minority=84, majority=99, house_sizes=range(3, 16))
    }
    assert all(row.winner_take_all == 0 for row in table.values())
    for method in METHODS:
        # One process per method, every house size through the same CLI entry point.
        script = (
            "import json,sys,io,contextlib\n"
            "from orgkit.elections.counting.__main__ import main\n"
            "out={}\n"
            "for n in range(3,16):\n"
            "    buf=io.StringIO()\n"
            "    with contextlib.redirect_stdout(buf):\n"
            f"        code=main(['apportion',{str(votes)!r},'--seats',str(n),'--method',{method!r},'--seed',{SEED!r},'--format','json'])\n"
            "    assert code==0, code\n"
            "    out[n]=json.loads(buf.getvalue())['seats']\n"
            "print(json.dumps(out))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        cli = json.loads(done.stdout)
        for seats, row in table.items():
            assert cli[str(seats)]["minority"] == row.minority[method], (method, seats)
            assert cli[str(seats)]["majority"] == seats - row.minority[method], (method, seats)


def test_the_replay_page_shows_the_table(world, member_client, loaded):
    url = reverse("casestudies:detail", args=[world.org.slug, "metalworkers-congress-1922"])
    text = member_client.get(url, {"seats": "10"}).content.decode()
    row = seats_table(minority=84, majority=99, house_sizes=range(10, 11))[0]
    assert 'data-seats="10"' in text
    assert f"D'Hondt gives the opposition {row.minority['dhondt']}" in text.replace("&#x27;", "'")
    # Out-of-range and junk parameters are clamped, never an error.
    for junk in ("999", "-1", "x", "1e3"):
        assert member_client.get(url, {"seats": junk}).status_code == 200
    moscow = reverse("casestudies:detail", args=[world.org.slug, "moscow-delegates-1921"])
    share = member_client.get(moscow, {"share": "40", "seats": "10"}).content.decode()
    assert 'type="range"' in share and "winner-take-all" in share


def test_prompt_dismissed_once_and_for_good(world, member_client, loaded):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.member, request.organization = world.member, world.org
    template = Template('{% load casestudies %}{% why_safeguard "no-term-limit" %}')
    assert "Read the case study" in template.render(Context({"request": request}))
    url = reverse("casestudies:prompt-dismiss", args=[world.org.slug, "no-term-limit"])
    response = member_client.post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"].startswith("/o/")
    member_client.post(url)  # twice: still one row
    assert PromptDismissal.objects.filter(member=world.member).count() == 1
    assert "Read the case study" not in template.render(Context({"request": request}))
    # Another member still sees it.
    request.member = world.organizer
    assert "Read the case study" in template.render(Context({"request": request}))
    htmx = member_client.post(url, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and htmx.content == b""
    # Without the case studies loaded, no prompt links to a missing page.
    CaseStudy.objects.all().delete()
    request.member = world.organizer
    assert template.render(Context({"request": request})).strip() == ""
    bad = member_client.post(
        reverse("casestudies:prompt-dismiss", args=[world.org.slug, "no-such-note"]),
        HTTP_HX_REQUEST="true",
    )
    assert bad.status_code == 400


def test_api_lists_and_reads_studies(world, member_client, loaded):
    listing = member_client.get(
        reverse("api:case-study-list", args=[world.org.slug]), {"tactic": "a"}
    )
    assert listing.status_code == 200
    slugs = [s["slug"] for s in listing.json()["results"]]
    assert "nikolaev-1922" in slugs and "metalworkers-congress-1922" not in slugs
    one = member_client.get(
        reverse("api:case-study-detail", args=[world.org.slug, "nikolaev-1922"])
    )
    assert one.json()["figures"][0]["value"] == "84"
    assert "evidence" not in one.json()["figures"][0]


def test_list_page_and_endpoint_query_counts_do_not_grow(world, member_client, loaded):
    def measure():
        counts = []
        for url in (
            reverse("casestudies:list", args=[world.org.slug]),
            reverse("api:case-study-list", args=[world.org.slug]),
        ):
            with CaptureQueriesContext(connection) as ctx:
                assert member_client.get(url).status_code == 200
            counts.append(len(ctx))
        return tuple(counts)

    def grow():
        base = CaseStudy.objects.get(slug="nikolaev-1922")
        for i in range(20):
            base.pk, base.slug, base.position = None, f"extra-{i}", 100 + i
            base.save()

    assert_queries_constant(measure, grow, at_most=8)


@pytest.fixture
def organizer_client(world):
    client = Client()
    client.force_login(world.organizer.user)
    return client


@pytest.mark.parametrize(
    ("route", "key", "study"),
    [
        ("elections:create", "winner-take-all", "metalworkers-congress-1922"),
        ("rotations:create", "no-term-limit", "leadership-that-negates-itself"),
    ],
)
def test_prompts_at_points_of_action_until_dismissed(
    world, organizer_client, loaded, route, key, study
):
    url = reverse(route, args=[world.org.slug])
    page = organizer_client.get(url).content.decode()
    assert f'id="why-{key}"' in page
    assert reverse("casestudies:detail", args=[world.org.slug, study]) in page
    back = organizer_client.post(
        reverse("casestudies:prompt-dismiss", args=[world.org.slug, key]), {"next": url}
    )
    assert back["Location"] == url
    assert f'id="why-{key}"' not in organizer_client.get(url).content.decode()


def test_feature_pages_link_back_to_their_case_studies(world, member_client, loaded):
    for route, study in [
        ("elections:list", "metalworkers-congress-1922"),
        ("rotations:list", "leadership-that-negates-itself"),
    ]:
        page = member_client.get(reverse(route, args=[world.org.slug])).content.decode()
        assert reverse("casestudies:detail", args=[world.org.slug, study]) in page, route


def test_the_minimum_notice_prompt_where_election_dates_are_set(world, organizer_client, loaded):
    from datetime import timedelta

    from django.utils import timezone

    from orgkit.elections import services as election_services

    now = timezone.now()
    election = election_services.election_create(
        actor=world.organizer,
        body=world.body,
        title="Committee",
        seats=3,
        nominations_open_at=now + timedelta(days=1),
        nominations_close_at=now + timedelta(days=10),
        voting_opens_at=now + timedelta(days=30),
        voting_closes_at=now + timedelta(days=31),
    )
    page = organizer_client.get(reverse("elections:edit", args=[world.org.slug, election.pk]))
    text = page.content.decode()
    assert 'id="why-minimum-notice"' in text
    assert reverse("casestudies:detail", args=[world.org.slug, "shlyapnikov-abroad-1920"]) in text


@pytest.mark.django_db(transaction=True)
def test_two_tabs_dismissing_at_once_leave_one_row(world):
    from tests.support import race, require_postgres

    require_postgres()
    outcomes = race(
        lambda: services.prompt_dismiss(actor=world.member, key="winner-take-all"),
        lambda: services.prompt_dismiss(actor=world.member, key="winner-take-all"),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert PromptDismissal.objects.filter(member=world.member, key="winner-take-all").count() == 1


def test_every_installed_safeguard_links_to_a_real_page():
    """A safeguard whose app is installed must name a URL that exists: otherwise its case
    studies silently lose the link to the feature they motivate."""
    from django.urls import reverse

    from orgkit.casestudies.safeguards import SAFEGUARDS, safeguard_available

    installed = [s for s in SAFEGUARDS.values() if safeguard_available(s)]
    assert {s.app for s in installed} >= {"orgkit.decisions", "orgkit.skills", "orgkit.elections"}
    for safeguard in installed:
        assert reverse(safeguard.url_name, kwargs={"org_slug": "any"}).startswith("/o/any/")


def test_every_study_and_its_safeguard_link_both_ways(world, loaded):
    """Each study links to its safeguard's page (above), and that page links back to each study
    behind it — for every safeguard, not only the ones that were linked first."""
    organizer = Client()
    organizer.force_login(world.organizer.user)
    for study in CaseStudy.objects.all():
        safeguard = SAFEGUARDS[study.safeguard]
        page = organizer.get(reverse(safeguard.url_name, kwargs={"org_slug": world.org.slug}))
        assert page.status_code == 200, safeguard.url_name
        back = reverse("casestudies:detail", args=[world.org.slug, study.slug])
        assert f'href="{back}"' in page.content.decode(), (study.slug, safeguard.url_name)
