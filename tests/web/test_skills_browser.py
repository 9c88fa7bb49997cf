"""Skill-sharing in Chromium: a coordinator logs teaching two members, they sign off (one by
keyboard alone), the coverage matrix and the role's bus factor change, and the rotation plan
for the role — which requires the skill — now includes them. The matrix fits 390 px."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from orgkit.rotations import services as rotation_services
from orgkit.skills import services
from orgkit.skills.models import Level
from tests.support import make_user, sign_in
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "teach-them-2026"


def holders(page, url: str) -> set[str]:
    """The names in the Holder column of the rotation's coming turns (open turns left out)."""
    page.goto(url)
    cells = page.locator("table.turns tbody tr > :nth-child(2)").all_inner_texts()
    return {text.strip() for text in cells} - {"", "open", "—"}


def test_teaching_two_members_changes_coverage_and_the_rotation(live_server, new_page):
    base = live_server.url
    lead = make_user("lena@example.org", "Lena Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Harbour Local", slug="harbour")
    lena = Member.objects.get(organization=org, user=lead)
    learners = []
    for name in ["Alma Aalto", "Boris Brandt", "Cleo Costa"]:
        email = f"{name.split()[0].lower()}@example.org"
        make_user(email, name, password=PASSWORD)
        learners.append(
            org_services.member_add(
                actor=lena, email=email, full_name=name, joined_on=date(2025, 1, 1)
            )
        )
    body = org_services.body_create(actor=lena, name="Committee", kind="committee")
    role = org_services.role_create(actor=lena, body=body, name="Coordinator")
    chair = services.skill_add(actor=lena, organization=org, name="Chairing a meeting")
    # More columns than a phone can show: the matrix must scroll inside its frame.
    for name in [
        "Negotiating",
        "One-on-one conversations",
        "Public speaking",
        "Running an election",
        "Taking minutes",
        "Using orgkit",
        "Writing a leaflet",
    ]:
        services.skill_add(actor=lena, organization=org, name=name)
    services.requirement_set(actor=lena, role=role, skill=chair, level=Level.CAN_DO)
    services.level_set(actor=lena, skill=chair, level=Level.CAN_TEACH)
    rotation = rotation_services.rotation_create(
        actor=lena,
        role=role,
        cadence_unit="weeks",
        cadence_every=1,
        anchor=timezone.localdate() + timedelta(days=3),
        cooldown_turns=2,  # Lena alone leaves two turns in three open
        shadow_turns=False,
        confirmation_horizon=0,
        plan_ahead_turns=6,
        pool=[lena, *learners],
    )
    services.rotation_requirement_set(
        actor=lena, rotation=rotation, skill=chair, level=Level.CAN_DO
    )

    page = new_page()
    sign_in(page, base, "lena@example.org", PASSWORD)
    page.goto(f"{base}/o/harbour/skills/roles/{role.pk}/")
    assert page.locator("#bus-factor").inner_text() == "1"
    assert holders(page, f"{base}/o/harbour/rotations/{rotation.pk}/") == {"Lena Lead"}

    # The coordinator logs the session.
    page.goto(f"{base}/o/harbour/skills/log/new/")
    page.locator("#id_skill").select_option(label="Chairing a meeting")
    learned = page.locator("#id_learners")
    learned.get_by_label("Alma Aalto").check()
    learned.get_by_label("Boris Brandt").check()
    page.locator("#id_held_on").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.locator("#id_minutes").fill("90")
    page.locator("#id_level_offered").select_option(label="can do")
    page.get_by_role("button", name="Log it").click()
    page.get_by_text("Session logged.").wait_for()

    # Alma signs off with the mouse; Boris by keyboard alone.
    alma = new_page()
    sign_in(alma, base, "alma@example.org", PASSWORD)
    alma.goto(f"{base}/o/harbour/skills/mine/")
    alma.get_by_role("link", name="Chairing a meeting").click()
    alma.get_by_role("button", name="Sign off").click()
    alma.get_by_text("Signed off: your level is updated.").wait_for()

    boris = new_page()
    sign_in(boris, base, "boris@example.org", PASSWORD)
    boris.goto(f"{base}/o/harbour/skills/mine/")
    boris.get_by_role("link", name="Chairing a meeting").focus()
    boris.keyboard.press("Enter")
    boris.locator("#id_level").focus()
    boris.keyboard.press("Tab")  # the comment
    boris.keyboard.press("Tab")  # the Sign off button
    focused = boris.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Sign off"
    boris.keyboard.press("Enter")
    boris.get_by_text("Signed off: your level is updated.").wait_for()

    # The matrix and the bus factor changed; the plan now has the two of them.
    page.goto(f"{base}/o/harbour/skills/matrix/")
    row = page.locator("#matrix tr", has_text="Alma Aalto")
    assert row.locator("td").first.inner_text() == "3"
    page.goto(f"{base}/o/harbour/skills/roles/{role.pk}/")
    assert page.locator("#bus-factor").inner_text() == "3"
    assert holders(page, f"{base}/o/harbour/rotations/{rotation.pk}/") == {
        "Lena Lead",
        "Alma Aalto",
        "Boris Brandt",
    }

    # On a phone: the matrix scrolls inside its frame, never the page.
    page.set_viewport_size({"width": 390, "height": 844})
    for name, path in [
        ("matrix", "skills/matrix/"),
        ("role", f"skills/roles/{role.pk}/"),
        ("log-session", "skills/log/new/"),
    ]:
        page.goto(f"{base}/o/harbour/{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
            ".slice(0, 6).map(e => e.tagName + '.' + e.className + ' ' + getComputedStyle(e).overflowX)"
        )
        assert width <= 390, (path, width, wide)
        page.screenshot(path=str(ARTIFACTS / f"skills-{name}-390.png"), full_page=True)
