"""In Chromium: a schedule the notice period cannot meet is refused beside the field that must
change, a stuck election is cancelled by keyboard with its reason shown, and a candidate's
5,000-character unbroken statement still fits a 390 px phone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from orgkit.elections import services
from orgkit.elections.models import Election
from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from tests.support import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "schedule-check-2026"


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_refused_schedule_and_cancelled_stuck_election(live_server, new_page):
    base = live_server.url
    lead = make_user("chair@example.org", "Chair Person", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Kolomna Works", slug="kolomna")
    organizer = Member.objects.get(organization=org, user=lead)
    body = org_services.body_create(
        actor=organizer, name="General Assembly", kind="assembly", membership="organization"
    )
    page = new_page()
    sign_in(page, base, "chair@example.org")

    # 15 days' notice with voting three days away: refused, with the earliest date, nothing saved.
    now = timezone.now()
    page.goto(f"{base}/o/kolomna/elections/new/")
    page.get_by_label("Title").fill("Works committee")
    page.get_by_label("Electorate (members of this body vote)").select_option(str(body.pk))
    page.get_by_label("Nominations open at").fill(local_input(now + timedelta(hours=1)))
    page.get_by_label("Nominations close at").fill(local_input(now + timedelta(days=2)))
    page.get_by_label("Voting opens at").fill(local_input(now + timedelta(days=3)))
    page.get_by_label("Voting closes at").fill(local_input(now + timedelta(days=4)))
    page.get_by_role("button", name="Set up the election").click()
    refusal = page.get_by_text("With 15 days' notice, voting can open on")
    refusal.wait_for()
    assert not Election.objects.exists()

    # An election stuck in nominations after its voting window passed (set up long ago).
    stuck = services.election_create(
        actor=organizer,
        body=body,
        title="Auditor",
        seats=1,
        notice_days=0,
        nominations_open_at=now - timedelta(days=10),
        nominations_close_at=now - timedelta(days=5),
        voting_opens_at=now - timedelta(days=5),
        voting_closes_at=now - timedelta(days=1),
        at=now - timedelta(days=11),
    )
    stuck = services.election_open_nominations(
        actor=organizer, election=stuck, at=now - timedelta(days=10)
    )
    services.candidate_nominate(
        actor=organizer,
        election=stuck,
        member=organizer,
        statement="W" * 5000,  # one unbroken 5,000-character word
        at=now - timedelta(days=9),
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/o/kolomna/elections/{stuck.pk}/")
    page.get_by_text("The voting window has passed without voting opening").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 392)"
        ".slice(0, 5).map(e => e.tagName + ' ' + e.textContent.slice(0, 30))"
    )
    assert width <= 390, f"the election page is {width} px wide on a 390 px phone: {wide}"

    # Keyboard only: open the disclosure, type the reason, submit.
    summary = page.locator("summary", has_text="Cancel this election")
    summary.focus()
    page.keyboard.press("Enter")
    page.get_by_label("Why is it cancelled?").focus()
    page.keyboard.type("Nobody could vote: the window passed.")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Cancel the election"
    page.keyboard.press("Enter")
    page.get_by_text(
        "This election was cancelled: Nobody could vote: the window passed."
    ).wait_for()
    assert Election.objects.get(pk=stuck.pk).state == "cancelled"
