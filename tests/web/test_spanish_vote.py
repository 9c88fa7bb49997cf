"""Issue #14: a member switches to Spanish and votes by keyboard alone.

The demo member (``load_demo``) signs in, sets their language to Español on their own member
page, and from then on reads orgkit in Spanish: the dashboard (with a Spanish date), the
ballot, the review and the receipt. Every step is a key press — Tab to move, typing, Enter or
Space to press, arrow keys in a menu — and never a click; each Tab stop is checked to be the
element meant, so a control the keyboard cannot reach fails the test."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from orgkit.elections import services
from orgkit.elections.models import Election, VoterRollEntry
from orgkit.organizations.models import Body, Member
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "member@demo.orgkit.test", "demo-member-1922"
# English a Spanish page must not show: the chrome, the ballot's words, the receipt's.
ENGLISH = [
    "Skip to content",
    "Sign out",
    "Your ballot",
    "Review my ballot",
    "Cast my ballot",
    "Your receipt code",
    "Rank next",
    "voting closes",
]


def open_election(org) -> tuple[Election, list[str]]:
    """An election of the whole local with voting open now and three candidates standing."""
    organizer = Member.objects.organizers().filter(organization=org).order_by("pk").first()
    body = Body.objects.get(organization=org, slug="general-assembly")
    now = timezone.now()
    election = services.election_create(
        actor=organizer,
        body=body,
        title="Comité de huelga",
        seats=2,
        notice_days=0,
        nominations_open_at=now - timedelta(days=3),
        nominations_close_at=now - timedelta(days=1),
        voting_opens_at=now - timedelta(hours=1),
        voting_closes_at=now + timedelta(days=7),
        at=now - timedelta(days=4),
    )
    services.election_open_nominations(
        actor=organizer, election=election, at=now - timedelta(days=3)
    )
    election.refresh_from_db()
    standing = list(
        Member.objects.active().filter(organization=org).exclude(user__email=EMAIL).order_by("pk")
    )[1:4]
    for member in standing:
        services.candidate_nominate(
            actor=member, election=election, member=member, at=now - timedelta(days=2)
        )
    services.election_open_voting(
        actor=organizer, election=election, at=now - timedelta(minutes=30), notify=False
    )
    return election, [m.display_name for m in standing]


def tab_to(page, target, *, limit: int = 250) -> None:
    """Press Tab until ``target`` has the focus: proof the keyboard reaches it."""
    element = target.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", element):
            return
    raise AssertionError(f"Tab never reached {target}")


def sign_in_by_keyboard(page, base_url: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    tab_to(page, page.get_by_label("Email"))
    page.keyboard.type(EMAIL)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Sign out").wait_for()


def choose_spanish(page) -> None:
    """On the member's own page: the language menu by arrow keys, then Save by Enter."""
    menu = page.get_by_label("Language")
    tab_to(page, menu)
    for _ in range(len(menu.locator("option").all())):
        if menu.input_value() == "es":
            break
        page.keyboard.press("ArrowDown")
    assert menu.input_value() == "es"
    tab_to(page, page.get_by_role("button", name="Save language"))
    page.keyboard.press("Enter")
    page.get_by_text("Idioma guardado.").wait_for()


def assert_spanish(page) -> None:
    assert page.locator("html").get_attribute("lang") == "es"
    text = page.locator("body").inner_text()
    english = [words for words in ENGLISH if words in text]
    assert not english, f"English on a Spanish page ({page.url}): {english}"


def test_a_member_switches_to_spanish_and_votes_by_keyboard_alone(live_server, new_page):
    call_command("load_demo", stdout=io.StringIO())
    member = Member.objects.select_related("organization").get(user__email=EMAIL)
    org = member.organization
    election, (first, second, third) = open_election(org)
    base = live_server.url
    page = new_page()

    sign_in_by_keyboard(page, base)
    page.goto(f"{base}/o/{org.slug}/")  # typed into the address bar
    tab_to(page, page.get_by_role("link", name="Your membership"))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=member.display_name).wait_for()
    choose_spanish(page)
    assert_spanish(page)
    member.refresh_from_db()
    assert member.language == "es"

    # The dashboard, in Spanish, with a Spanish date, leads to the ballot.
    page.goto(f"{base}/o/{org.slug}/")
    page.get_by_role("heading", name="Tu papeleta te espera").wait_for()
    assert_spanish(page)
    panel = page.locator("section[aria-labelledby=panel-ballots]").inner_text()
    assert re.search(r"la votación cierra el \d{1,2} de [a-z]+ de \d{4}, \d\d:\d\d", panel), panel
    tab_to(page, page.get_by_role("link", name=election.title))
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Tu papeleta").wait_for()
    assert_spanish(page)
    page.get_by_text("Todavía no has ordenado a nadie.").wait_for()

    # Ranks: two by the quick-ranking buttons (Space, then Enter), one by its menu's arrows.
    tab_to(page, page.get_by_role("button", name=f"Poner a {first} a continuación"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name=f"Poner a {second} a continuación"))
    page.keyboard.press("Enter")
    menu = page.get_by_label(f"Posición de {third}")
    tab_to(page, menu)
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert menu.input_value() == "3"
    page.get_by_text(f"Tu orden: 1. {first}, 2. {second}, 3. {third}").wait_for()
    tab_to(page, page.get_by_role("button", name="Revisar mi papeleta"))
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Revisa tu papeleta").wait_for()
    assert_spanish(page)
    assert page.locator("ol.ranking li").all_inner_texts() == [first, second, third]
    assert not VoterRollEntry.objects.get(election=election, member=member).voted
    tab_to(page, page.get_by_role("button", name="Emitir mi papeleta"))
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Tu papeleta está emitida").wait_for()
    assert_spanish(page)
    assert page.get_by_text("Tu código de comprobante:").is_visible()
    assert page.locator("#receipt-code").inner_text().strip()
    page.screenshot(path=str(ARTIFACTS / "spanish-receipt.png"), full_page=True)
    assert VoterRollEntry.objects.get(election=election, member=member).voted
