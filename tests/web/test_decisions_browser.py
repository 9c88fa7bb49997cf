"""The issue's "Done means", in Chromium: a motion passes 9–6 on a roll call; two of the six
file a minority report (one writes it by keyboard alone, one co-signs) and a third co-signs;
time passes the deadline and the beat publishes the record with the report beside the
decision (checked at 390 px: no sideways scrolling); the minority appeals to the congress; the
PDF minutes contain the decision, the report and the appeal."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import timezone

from orgkit.decisions import services, tasks
from orgkit.decisions.models import Motion
from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from tests.support import make_user
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "minority-2026"
NAMES = [f"Member {i:02d}" for i in range(15)]


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def email(i: int) -> str:
    return f"m{i:02d}@example.org"


def test_minority_report_published_at_the_deadline_then_appealed(live_server, new_page):
    base = live_server.url
    lead = make_user("lead@example.org", "Lena Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Rivet Local", slug="rivet")
    organizer = Member.objects.get(organization=org, user=lead)
    congress = org_services.body_create(
        actor=organizer, name="Congress", kind="congress", membership="organization"
    )
    council = org_services.body_create(
        actor=organizer, name="Works Council", kind="committee", parent=congress
    )
    members = []
    for i, name in enumerate(NAMES):
        make_user(email(i), name, password=PASSWORD)
        member = org_services.member_add(actor=organizer, email=email(i), full_name=name)
        org_services.body_member_add(
            actor=organizer, body=council, member=member, how="elected", start=date(2026, 1, 1)
        )
        members.append(member)
    meeting = services.meeting_schedule(
        actor=organizer,
        body=council,
        title="December council",
        starts_at=timezone.now() + timedelta(days=8),
    )
    motion = services.motion_propose(
        actor=members[0],
        body=council,
        meeting=meeting,
        title="Accept the wage freeze",
        text="The council accepts the employer's **wage freeze**.",
        seconder=members[1],
    )

    # The secretary records the roll call: nine for, six against.
    lead_page = new_page()
    sign_in(lead_page, base, "lead@example.org")
    lead_page.goto(f"{base}/o/rivet/decisions/motions/{motion.pk}/")
    lead_page.get_by_text("Roll call (each member's vote; replaces the counts)").click()
    for i, name in enumerate(NAMES):
        lead_page.get_by_label(name, exact=True).select_option("for" if i < 9 else "against")
    lead_page.get_by_role("button", name="Record the vote").click()
    lead_page.get_by_text("carried: 9 for, 6 against, 0 abstaining").wait_for()

    # Member 09 writes the report using the keyboard only.
    writer = new_page()
    sign_in(writer, base, email(9))
    writer.goto(f"{base}/o/rivet/decisions/motions/{motion.pk}/")
    writer.get_by_label("Title").focus()
    writer.keyboard.type("A freeze is a cut")
    writer.keyboard.press("Tab")
    writer.keyboard.type("Prices rose 9%. A *freeze* cuts real wages.")
    writer.keyboard.press("Tab")
    writer.keyboard.press("Enter")
    writer.get_by_text("Your minority report is filed").wait_for()
    # Member 10 files it with them (co-signs); Member 11, a third of the six, co-signs too.
    for i in (10, 11):
        page = new_page()
        sign_in(page, base, email(i))
        page.goto(f"{base}/o/rivet/decisions/motions/{motion.pk}/")
        page.get_by_role("button", name="Co-sign “A freeze is a cut”").click()
        page.get_by_text("You co-signed the report.").wait_for()
    # A member of the majority cannot file one: the form is not offered to them.
    majority = new_page()
    sign_in(majority, base, email(0))
    majority.goto(f"{base}/o/rivet/decisions/motions/{motion.pk}/")
    assert majority.get_by_text("File a minority report").count() == 0

    # Time passes the deadline; the beat task publishes whatever the majority does.
    past = timezone.now() - timedelta(minutes=1)
    Motion.objects.filter(pk=motion.pk).update(window_closes_at=past)
    assert tasks.publish_due_records() == 1

    writer.set_viewport_size({"width": 390, "height": 844})
    writer.goto(f"{base}/o/rivet/decisions/motions/{motion.pk}/")
    writer.get_by_text("Record published").wait_for()
    record = writer.locator(".columns.record")
    assert "Decision" in record.locator("article.decision").inner_text()
    report = record.locator("article.minority-report").inner_text()
    assert "A freeze is a cut" in report
    assert "By Member 09, Member 10, Member 11" in report
    widths = writer.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"horizontal scroll at 390 px: {widths}"
    assert writer.get_by_text("File a minority report").count() == 0  # the window has closed
    writer.screenshot(path=str(ARTIFACTS / "decision-390.png"), full_page=True)

    # The minority appeals to the congress.
    writer.get_by_label("Appeal to Congress: your grounds").fill("The freeze breaks our rules.")
    writer.get_by_role("button", name="File the appeal").click()
    writer.get_by_text("Your appeal is filed with the higher body.").wait_for()
    assert "filed" in writer.locator("li.appeal").inner_text()

    # The PDF minutes carry the decision, the report and the appeal.
    from pypdf import PdfReader

    response = writer.request.get(f"{base}/o/rivet/decisions/meetings/{meeting.pk}/minutes.pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = PdfReader(BytesIO(response.body()))
    text = " ".join(page.extract_text() for page in pdf.pages)
    for needle in ["Accept the wage freeze", "A freeze is a cut", "real wages", "Congress"]:
        assert needle in text, needle

    # WCAG 2.1 AA (axe-core) on the app's pages, as the minority member sees them.
    from axe_playwright_python.sync_playwright import Axe

    wcag = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    problems = {}
    for path in [
        "",
        f"motions/{motion.pk}/",
        f"meetings/{meeting.pk}/",
        "verify/",
        "offices/",
        "motions/new/",
    ]:
        writer.goto(f"{base}/o/rivet/decisions/{path}")
        results = Axe().run(writer, options=wcag)
        if results.violations_count:
            problems[path] = results.generate_report()
    assert not problems, "\n\n".join(f"{p}:\n{r}" for p, r in problems.items())
