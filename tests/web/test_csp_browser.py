"""The Content-Security-Policy in a real browser (issue 8, item 6): Chromium visits the main
pages as an organizer and as a member of the demo organization and reports every policy
violation; none may occur. The htmx member search and the ranked ballot's "Rank next" script
must still work under the policy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from orgkit.elections import services as election_services
from orgkit.elections.models import Election
from orgkit.organizations.models import Member, Organization
from orgkit.rotations.models import Rotation
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Reported by the browser in the console (and by the listener below) on any violation.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("Content Security Policy violation: " + e.violatedDirective + " " + e.blockedURI
                + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


class Watched:
    """A page whose console is watched for CSP violations and whose documents must all carry
    the policy header."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.violations: list[str] = []
        self.visited: list[str] = []
        page.add_init_script(REPORT_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.violations.append(f"page error: {error}"))

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(f"{self.page.url}: {message.text}")

    def visit(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status < 400, (
            f"{path} → {response and response.status}"
        )
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, (path, policy)
        self.page.wait_for_load_state("networkidle")
        self.visited.append(path)

    def sign_in(self, email: str, password: str) -> None:
        self.visit("/accounts/login/")
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.get_by_role("button", name="Sign out").wait_for()


@pytest.fixture
def demo(db):
    call_command("load_demo")
    org = Organization.objects.get(slug="metalworkers")
    published = Election.objects.get(organization=org, state="published", imported=False)
    organizer = Member.objects.organizers().filter(organization=org).order_by("pk").first()
    now = timezone.now()
    # An election in voting, for the member's ranked ballot.
    election = election_services.election_create(
        actor=organizer,
        body=published.body,
        title="Shop stewards",
        seats=2,
        notice_days=0,
        nominations_open_at=now - timedelta(hours=2),
        nominations_close_at=now - timedelta(hours=1),
        voting_opens_at=now - timedelta(minutes=30),
        voting_closes_at=now + timedelta(days=2),
        at=now - timedelta(hours=3),
    )
    election_services.election_open_nominations(
        actor=organizer, election=election, at=now - timedelta(hours=2)
    )
    election.refresh_from_db()
    standing = list(
        Member.objects.active()
        .filter(organization=org)
        .exclude(user__email__in=["organizer@demo.orgkit.test", "member@demo.orgkit.test"])
        .order_by("pk")[:3]
    )
    for offset, member in enumerate(standing):
        election_services.candidate_nominate(
            actor=member,
            election=election,
            member=member,
            at=now - timedelta(hours=2) + timedelta(minutes=offset + 1),
        )
    election_services.election_open_voting(actor=organizer, election=election, notify=False)
    rotation = Rotation.objects.filter(organization=org).order_by("pk").first()
    return {
        "org": org,
        "published": published,
        "voting": election,
        "rotation": rotation,
        "standing": [m.display_name for m in standing],
    }


def test_main_pages_work_under_the_policy_for_organizer_and_member(live_server, new_page, demo):
    base, slug = live_server.url, "metalworkers"
    published, voting, rotation = demo["published"], demo["voting"], demo["rotation"]
    assert rotation is not None

    organizer = Watched(new_page(), base)
    organizer.sign_in("organizer@demo.orgkit.test", "demo-organizer-1922")
    for path in [
        f"/o/{slug}/",
        f"/o/{slug}/members/",
        f"/o/{slug}/bodies/",
        f"/o/{slug}/log/",
        f"/o/{slug}/rotations/",
        f"/o/{slug}/rotations/{rotation.pk}/",
        f"/o/{slug}/rotations/{rotation.pk}/fairness/",
        f"/o/{slug}/rotations/{rotation.pk}/calendar/",
        f"/o/{slug}/elections/",
        f"/o/{slug}/elections/{published.pk}/",
        f"/o/{slug}/elections/{published.pk}/results/",
        f"/o/{slug}/elections/{voting.pk}/",
    ]:
        organizer.visit(path)
        if path.endswith(("/fairness/", "/bodies/")):
            name = "fairness" if path.endswith("/fairness/") else "bodies"
            organizer.page.screenshot(
                path=str(ARTIFACTS / f"csp-organizer-{name}.png"), full_page=True
            )

    # htmx: the member search swaps in a filtered table without a page load.
    page = organizer.page
    organizer.visit(f"/o/{slug}/members/")
    rows_before = page.locator("#member-table tbody tr").count()
    with page.expect_response(
        lambda r: "/members/" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.get_by_label("Search by name or email").fill("Okafor")
    page.wait_for_function("document.querySelectorAll('#member-table tbody tr').length === 1")
    assert rows_before > 1
    assert "Sam Okafor" in page.locator("#member-table").inner_text()
    page.screenshot(path=str(ARTIFACTS / "csp-organizer-members.png"), full_page=True)

    member = Watched(new_page(), base)
    member.sign_in("member@demo.orgkit.test", "demo-member-1922")
    for path in [
        f"/o/{slug}/",
        f"/o/{slug}/rotations/",
        f"/o/{slug}/rotations/{rotation.pk}/",
        f"/o/{slug}/rotations/mine/",
        f"/o/{slug}/elections/",
        f"/o/{slug}/elections/{published.pk}/results/",
    ]:
        member.visit(path)

    # The ranked ballot's script: "Rank next" puts candidates in order, one click each.
    ballot = member.page
    member.visit(f"/o/{slug}/elections/{voting.pk}/vote/")
    first, second = demo["standing"][1], demo["standing"][0]
    ballot.get_by_role("button", name=f"Rank {first} next").click()
    ballot.get_by_role("button", name=f"Rank {second} next").click()
    assert ballot.get_by_label(f"Rank for {first}").input_value() == "1"
    assert ballot.get_by_label(f"Rank for {second}").input_value() == "2"
    assert f"Your order: 1. {first}, 2. {second}" in ballot.locator(".ballot-summary").inner_text()
    ballot.screenshot(path=str(ARTIFACTS / "csp-member-ballot.png"), full_page=True)
    ballot.get_by_role("button", name="Review my ballot").click()
    ballot.get_by_role("button", name="Cast my ballot").click()
    ballot.locator("#receipt-code").wait_for()

    assert organizer.violations == [] and member.violations == []
    assert len(organizer.visited) + len(member.visited) >= 20


def test_the_api_docs_page_renders_under_its_own_policy(live_server, new_page):
    watched = Watched(new_page(), live_server.url)
    response = watched.page.goto(live_server.url + "/api/docs/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    watched.page.get_by_text("orgkit API").first.wait_for()
    assert watched.violations == []
