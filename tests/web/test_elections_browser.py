"""A whole branch election in Chromium: members nominate themselves, the organizer opens
voting, members rank candidates (one of them with JavaScript off), the organizer closes, the
count runs, and the results show STV beside the block vote; a member finds their receipt."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from orgkit.elections import services
from orgkit.elections.models import Election
from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from tests.support import make_user
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "branch-vote-2026"


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def vote(page, base_url, election, ranks: dict[str, str]) -> str:
    page.goto(f"{base_url}/o/sormovo/elections/{election.pk}/vote/")
    for name, rank in ranks.items():
        page.get_by_label(f"Rank for {name}").select_option(rank)
    page.get_by_role("button", name="Review my ballot").click()
    # The review lists the choices in order before anything is cast.
    chosen = [name for name, rank in sorted(ranks.items(), key=lambda kv: kv[1]) if rank]
    assert page.locator("ol.ranking li").all_inner_texts() == chosen
    page.get_by_role("button", name="Cast my ballot").click()
    return page.locator("#receipt-code").inner_text()


def test_a_branch_election_from_nomination_to_results(live_server, browser, new_page):
    base = live_server.url
    lead = make_user("lead@example.org", "Lena Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Sormovo Local", slug="sormovo")
    organizer = Member.objects.get(organization=org, user=lead)
    branch = org_services.branch_create(actor=organizer, name="Works")
    organizer.branch = branch
    organizer.save(update_fields=["branch"])
    names = ["Alma Aalto", "Boris Brandt", "Cleo Costa", "Dara Doyle"]
    for name in names:
        make_user(f"{name.split()[0].lower()}@example.org", name, password=PASSWORD)
        org_services.member_add(
            actor=organizer,
            email=f"{name.split()[0].lower()}@example.org",
            full_name=name,
            branch=branch,
        )
    body = org_services.body_create(
        actor=organizer, name="Works Assembly", kind="assembly", membership="branch", branch=branch
    )
    now = timezone.now()
    election = services.election_create(
        actor=organizer,
        body=body,
        title="Works delegates",
        seats=2,
        notice_days=0,
        nominations_open_at=now - timedelta(hours=1),
        nominations_close_at=now + timedelta(hours=1),
        voting_opens_at=now + timedelta(hours=1),
        voting_closes_at=now + timedelta(days=2),
    )
    services.election_open_nominations(actor=organizer, election=election)

    # Nominations, in the browser: three members stand, two on one slate.
    for name, slate in [
        ("Alma Aalto", "Majority"),
        ("Boris Brandt", "Majority"),
        ("Cleo Costa", "Minority"),
    ]:
        page = new_page()
        sign_in(page, base, f"{name.split()[0].lower()}@example.org")
        page.goto(f"{base}/o/sormovo/elections/{election.pk}/")
        page.get_by_text("Nominate someone (or yourself)").click()
        page.get_by_label("Statement to the voters").fill(f"{name} will report back every month.")
        page.get_by_label("Slate (optional)").fill(slate)
        page.get_by_role("button", name="Nominate", exact=True).click()
        page.get_by_text(f"{name} is nominated.").wait_for()

    # Time passes: the nomination window ends and the voting window begins.
    Election.objects.filter(pk=election.pk).update(
        nominations_close_at=timezone.now() - timedelta(seconds=1),
        voting_opens_at=timezone.now() - timedelta(seconds=1),
    )
    lead_page = new_page()
    sign_in(lead_page, base, "lead@example.org")
    lead_page.goto(f"{base}/o/sormovo/elections/{election.pk}/")
    lead_page.get_by_role("button", name="Open voting").click()
    lead_page.get_by_text("the election is now voting open").wait_for()

    # Three vote the majority slate, two the minority candidate; one ballot without JavaScript.
    majority = {"Alma Aalto": "1", "Boris Brandt": "2"}
    receipts = {}
    for email in ["lead", "alma"]:
        page = new_page()
        sign_in(page, base, f"{email}@example.org")
        receipts[email] = vote(page, base, election, majority)
    # Boris uses the enhancement: "Rank next" buttons instead of the menus.
    page = new_page()
    sign_in(page, base, "boris@example.org")
    page.goto(f"{base}/o/sormovo/elections/{election.pk}/vote/")
    page.get_by_role("button", name="Rank Alma Aalto next").click()
    page.get_by_role("button", name="Rank Boris Brandt next").click()
    page.get_by_text("Your order: 1. Alma Aalto, 2. Boris Brandt").wait_for()
    assert page.get_by_label("Rank for Boris Brandt").input_value() == "2"
    page.get_by_role("button", name="Review my ballot").click()
    # Changing his mind keeps his ranks on the ballot; he then reviews again and casts.
    page.get_by_role("button", name="Change my ballot").click()
    assert page.get_by_label("Rank for Boris Brandt").input_value() == "2"
    page.get_by_role("button", name="Review my ballot").click()
    page.get_by_role("button", name="Cast my ballot").click()
    receipts["boris"] = page.locator("#receipt-code").inner_text()
    page = new_page()
    sign_in(page, base, "cleo@example.org")
    page.goto(f"{base}/o/sormovo/elections/{election.pk}/vote/")
    # A mistake first: two candidates ranked 1 → a clear message, nothing stored.
    page.get_by_label("Rank for Cleo Costa").select_option("1")
    page.get_by_label("Rank for Alma Aalto").select_option("1")
    page.get_by_role("button", name="Review my ballot").click()
    page.get_by_text("You gave rank 1 to more than one candidate").wait_for()
    receipts["cleo"] = vote(page, base, election, {"Cleo Costa": "1", "Alma Aalto": ""})
    no_js = browser.new_context(java_script_enabled=False)
    try:
        page = no_js.new_page()
        sign_in(page, base, "dara@example.org")
        receipts["dara"] = vote(page, base, election, {"Cleo Costa": "1"})
        page.screenshot(path=str(ARTIFACTS / "election-receipt-no-js.png"), full_page=True)
    finally:
        no_js.close()
    assert len(set(receipts.values())) == 5

    # Everyone on the roll has voted, so the organizer may close; the count runs by itself.
    lead_page.reload()
    lead_page.get_by_role("button", name="Close voting and count").click()
    lead_page.get_by_role("link", name="See the results").click()
    lead_page.get_by_role("heading", name="The same ballots under winner-take-all").wait_for()
    lead_page.screenshot(path=str(ARTIFACTS / "election-results.png"), full_page=True)
    elected = lead_page.locator("ol.elected").inner_text()
    assert "Alma Aalto" in elected and "Cleo Costa" in elected and "Boris Brandt" not in elected
    rows = lead_page.locator("table.comparison tbody tr")
    assert "Alma Aalto, Cleo Costa" in rows.nth(0).inner_text()  # STV
    assert "Alma Aalto, Boris Brandt" in rows.nth(1).inner_text()  # block vote
    assert "100.0%" in rows.nth(0).inner_text() and "60.0%" in rows.nth(1).inner_text()
    slates = lead_page.locator("table.slates").inner_text()
    assert "slate winner-take-all" in slates and "Gallagher" in slates

    # Dara finds her receipt code in the sorted, published list.
    page = new_page()
    sign_in(page, base, "dara@example.org")
    page.goto(f"{base}/o/sormovo/elections/{election.pk}/receipts/")
    page.get_by_label("Your receipt code").fill(receipts["dara"])
    page.get_by_role("button", name="Look it up").click()
    page.get_by_text("Found: your ballot is among the 5 counted").wait_for()
