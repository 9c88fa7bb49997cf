"""Issue 13 on a 390-px phone, by keyboard: the next holder goes on leave over a confirmed turn;
the organizer's dashboard raises the alarm, Tab reaches "Find cover", Enter lands on the turn,
and the next Tab reaches Cover — one covered turn, the member covered for keeping their place."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from orgkit.rotations import services
from orgkit.rotations.models import Turn
from tests.support import make_user, sign_in
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "rotation-alarm-2026"


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def focused(page) -> str:
    return page.evaluate("document.activeElement.innerText.trim()")


def tab_to(page, starts: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element's text starts with ``starts`` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page).startswith(starts):
            return
    raise AssertionError(f"Tab never reached {starts!r}")


@pytest.fixture
def away_holder():
    """A weekly rotation whose first (confirmed) turn's holder then goes on leave over it."""
    lead = make_user("lead@example.org", "Lina Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Kolomna Tenants", slug="kolomna")
    organizer = Member.objects.get(organization=org)
    body = org_services.body_create(actor=organizer, name="Kolomna Committee", kind="committee")
    role = org_services.role_create(actor=organizer, body=body, name="Coordinator")
    for name in ["Tomás Ruiz", "Bo Birch", "Cy Cedar"]:
        member = org_services.member_add(
            actor=organizer,
            email=f"{name.split()[0].lower()}@example.org",
            full_name=name,
            joined_on=date(2025, 1, 1),
        )
        org_services.body_member_add(
            actor=organizer, body=body, member=member, how="elected", start=date(2025, 1, 1)
        )
    today = timezone.localdate()
    rotation = services.rotation_create(
        actor=organizer,
        role=role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=today + timedelta(days=3),
        shadow_turns=False,
        confirmation_horizon=2,
        plan_ahead_turns=4,
    )
    services.pool_join(actor=organizer, rotation=rotation, member=organizer)
    first = Turn.objects.filter(rotation=rotation).order_by("start").first()
    assert first.confirmed and first.holder_id != organizer.pk
    services.leave_add(
        actor=organizer, member=first.holder, start=today, end=today + timedelta(days=40)
    )
    first.refresh_from_db()
    assert first.needs_cover
    return first


def test_the_on_leave_alarm_leads_to_find_cover_by_keyboard_at_390px(
    live_server, browser, away_holder
):
    turn = away_holder
    away = turn.holder.display_name
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, base, "lead@example.org", PASSWORD)
        page.goto(f"{base}/o/kolomna/")
        alarm = page.get_by_role("alert").filter(has_text="needs cover")
        assert away in alarm.inner_text() and "on leave until" in alarm.inner_text()
        assert fits(page), "the dashboard scrolls sideways at 390 px"
        page.screenshot(path=str(ARTIFACTS / "rotation-alarm-dashboard-390.png"), full_page=True)

        tab_to(page, "Find cover")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/rotations/{turn.rotation_id}/#turn-{turn.pk}")
        assert page.get_by_role("alert").filter(has_text="needs cover").is_visible()
        assert fits(page), "the rotation page scrolls sideways at 390 px"
        page.screenshot(path=str(ARTIFACTS / "rotation-alarm-page-390.png"), full_page=True)

        tab_to(page, "Cover", limit=4)  # the turn's own row: find cover is one step away
        page.keyboard.press("Enter")
        # The confirmation names the one turn that will move, before anything changes.
        page.get_by_role("heading", name=f"Cover {away}'s turn").wait_for()
        assert f"{away} → Lina Lead" in page.locator("ul.moves").inner_text()
        assert fits(page), "the confirmation scrolls sideways at 390 px"
        tab_to(page, "Yes, cover this turn")
        page.keyboard.press("Enter")
        page.get_by_text(f"You are covering {away}'s turn").wait_for()
        turn.refresh_from_db()
        assert turn.holder.display_name == "Lina Lead" and turn.covered_for.display_name == away
        assert not page.get_by_role("alert").filter(has_text="needs cover").count()
    finally:
        context.close()


@pytest.fixture
def kolomna():
    """A committee of five (seated since 2025) and its organizer, no rotation yet."""
    lead = make_user("lead@example.org", "Lina Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Kolomna Tenants", slug="kolomna")
    organizer = Member.objects.get(organization=org)
    body = org_services.body_create(actor=organizer, name="Kolomna Committee", kind="committee")
    role = org_services.role_create(actor=organizer, body=body, name="Coordinator")
    for name in ["Marta Kowalski", "Sam Okafor", "Tomás Ruiz", "Bo Birch", "Cy Cedar"]:
        member = org_services.member_add(
            actor=organizer,
            email=f"{name.split()[0].lower()}@example.org",
            full_name=name,
            joined_on=date(2025, 1, 1),
        )
        org_services.body_member_add(
            actor=organizer, body=body, member=member, how="elected", start=date(2025, 1, 1)
        )
    return role


def test_a_past_start_plans_from_today_and_a_skip_reads_as_a_skip(live_server, browser, kolomna):
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, base, "lead@example.org", PASSWORD)
        page.goto(f"{base}/o/kolomna/rotations/new/")
        page.get_by_label("Role").select_option(label=str(kolomna))
        page.get_by_label("Hand over every").fill("1")
        page.get_by_label("First handover").fill("2020-01-01")
        page.get_by_label("The next holder shadows the current one").check()
        page.get_by_role("button", name="Start the rotation").click()
        page.get_by_text("Coordinator now rotates").wait_for()
        assert page.get_by_role("heading", name="The pool (5)").is_visible()
        turns = page.locator("table.turns tbody").inner_text()
        assert "pool is empty" not in turns and "open" not in turns
        assert fits(page), "the rotation page scrolls sideways at 390 px"

        # The organizer skips a member's turn: the words are about that member, and a skip.
        first = Turn.objects.filter(start__gte=timezone.localdate()).order_by("start").first()
        name = first.holder.display_name
        page.get_by_role("link", name=f"Skip for {name}").first.click()
        page.get_by_role("button", name="Yes, skip this turn").click()
        page.get_by_text(f"Skipped for {name}").wait_for()
        flash = page.locator(".messages").inner_text()
        assert f"{name} keeps their place in the order" in flash and "You keep" not in flash
        body = page.locator("main").inner_text()
        assert "on leave" not in body, body
        assert f"{name} skipped this turn and keeps their place" in body
        page.screenshot(path=str(ARTIFACTS / "rotation-past-start-skip-390.png"), full_page=True)
    finally:
        context.close()
