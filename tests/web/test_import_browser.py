"""An organizer imports a paper count in Chromium: uploads the .blt, checks the preview
(nothing saved), counts it, and sees the results marked imported, shown like a native count;
then counts it again under Meek. The whole flow fits a 390 px screen."""

from __future__ import annotations

import pytest

from orgkit.elections.models import Election
from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from tests.integration.elections.import_support import GOLDEN_STV
from tests.support import REQUIRE_BROWSER, make_user, skip_or_fail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "paper-count-2026"
NOTE = "Imported — counted by orgkit from a file; not voted in orgkit"


WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def fits(page) -> None:
    """No sideways scrolling at 390 px, and no WCAG 2.1 AA violation axe can find."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width}px wide"
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        skip_or_fail("axe-playwright-python is not installed", required=REQUIRE_BROWSER)
    results = Axe().run(page, options=WCAG_AA)
    assert not results.violations_count, results.generate_report()


def test_upload_preview_count_and_see_it_marked_imported(live_server, new_page):
    base = live_server.url
    lead = make_user("lead@example.org", "Lena Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Paper Local", slug="paper")
    organizer = Member.objects.get(organization=org, user=lead)
    org_services.body_create(
        actor=organizer, name="General Assembly", kind="assembly", membership="organization"
    )

    page = new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill("lead@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()

    page.goto(f"{base}/o/paper/elections/")
    page.get_by_role("link", name="Import an election (.blt)").click()
    fits(page)
    page.get_by_label("Ballot file (.blt or .csv)").set_input_files(
        str(GOLDEN_STV / "wikipedia-food-election.blt")
    )
    page.get_by_label("Body (whose election it was)").select_option(label="General Assembly")
    page.get_by_label("Count it with").select_option("scottish")
    page.get_by_role("button", name="Preview the file").click()

    page.get_by_text("Nothing is saved yet").wait_for()
    assert page.locator("ol.preview-candidates li").all_inner_texts() == [
        "Oranges",
        "Pears",
        "Chocolate",
        "Strawberries",
        "Hamburgers",
    ]
    assert "20 (" in page.locator("dl.facts").inner_text()
    assert not Election.objects.exists()
    fits(page)

    page.get_by_role("button", name="Count and save the imported election").click()
    page.get_by_role("heading", name="Elected").wait_for()
    assert page.get_by_role("note").first.inner_text().startswith(NOTE)
    assert page.locator("ol.elected li").all_inner_texts() == [
        "Chocolate",
        "Oranges",
        "Strawberries",
    ]
    page.get_by_role("heading", name="The same ballots under winner-take-all").wait_for()
    page.get_by_role("heading", name="Round by round").wait_for()
    assert page.get_by_role("link", name="Who voted").count() == 0
    fits(page)

    page.get_by_label("Count again with").select_option("meek")
    page.get_by_role("button", name="Count again").click()
    page.get_by_text("Counted again with Meek STV").wait_for()
    assert page.locator("ol.elected li").all_inner_texts() == [
        "Chocolate",
        "Strawberries",
        "Oranges",
    ]
    assert page.locator("ol.counts li").count() == 2

    page.get_by_role("link", name="Overview & candidates").click()
    page.get_by_text("Nobody voted in orgkit").wait_for()
    fits(page)

    page.goto(f"{base}/o/paper/elections/")
    row = page.locator("tr", has_text="worked example")
    assert "imported" in row.inner_text() and "not voted in orgkit" in row.inner_text()
    fits(page)
