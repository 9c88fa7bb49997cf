"""Issue 4 end to end in Chromium: an organizer sets up a rotation; a member skips a turn and
sees they keep their place; two members swap; the fairness report shows the turns; the iCal
feed parses into the same turns."""

from __future__ import annotations

import urllib.request
from datetime import date

import pytest
from icalendar import Calendar

from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from orgkit.rotations.models import Turn
from tests.support import make_user, sign_in
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "rotation-pass-2026"


def holders() -> list[str]:
    return [
        t.holder.display_name if t.holder else "open"
        for t in Turn.objects.select_related("holder__user").order_by("start")
    ]


@pytest.fixture
def committee():
    lead = make_user("lead@example.org", "Lina Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Harbour Tenants", slug="harbour")
    organizer = Member.objects.get(organization=org)
    body = org_services.body_create(actor=organizer, name="Building Committee", kind="committee")
    role = org_services.role_create(actor=organizer, body=body, name="Coordinator")
    for name in ["Ana Alder", "Bo Birch", "Cy Cedar"]:
        member = org_services.member_add(
            actor=organizer,
            email=f"{name.split()[0].lower()}@example.org",
            full_name=name,
            joined_on=date(2025, 1, 1),
        )
        member.user.set_password(PASSWORD)
        member.user.save()
        org_services.body_member_add(
            actor=organizer, body=body, member=member, how="elected", start=date(2025, 1, 1)
        )
    return org, role


def test_rotation_skip_swap_fairness_and_ical(live_server, new_page, committee):
    org, role = committee
    base = live_server.url

    # An organizer makes the coordinator role rotate weekly.
    lead = new_page()
    sign_in(lead, base, "lead@example.org", PASSWORD)
    lead.goto(f"{base}/o/harbour/rotations/")
    lead.get_by_role("link", name="Make a role rotate").click()
    lead.get_by_label("Role").select_option(label=str(role))
    lead.get_by_label("Hand over every").fill("1")
    lead.get_by_label("First handover").fill(
        date.fromordinal(date.today().toordinal() + 7).isoformat()
    )
    lead.get_by_label("The next holder shadows the current one").uncheck()
    lead.get_by_label("Turns fixed in advance").fill("2")
    lead.get_by_label("Plan this many turns ahead").fill("6")
    lead.get_by_role("button", name="Start the rotation").click()
    lead.get_by_text("Coordinator now rotates").wait_for()
    assert holders() == ["Ana Alder", "Bo Birch", "Cy Cedar"] * 2
    rotation_url = lead.url

    # Ana skips her first turn and sees that she keeps her place.
    ana = new_page()
    sign_in(ana, base, "ana@example.org", PASSWORD)
    ana.goto(rotation_url)
    ana.get_by_role("link", name="Skip turn of").first.click()
    ana.get_by_role("button", name="Yes, skip this turn").click()
    ana.get_by_text("You keep your place").wait_for()
    first_row = ana.get_by_role("row").nth(1)
    assert "Ana Alder skipped this turn and keeps their place" in first_row.inner_text()
    assert "Ana Alder" not in holders()[0]
    kept = ana.get_by_role("row").filter(has_text="kept place after skipping").first
    assert "Ana Alder" in kept.inner_text()
    ana.screenshot(path=str(ARTIFACTS / "rotation-after-skip.png"), full_page=True)

    # Bo asks Cy to swap Bo's first turn for Cy's first turn; Cy accepts.
    before = holders()
    bo_first, cy_first = before.index("Bo Birch"), before.index("Cy Cedar")
    bo = new_page()
    sign_in(bo, base, "bo@example.org", PASSWORD)
    bo.goto(rotation_url)
    cy_row = bo.get_by_role("row").nth(cy_first + 1)
    cy_row.get_by_role("button", name="Ask to swap").click()
    bo.get_by_role("button", name="Ask for this swap").click()
    bo.get_by_text("Swap asked for").wait_for()
    cy = new_page()
    sign_in(cy, base, "cy@example.org", PASSWORD)
    cy.goto(rotation_url)
    cy.get_by_role("button", name="Accept swap").click()
    cy.get_by_text("Swap accepted").wait_for()
    after = holders()
    assert (after[bo_first], after[cy_first]) == ("Cy Cedar", "Bo Birch")
    assert "Cy Cedar" in cy.get_by_role("row").nth(bo_first + 1).inner_text()

    # The fairness report counts the planned turns per member.
    cy.get_by_role("link", name="Fairness").click()
    table = cy.locator("table.fairness tbody").inner_text()
    for name in ("Ana Alder", "Bo Birch", "Cy Cedar"):
        assert name in table
        assert f"{name}\t0\t{after.count(name)}\t{after.count(name)}" in table
    cy.screenshot(path=str(ARTIFACTS / "rotation-fairness.png"), full_page=True)

    # Cy subscribes to her calendar; the feed parses into her turns.
    cy.goto(f"{base}/o/harbour/rotations/mine/")
    cy.get_by_role("combobox", name="Calendar").select_option("personal")
    cy.get_by_role("button", name="Make a calendar address").click()
    feed_url = cy.get_by_label("Your new calendar address").input_value()
    with urllib.request.urlopen(feed_url) as response:  # noqa: S310 — the live server on loopback
        events = Calendar.from_ical(response.read()).walk("VEVENT")
    mine = Turn.objects.filter(holder__user__email="cy@example.org").order_by("start")
    assert [e.decoded("dtstart") for e in events] == [t.starts_at for t in mine]
