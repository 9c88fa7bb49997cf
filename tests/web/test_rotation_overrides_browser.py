"""Issue #13 (items 3, 5 and 12) in Chromium: with two-turn terms a cover or a swap moves
exactly the turns chosen, and the page names them before anything changes; organizers arrange
swaps; skip, cover and removal ask first; at 390 px the turns are cards that fit the screen."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from orgkit.rotations import services
from orgkit.rotations.models import PoolEntry, Turn
from tests.support import make_user, sign_in
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "override-pass-2026"
K, A, B = "Ama Kwame", "Ana Alder", "Bo Birch"


def holders() -> list[str]:
    return [
        t.holder.display_name if t.holder else "open"
        for t in Turn.objects.select_related("holder__user").order_by("start")
    ]


def turns() -> list[Turn]:
    return list(Turn.objects.select_related("holder__user").order_by("start"))


def in_pool(name: str) -> bool:
    return PoolEntry.objects.filter(member__user__full_name=name, left_at__isnull=True).exists()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= 390")


def tab_to(page, starts: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element's text starts with ``starts`` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.innerText.trim()").startswith(starts):
            return
    raise AssertionError(f"Tab never reached {starts!r}")


@pytest.fixture
def termed():
    """Four-weekly turns in terms of two for Ama (Kwame), Ana and Bo (K K A A B B), the first turn
    confirmed; Lina organizes and is not in the pool."""
    lead = make_user("lead@example.org", "Lina Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Dock Tenants", slug="dock")
    organizer = Member.objects.get(organization=org)
    body = org_services.body_create(actor=organizer, name="Dock Committee", kind="committee")
    role = org_services.role_create(actor=organizer, body=body, name="Coordinator")
    for name in (K, A, B):
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
    rotation = services.rotation_create(
        actor=organizer,
        role=role,
        cadence_unit="weeks",
        cadence_every=4,
        anchor=timezone.localdate() + timedelta(days=7),
        handover_time=time(18, 0),
        term_length=2,
        shadow_turns=False,
        confirmation_horizon=1,
        plan_ahead_turns=6,
    )
    assert holders() == [K, K, A, A, B, B]
    return rotation


def url(live_server, rotation) -> str:
    return f"{live_server.url}/o/dock/rotations/{rotation.pk}/"


def test_covering_one_turn_of_a_two_turn_term_moves_that_turn_only(live_server, new_page, termed):
    page = new_page()
    sign_in(page, live_server.url, "ana@example.org", PASSWORD)
    page.goto(url(live_server, termed))
    first = turns()[0]
    row = page.locator(f"#turn-{first.pk}")
    row.get_by_role("link", name="Cover turn of").click()

    # The page names exactly the one turn that will move, before it moves.
    page.get_by_role("heading", name=f"Cover {K}'s turn").wait_for()
    moves = page.locator("ul.moves li")
    assert moves.count() == 1
    assert f"{K} → {A}" in moves.first.inner_text()
    assert first.start.strftime("%-d") in moves.first.inner_text()
    assert holders() == [K, K, A, A, B, B]  # nothing changed yet
    page.screenshot(path=str(ARTIFACTS / "rotation-cover-preview.png"), full_page=True)
    page.get_by_role("button", name="Yes, cover this turn").click()
    page.get_by_text(f"You are covering {K}'s turn").wait_for()

    # Kwame's second turn is still his, and he is still in the plan and the pool.
    assert holders() == [A, K, A, A, B, B]
    assert in_pool(K)
    assert f"(covering for {K})" in page.locator(f"#turn-{first.pk}").inner_text()
    assert K in page.locator(f"#turn-{turns()[1].pk}").inner_text()


def test_a_one_turn_swap_and_an_organizer_arranged_swap(live_server, new_page, termed):
    all_turns = turns()
    kwame_second, bo_first = all_turns[1], all_turns[4]

    # Bo offers his first turn for Kwame's second one; the page shows the two turns.
    bo = new_page()
    sign_in(bo, live_server.url, "bo@example.org", PASSWORD)
    bo.goto(url(live_server, termed))
    row = bo.locator(f"#turn-{kwame_second.pk}")
    row.get_by_role("combobox").select_option(str(bo_first.pk))
    row.get_by_role("button", name="Ask to swap").click()
    moves = bo.locator("ul.moves li")
    moves.first.wait_for()
    assert moves.count() == 2
    assert f"{K} → {B}" in moves.nth(0).inner_text()
    assert f"{B} → {K}" in moves.nth(1).inner_text()
    bo.get_by_role("button", name="Ask for this swap").click()
    bo.get_by_text("Swap asked for").wait_for()

    kwame = new_page()
    sign_in(kwame, live_server.url, "ama@example.org", PASSWORD)
    kwame.goto(url(live_server, termed))
    kwame.get_by_role("button", name="Accept swap").click()
    kwame.get_by_text("Swap accepted").wait_for()
    # Exactly one turn each way.
    assert holders() == [K, B, A, A, K, B]
    swapped = kwame.locator(f"#turn-{kwame_second.pk}").inner_text()
    assert f"(swapped with {K})" in swapped and "covering for" not in swapped
    assert f"(swapped with {B})" in kwame.locator(f"#turn-{bo_first.pk}").inner_text()
    assert "covering for" not in kwame.locator("table.turns").inner_text()

    # The organizer arranges a swap between Ana's second turn and Bo's second turn.
    ana_second, bo_second = all_turns[3], all_turns[5]
    lead = new_page()
    sign_in(lead, live_server.url, "lead@example.org", PASSWORD)
    lead.goto(url(live_server, termed))
    lead.get_by_label("One turn").select_option(str(ana_second.pk))
    lead.get_by_label("The other turn").select_option(str(bo_second.pk))
    lead.get_by_role("button", name="Show the swap").click()
    moves = lead.locator("ul.moves li")
    moves.first.wait_for()
    assert [m.split(": ", 1)[1] for m in moves.all_inner_texts()] == [f"{A} → {B}", f"{B} → {A}"]
    assert holders() == [K, B, A, A, K, B]
    lead.get_by_role("button", name="Yes, arrange this swap").click()
    lead.get_by_text("Swap arranged").wait_for()
    assert holders() == [K, B, A, B, K, A]


def test_skip_cover_and_remove_ask_first(live_server, new_page, termed):
    first = turns()[0]
    kwame = new_page()
    sign_in(kwame, live_server.url, "ama@example.org", PASSWORD)
    kwame.goto(url(live_server, termed))

    # Skip: the page asks; going back changes nothing; confirming skips.
    kwame.locator(f"#turn-{first.pk}").get_by_role("link", name="Skip turn of").click()
    kwame.get_by_role("heading", name="Skip your turn of").wait_for()
    assert kwame.locator("ul.moves li").count() >= 1
    kwame.get_by_role("link", name="No, go back").click()
    kwame.get_by_role("heading", name="Coming turns").wait_for()
    assert holders() == [K, K, A, A, B, B]
    kwame.locator(f"#turn-{first.pk}").get_by_role("link", name="Skip turn of").click()
    kwame.get_by_role("button", name="Yes, skip this turn").click()
    kwame.get_by_text("You keep your place").wait_for()
    assert holders()[0] != K

    # Cover: going back changes nothing.
    ana = new_page()
    sign_in(ana, live_server.url, "ana@example.org", PASSWORD)
    ana.goto(url(live_server, termed))
    before = holders()
    last = turns()[-1]
    ana.locator(f"#turn-{last.pk}").get_by_role("link", name="Cover turn of").click()
    ana.get_by_role("button", name="Yes, cover this turn").wait_for()
    ana.get_by_role("link", name="No, go back").click()
    ana.get_by_role("heading", name="Coming turns").wait_for()
    assert holders() == before

    # Remove: the organizer sees which turns go to others, then removes Bo.
    lead = new_page()
    sign_in(lead, live_server.url, "lead@example.org", PASSWORD)
    lead.goto(url(live_server, termed))
    lead.get_by_role("link", name=f"remove {B}").click()
    lead.get_by_role("heading", name=f"Remove {B} from the rotation?").wait_for()
    shown = lead.locator("ul.moves li").all_inner_texts()
    assert any(f"{B} →" in m for m in shown) and not any(f"→ {B}" in m for m in shown)
    assert in_pool(B)
    lead.get_by_role("button", name=f"Yes, remove {B}").click()
    lead.get_by_text(f"{B} left the rotation").wait_for()
    assert not in_pool(B)


def test_turns_are_cards_that_fit_a_390px_screen_and_work_by_keyboard(live_server, browser, termed):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "ama@example.org", PASSWORD)
        page.goto(url(live_server, termed))
        page.get_by_role("heading", name="Coming turns").wait_for()
        assert fits(page), page.evaluate("document.documentElement.scrollWidth")
        rows = page.locator("table.turns tbody tr")
        assert rows.count() == 6
        for i in range(rows.count()):
            box = rows.nth(i).bounding_box()
            assert rows.nth(i).evaluate("r => getComputedStyle(r).display") == "block"
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        mine = page.locator(f"#turn-{turns()[0].pk}")
        other = page.locator(f"#turn-{turns()[2].pk}")
        for control in (
            mine.get_by_role("button", name="Accept"),
            mine.get_by_role("link", name="Skip"),
            other.get_by_role("button", name="Ask to swap"),
        ):
            control.scroll_into_view_if_needed()
            assert control.is_visible()
            box = control.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        page.screenshot(path=str(ARTIFACTS / "rotation-cards-390.png"), full_page=True)

        # Keyboard: Tab reaches Accept, Skip and Ask to swap; Enter on Accept accepts.
        page.locator("h1").click()
        tab_to(page, "Accept")
        tab_to(page, "Skip")
        tab_to(page, "Ask to swap")
        page.locator("h1").click()
        tab_to(page, "Accept")
        page.keyboard.press("Enter")
        page.get_by_text("Turn accepted").wait_for()
        assert Turn.objects.order_by("start").first().accepted_at is not None
        assert fits(page)
    finally:
        context.close()
