"""Issue 13, item 14 in Chromium: inviting 30 members from an uploaded CSV (and a list with
bad rows that invites nobody until they are fixed or dropped), the organization form that
fills in its web address and the browser's time zone, and the calendar feed's webcal: link
and copy button — each also without JavaScript where the page promises it."""

from __future__ import annotations

import re

import pytest

from orgkit.organizations import services
from orgkit.organizations.models import Invitation, Member, Organization
from tests.support import make_user, sign_in
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "lead-password-2026"


@pytest.fixture
def harbour():
    lead = make_user("lead@example.org", "Lina Lead", password=PASSWORD)
    org = services.organization_create(creator=lead, name="Harbour Tenants", slug="harbour")
    organizer = Member.objects.get(organization=org)
    services.branch_create(actor=organizer, name="North Block")
    services.branch_create(actor=organizer, name="South Block")
    services.member_add(actor=organizer, email="max@example.org", full_name="Max Member")
    return org


def thirty_people() -> bytes:
    lines = ["name,email,branch"]
    lines += [
        f"Person {i:02d},person{i:02d}@example.org,{'North Block' if i % 2 else 'South Block'}"
        for i in range(30)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


# Excel in a comma-decimal locale: a BOM, semicolons, CRLF.
BAD_ROWS = (
    "\ufeffName;Email;Branch\r\n"
    "Ada Able;ada@example.org;North Block\r\n"
    "Bad Email;ada-at-example.org;North Block\r\n"
    "Lost Soul;lost@example.org;Atlantis\r\n"
    "Ada Twice;ada@example.org;\r\n"
    "Max Member;max@example.org;\r\n"
    "Cy Cedar;cy@example.org;South Block\r\n"
).encode("utf-8")


def pending(org) -> set[str]:
    return set(
        Invitation.objects.filter(organization=org, status="pending").values_list(
            "email", flat=True
        )
    )


def fits_a_phone_and_passes_axe(page):
    """The preview with its problems at 390 px wide: nothing but the table scrolls sideways,
    and axe finds no WCAG 2.1 AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        results = Axe().run(
            page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            },
        )
        assert results.violations_count == 0, results.generate_report()
    finally:
        page.set_viewport_size(size)


def open_bulk_page(page, base):
    sign_in(page, base, "lead@example.org", PASSWORD)
    page.goto(f"{base}/o/harbour/invitations/")
    page.get_by_role("link", name="Invite many at once").click()
    page.get_by_role("heading", name="Invite many members").wait_for()


def test_thirty_members_from_an_uploaded_csv(live_server, new_page, harbour, mailoutbox):
    page = new_page()
    open_bulk_page(page, live_server.url)
    page.get_by_label("Or upload a CSV file").set_input_files(
        files=[{"name": "members.csv", "mimeType": "text/csv", "buffer": thirty_people()}]
    )
    page.get_by_role("button", name="Check the list").click()
    page.get_by_text("All rows can be invited.").wait_for()
    assert page.locator("#preview-rows tbody tr").count() == 30
    assert pending(harbour) == set(), "a preview invites nobody"
    page.screenshot(path=str(ARTIFACTS / "bulk-invite-preview.png"), full_page=True)

    page.get_by_role("button", name="Invite 30 people").click()
    page.get_by_text("30 invitations sent.").wait_for()
    invited = {f"person{i:02d}@example.org" for i in range(30)}
    assert invited <= pending(harbour)
    branches = dict(
        Invitation.objects.filter(email__in=invited).values_list("email", "branch__name")
    )
    assert branches["person01@example.org"] == "North Block"
    assert branches["person02@example.org"] == "South Block"
    assert {m.to[0] for m in mailoutbox} >= invited  # queued, then sent after the commit


def test_bad_rows_invite_nobody_until_fixed_or_dropped(live_server, new_page, harbour):
    page = new_page()
    open_bulk_page(page, live_server.url)
    page.get_by_label("Or upload a CSV file").set_input_files(
        files=[{"name": "export.csv", "mimeType": "text/csv", "buffer": BAD_ROWS}]
    )
    page.get_by_role("button", name="Check the list").click()
    page.get_by_text("4 rows need fixing.").wait_for()
    rows = page.locator("#preview-rows tbody tr")
    assert rows.count() == 6
    problems = [rows.nth(i).locator("td").nth(4).inner_text() for i in range(6)]
    assert problems == [
        "ready",
        "not a valid email address",
        "no branch of this name",
        "the same address is on an earlier row",
        "already a member",
        "ready",
    ]
    assert page.get_by_role("button", name=re.compile(r"^Invite \d")).count() == 0
    page.screenshot(path=str(ARTIFACTS / "bulk-invite-errors.png"), full_page=True)
    assert pending(harbour) == set()
    fits_a_phone_and_passes_axe(page)

    # Fix one row in the list shown back, check again: three problems left.
    text = page.get_by_label("Paste the list")
    text.fill(text.input_value().replace("ada-at-example.org", "bea@example.org"))
    page.get_by_role("button", name="Check again").click()
    page.get_by_text("3 rows need fixing.").wait_for()
    assert pending(harbour) == set()

    # Editing the list after the check and pressing "drop" re-checks instead of inviting.
    text = page.get_by_label("Paste the list")
    text.fill(text.input_value() + "Dee Dale;dee@example.org;\r\n")
    page.get_by_role("button", name=re.compile("Drop the bad rows")).click()
    page.get_by_text("The list changed: check it again.").wait_for()
    assert pending(harbour) == set()

    page.get_by_role("button", name="Drop the bad rows and invite 4 people").click()
    page.get_by_text("4 invitations sent.").wait_for()
    assert pending(harbour) == {
        "ada@example.org",
        "bea@example.org",
        "cy@example.org",
        "dee@example.org",
    }


def test_pasted_list_works_without_javascript(live_server, browser, harbour):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        open_bulk_page(page, live_server.url)
        page.get_by_label("Paste the list").fill(
            "Ana Alder\tana@example.org\tNorth Block\nBo Birch\tbo@example.org\t\n"
        )
        page.get_by_role("button", name="Check the list").click()
        page.get_by_role("button", name="Invite 2 people").click()
        page.get_by_text("2 invitations sent.").wait_for()
        assert pending(harbour) == {"ana@example.org", "bo@example.org"}
    finally:
        context.close()


def test_organization_form_fills_its_address_and_the_browsers_zone(live_server, browser):
    make_user("new@example.org", "Nia New", password=PASSWORD)
    context = browser.new_context(timezone_id="America/Bogota")
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "new@example.org", PASSWORD)
        page.goto(f"{live_server.url}/orgs/new/")
        assert page.get_by_label("Time zone").input_value() == "America/Bogota"
        page.locator("#id_name").press_sequentially("Río Tenants' Union")
        assert page.get_by_label("Web address").input_value() == "rio-tenants-union"
        assert page.get_by_text(f"{live_server.url}/o/rio-tenants-union/").count() == 1
        page.screenshot(path=str(ARTIFACTS / "organization-create.png"), full_page=True)
        fits_a_phone_and_passes_axe(page)
        page.get_by_role("button", name="Create").click()
        page.get_by_text("Río Tenants' Union is ready.").wait_for()
        assert page.url == f"{live_server.url}/o/rio-tenants-union/"
        assert Organization.objects.get(slug="rio-tenants-union").timezone == "America/Bogota"
    finally:
        context.close()

    no_js = browser.new_context(java_script_enabled=False)
    page = no_js.new_page()
    try:
        sign_in(page, live_server.url, "new@example.org", PASSWORD)
        page.goto(f"{live_server.url}/orgs/new/")
        assert page.get_by_label("Time zone").input_value() == "UTC"
        page.locator("#id_name").fill("Río Tenants' Union")
        page.get_by_role("button", name="Create").click()
        page.get_by_text("is ready").wait_for()
        assert page.url == f"{live_server.url}/o/rio-tenants-union-2/"
    finally:
        no_js.close()


def make_feed(page, base) -> str:
    page.goto(f"{base}/o/harbour/rotations/mine/")
    page.locator("#id_kind").select_option("personal")
    page.get_by_role("button", name="Make a calendar address").click()
    field = page.get_by_label("Your new calendar address")
    field.wait_for()
    return field.input_value()


def test_feed_address_has_a_webcal_link_and_a_copy_button(live_server, browser, harbour):
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], base_url=live_server.url
    )
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "lead@example.org", PASSWORD)
        url = make_feed(page, live_server.url)
        assert re.fullmatch(rf"{live_server.url}/o/harbour/rotations/feed/[\w-]+\.ics", url)
        link = page.get_by_role("link", name="Subscribe in my calendar app")
        assert link.get_attribute("href") == "webcal://" + url.split("://", 1)[1]
        page.get_by_role("button", name="Copy the address").click()
        page.get_by_text("Copied.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == url
        page.screenshot(path=str(ARTIFACTS / "feed-link.png"), full_page=True)
        fits_a_phone_and_passes_axe(page)
    finally:
        context.close()

    no_js = browser.new_context(java_script_enabled=False)
    page = no_js.new_page()
    try:
        sign_in(page, live_server.url, "lead@example.org", PASSWORD)
        url = make_feed(page, live_server.url)
        assert url.endswith(".ics")  # shown in its read-only field, ready to select
        assert page.get_by_role("button", name="Copy the address").count() == 0
        assert page.get_by_role("link", name="Subscribe in my calendar app").count() == 1
    finally:
        no_js.close()
