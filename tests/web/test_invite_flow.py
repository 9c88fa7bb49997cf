"""An organizer invites a member; the invitee accepts in a second browser; the member list
shows them. Everything through the real UI in Chromium."""

from __future__ import annotations

import re

import pytest

from orgkit.organizations import services
from tests.support import make_user, sign_in
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invite_accept_and_see_the_new_member(live_server, new_page, mailoutbox):
    organizer = make_user("lead@example.org", "Lina Lead", password="lead-password-2026")
    services.organization_create(creator=organizer, name="Harbour Tenants", slug="harbour")

    page = new_page()
    sign_in(page, live_server.url, "lead@example.org", "lead-password-2026")
    page.get_by_role("link", name="Harbour Tenants").click()
    page.get_by_role("navigation", name="Harbour Tenants").get_by_role(
        "link", name="Invitations"
    ).click()
    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label("Name (optional)").fill("Nico Newcomer")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("Invitation sent to newcomer@example.org").wait_for()
    page.screenshot(path=str(ARTIFACTS / "invitations.png"), full_page=True)

    invitation_mail = next(m for m in mailoutbox if m.to == ["newcomer@example.org"])
    path = re.search(r"/invite/[\w-]+/", invitation_mail.body).group(0)

    invitee = new_page()  # a second browser context: no shared cookies
    invitee.goto(live_server.url + path)
    invitee.get_by_role("heading", name="Join Harbour Tenants").wait_for()
    invitee.get_by_label("Your name").fill("Nico Newcomer")
    invitee.get_by_label("Choose a password").fill("a-long-passphrase-77")
    invitee.get_by_role("button", name="Create account and join").click()
    invitee.get_by_text("Welcome to Harbour Tenants!").wait_for()
    assert invitee.url == f"{live_server.url}/o/harbour/"

    page.get_by_role("navigation", name="Harbour Tenants").get_by_role(
        "link", name="Members"
    ).click()
    row = page.get_by_role("row").filter(has_text="Nico Newcomer")
    row.wait_for()
    assert "newcomer@example.org" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "members.png"), full_page=True)

    # The same link a second time is refused with a clear message.
    again = new_page()
    again.goto(live_server.url + path)
    assert "already been used" in again.content()


def test_member_search_works_with_and_without_javascript(live_server, browser, mailoutbox):
    organizer = make_user("lead@example.org", "Lina Lead", password="lead-password-2026")
    org = services.organization_create(creator=organizer, name="Harbour Tenants", slug="harbour")
    from orgkit.organizations.models import Member

    actor = Member.objects.get(organization=org)
    for name in ["Pia Park", "Quinn Quay", "Rui Rocha"]:
        services.member_add(
            actor=actor, email=f"{name.split()[0].lower()}@example.org", full_name=name
        )

    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        sign_in(page, live_server.url, "lead@example.org", "lead-password-2026")
        page.goto(f"{live_server.url}/o/harbour/members/")
        page.get_by_label("Search by name or email").fill("quinn")
        if javascript:  # htmx swaps the table as you type
            page.get_by_role("row").filter(has_text="Pia Park").wait_for(state="detached")
        else:
            page.get_by_role("button", name="Search").click()
        rows = page.locator("#member-table tbody tr").all_inner_texts()
        assert len(rows) == 1 and "Quinn Quay" in rows[0], (javascript, rows)
        context.close()
