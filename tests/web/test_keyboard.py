"""The ranked ballot, the rotation calendars and the fairness report by keyboard alone.

No mouse clicks and no filling by locator: every step is a key press (Tab, Shift+Tab, Enter,
Space, arrows) on whatever has the focus, as a person without a pointer would do it. Each page
is also walked end to end with Tab to check that every control on it can be reached, in an
order that follows the page, and shows where the focus is.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from orgkit.core.models import User
from orgkit.elections import services as election_services
from orgkit.organizations import services as org_services
from orgkit.organizations.models import Member
from orgkit.rotations.models import Rotation
from tests.support import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "keyboard-only-2026"
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
ORGANIZER = ("organizer@demo.orgkit.test", "demo-organizer-1922")
MEMBER = ("member@demo.orgkit.test", "demo-member-1922")

# What has the focus, described so a test can look for it by name.
FOCUSED_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    name: (el.getAttribute('aria-label') || label || el.innerText || el.value || '').trim(),
    role: el.getAttribute('role') || '',
    mark: el.dataset.kb || '',
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    inMain: !!el.closest('main'),
  };
}"""

# Number every control in <main> a keyboard user must be able to reach.
MARK_CONTROLS_JS = """() => {
  const selector = 'a[href], button:not([disabled]), select:not([disabled]), '
    + 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), summary, '
    + '[tabindex]:not([tabindex="-1"])';
  const shown = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
    && getComputedStyle(el).visibility !== 'hidden';
  const controls = [...document.querySelectorAll('main ' + selector.split(', ').join(', main '))]
    .filter(shown).filter((el) => el.id !== 'main' && !el.closest('details:not([open]) > :not(summary)'));
  controls.forEach((el, i) => { el.dataset.kb = String(i); });
  return controls.length;
}"""


def sign_in_by_keyboard(page, base: str, email: str, password: str) -> None:
    """Sign in with keys only: Tab to each field, type, and press Enter."""
    page.goto(f"{base}/accounts/login/")
    tab_to(page, lambda f: f["tag"] == "input" and f["name"].startswith("Email"))
    page.keyboard.type(email)
    tab_to(page, lambda f: f["tag"] == "input" and f["name"].startswith("Password"))
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def tab_to(page, wanted, *, limit: int = 120, key: str = "Tab") -> dict:
    """Press Tab until the focused element satisfies ``wanted``; fail if it never does."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED_JS)
        if focused and wanted(focused):
            assert focused["outline"], f"no visible focus on {focused}"
            return focused
        seen.append(focused and focused["name"][:30])
    raise AssertionError(f"never reached the control by {key}; the focus went through {seen}")


def tab_through_main(page) -> list[str]:
    """Tab from the top of the page to its end; return the problems with reaching ``main``'s
    controls (one missed, out of order, or focused without a visible outline)."""
    total = page.evaluate(MARK_CONTROLS_JS)
    page.evaluate(
        "() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }"
    )
    reached: list[int] = []
    problems = []
    for _ in range(total + 60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None:
            break
        if focused["mark"]:
            if not focused["outline"]:
                problems.append(f"no visible focus on {focused['tag']} {focused['name']!r}")
            reached.append(int(focused["mark"]))
        elif reached and not focused["inMain"]:
            break  # past main, into the footer
    if total == 0:
        problems.append("found no controls in main to reach")
    missed = sorted(set(range(total)) - set(reached))
    if missed:
        problems.append(f"Tab never reached controls {missed} of {total}")
    if reached != sorted(reached):
        problems.append(f"Tab order does not follow the page: {reached}")
    return problems


def serious_axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def test_a_member_ranks_and_casts_a_ballot_by_keyboard_alone(live_server, browser):
    now = timezone.now()
    lead = make_user("lead@keys.example", "Lena Lead", password=PASSWORD)
    org = org_services.organization_create(creator=lead, name="Keyboard Local", slug="keys")
    organizer = Member.objects.get(organization=org, user=lead)
    branch = org_services.branch_create(actor=organizer, name="Works")
    Member.objects.filter(pk=organizer.pk).update(branch=branch)
    names = ["Alma Aalto", "Boris Brandt", "Cleo Costa"]
    members = []
    for name in names:
        email = f"{name.split()[0].lower()}@keys.example"
        make_user(email, name, password=PASSWORD)
        members.append(
            org_services.member_add(actor=organizer, email=email, full_name=name, branch=branch)
        )
    body = org_services.body_create(
        actor=organizer, name="Works Assembly", kind="assembly", membership="branch", branch=branch
    )
    election = election_services.election_create(
        actor=organizer,
        body=body,
        title="Works committee",
        seats=2,
        notice_days=0,
        ballot_order="listed",
        nominations_open_at=now - timedelta(hours=2),
        nominations_close_at=now - timedelta(hours=1),
        voting_opens_at=now - timedelta(hours=1),
        voting_closes_at=now + timedelta(days=2),
        at=now - timedelta(hours=3),
    )
    election = election_services.election_open_nominations(
        actor=organizer, election=election, at=now - timedelta(hours=2)
    )
    for member in members:
        election_services.candidate_nominate(
            actor=member, election=election, member=member, at=now - timedelta(hours=2)
        )
    election = election_services.election_open_voting(
        actor=organizer, election=election, at=now, notify=False
    )

    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in_by_keyboard(page, live_server.url, "alma@keys.example", PASSWORD)
        page.goto(f"{live_server.url}/o/keys/elections/{election.pk}/vote/")
        # An open ballot is a page the demo crawl cannot reach (its election is over): it
        # fits the phone and passes axe here.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert serious_axe_violations(page) == []
        assert tab_through_main(page) == []

        # Cleo first, with the quick-ranking button (Enter), then Alma (Space).
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        tab_to(page, lambda f: f["tag"] == "button" and f["name"] == "Rank Cleo Costa next")
        page.keyboard.press("Enter")
        tab_to(page, lambda f: f["tag"] == "button" and f["name"] == "Rank Alma Aalto next")
        page.keyboard.press("Space")
        summary = page.locator(".ballot-summary")
        assert summary.inner_text() == "Your order: 1. Cleo Costa, 2. Alma Aalto"
        # Boris third, by his rank menu and the arrow keys (Shift+Tab goes back up the ballot).
        tab_to(
            page, lambda f: f["tag"] == "select" and "Boris Brandt" in f["name"], key="Shift+Tab"
        )
        for _ in range(3):
            page.keyboard.press("ArrowDown")
        assert summary.inner_text() == "Your order: 1. Cleo Costa, 2. Alma Aalto, 3. Boris Brandt"

        tab_to(page, lambda f: f["tag"] == "button" and f["name"] == "Review my ballot")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r".*/vote/$"))
        page.locator("ol.ranking").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert serious_axe_violations(page) == []
        assert page.locator("ol.ranking li").all_inner_texts() == [
            "Cleo Costa",
            "Alma Aalto",
            "Boris Brandt",
        ]
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        tab_to(page, lambda f: f["tag"] == "button" and f["name"] == "Cast my ballot")
        page.keyboard.press("Enter")
        page.locator("#receipt-code").wait_for()
        assert re.fullmatch(r"[A-Z0-9-]{6,}", page.locator("#receipt-code").inner_text().strip())
    finally:
        context.close()


@pytest.fixture
def demo_rotation(transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    return Rotation.objects.get(role__body__slug="sormovo-committee")


@pytest.mark.parametrize("viewport", [390, 1200], ids=["phone", "desktop"])
def test_the_calendars_work_by_keyboard_alone(live_server, browser, demo_rotation, viewport):
    context = browser.new_context(viewport={"width": viewport, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    base = live_server.url
    try:
        sign_in_by_keyboard(page, base, *MEMBER)
        for path in [
            f"/o/metalworkers/rotations/{demo_rotation.pk}/calendar/",
            "/o/metalworkers/rotations/bodies/sormovo-committee/calendar/",
        ]:
            page.goto(base + path)
            assert tab_through_main(page) == [], path
            month = page.locator("h1").inner_text()
            # Forward a month and back again, by Enter on the pager links.
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
            tab_to(page, lambda f: f["tag"] == "a" and f["name"] == "Next month →")
            page.keyboard.press("Enter")
            page.wait_for_url(re.compile(r".*\?month="))
            assert page.locator("h1").inner_text() != month
            tab_to(page, lambda f: f["tag"] == "a" and f["name"] == "← Previous month")
            page.keyboard.press("Enter")
            page.wait_for_function(
                "(month) => document.querySelector('h1').innerText === month", arg=month
            )
            assert page.locator("table.month caption").count() == 1
    finally:
        context.close()


def test_the_fairness_report_works_by_keyboard_alone(live_server, browser, demo_rotation):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    base = live_server.url
    try:
        sign_in_by_keyboard(page, base, *ORGANIZER)
        page.goto(f"{base}/o/metalworkers/rotations/{demo_rotation.pk}/fairness/")
        assert tab_through_main(page) == []
        # Change the period with the arrow keys and submit it with Enter on the button.
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        tab_to(page, lambda f: f["tag"] == "select" and "Look back" in f["name"])
        before = page.locator("#months").input_value()
        page.keyboard.press("ArrowDown")
        chosen = page.locator("#months").input_value()
        assert chosen != before
        tab_to(page, lambda f: f["tag"] == "button" and f["name"] == "Show")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf".*months={chosen}"))
        assert page.locator("#months").input_value() == chosen
        # The table's box takes the focus, and the arrow keys scroll it when it is wider than
        # the screen: a 320 px phone, and a member whose name is one very long word.
        User.objects.filter(email=ORGANIZER[0]).update(
            full_name="Anastasiya-Konstantinovna-Petrova-Vodkina"
        )
        page.set_viewport_size({"width": 320, "height": 700})
        page.reload()
        region = page.get_by_role("region", name=re.compile("how fair is it"))
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        tab_to(page, lambda f: f["role"] == "region")
        assert region.evaluate("el => el === document.activeElement")
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")
        # And the rotation's other views are one Tab and Enter away.
        tab_to(page, lambda f: f["tag"] == "a" and f["name"] == "Calendar", key="Shift+Tab")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r".*/calendar/$"))
    finally:
        context.close()
