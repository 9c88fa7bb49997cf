"""On a 390-px phone screen: from a health alert to the records behind it, and — by keyboard
only — from a "why this safeguard" prompt to its case study, then closing the prompt for good."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from orgkit.casestudies.models import CaseStudy
from orgkit.casestudies.services import case_studies_load
from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from tests.support import make_user, sign_in
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "health-check-2026"


def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    return context, context.new_page()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def tab_to(page, text: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element's text is ``text`` (keyboard only, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.innerText.trim()") == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_alert_to_records_and_prompt_to_case_study_on_a_phone(live_server, browser):
    case_studies_load()
    lead = make_user("lead@example.org", "Lena Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Kolomna Works", slug="kolomna")
    organizer = Member.objects.get(organization=org, user=lead)
    body = org_services.body_create(actor=organizer, name="Works Council", kind="committee")
    role = org_services.role_create(actor=organizer, body=body, name="Treasurer")
    org_services.role_assign(
        actor=organizer,
        role=role,
        member=organizer,
        how="appointment",
        start=timezone.localdate() - timedelta(days=365 * 7),
    )
    base = live_server.url
    context, page = phone_page(browser)
    try:
        sign_in(page, base, "lead@example.org", PASSWORD)

        # The dashboard: the leaders-for-decades panel is an alert, and links to its records.
        page.goto(f"{base}/o/kolomna/health/")
        panel = page.locator("#panel-decades")
        assert panel.locator(".status").inner_text().lower() == "alert"
        assert fits(page), "the dashboard scrolls sideways at 390 px"
        page.screenshot(path=str(ARTIFACTS / "health-dashboard-390.png"), full_page=True)
        panel.get_by_role("link", name="Treasurer, Works Council: who held it").click()
        page.wait_for_url(f"**/o/kolomna/roles/{role.pk}/")
        assert "Lena Lead" in page.locator("main").inner_text()

        # By keyboard: the prompt where a rotation is set up leads to its case study.
        page.goto(f"{base}/o/kolomna/rotations/new/")
        assert page.locator("#why-no-term-limit").is_visible()
        tab_to(page, "Read the case study")
        page.keyboard.press("Enter")
        page.wait_for_url("**/case-studies/leadership-that-negates-itself/")
        assert page.get_by_role("heading", level=1).inner_text() == "A leadership that steps aside"
        assert fits(page), "the case study scrolls sideways at 390 px"
        for slug in CaseStudy.objects.values_list("slug", flat=True):
            page.goto(f"{base}/o/kolomna/case-studies/{slug}/")
            assert fits(page), f"{slug} scrolls sideways at 390 px"
        page.goto(f"{base}/o/kolomna/case-studies/metalworkers-congress-1922/?seats=7")
        assert page.locator("tr[data-seats='7'] td").last.inner_text() == "0"  # winner-take-all
        assert fits(page), "the replay scrolls sideways at 390 px"
        page.screenshot(path=str(ARTIFACTS / "case-study-replay-390.png"), full_page=True)

        # The Moscow slider, by keyboard: its value shows as it moves; Enter re-counts.
        page.goto(f"{base}/o/kolomna/case-studies/moscow-delegates-1921/")
        page.get_by_label("Minority's share of the votes (%)").focus()
        for _ in range(5):
            page.keyboard.press("ArrowLeft")
        assert page.locator("#id_share_out").inner_text() == "35%"
        page.get_by_label("Delegates to send").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**share=35**")
        assert page.locator("table.replay-table").get_by_text("D'Hondt").count() == 1

        # Back, and close the prompt by keyboard: it does not come back.
        page.goto(f"{base}/o/kolomna/rotations/new/")
        tab_to(page, "Don't show this again")
        page.keyboard.press("Enter")
        page.locator("#why-no-term-limit").wait_for(state="detached")
        page.reload()
        assert page.locator("#why-no-term-limit").count() == 0
        assert fits(page)
    finally:
        context.close()
