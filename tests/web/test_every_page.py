"""Every page the demo reaches, as each role, fits a phone and passes axe-core.

A crawler signs in as each demo role (anonymous, plain member, organizer), starts at the home
page and follows same-origin links breadth-first. On each page, at a 390×844 viewport:

1. the page is no wider than the screen (``scrollWidth <= 390``); a failure names the widest
   element that sticks out (one not inside a box that scrolls or clips it);
2. axe-core with the WCAG 2.1 AA tags finds no *serious* or *critical* violation;
3. the link answered (no 4xx or 5xx on a link the demo itself shows).

The crawl is bounded by route shape (the URL pattern Django resolves the path to, plus the
names of its query parameters): each shape is checked for width on a few instances and by axe
once per role, so the test takes minutes, not hours. It skips signing out, downloads and feeds
(.ics, .blt, .csv, .pdf …), the API, the admin and cross-origin links; every state change in
orgkit is a POST, so following GET links changes nothing.

All failures are collected and reported together at the end.
"""

from __future__ import annotations

import io
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from tests.support import REQUIRE_BROWSER, sign_in, skip_or_fail
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}

ROLES = {
    "anonymous": None,
    "member": ("member@demo.orgkit.test", "demo-member-1922"),
    "organizer": ("organizer@demo.orgkit.test", "demo-organizer-1922"),
}
# Where a role's crawl begins: the home page, and for the anonymous visitor also the pages a
# signed-out person reaches from the sign-in page.
START_PATHS = ["/"]

# Instances of one route shape checked for width (different elections, meetings, members …),
# and the most pages one role's crawl loads, so a runaway link pattern cannot stall the test.
INSTANCES_PER_SHAPE = 2
MAX_PAGES_PER_ROLE = 220

SKIP_PATH = re.compile(
    r"""^/(api|admin|static|media)/
      | /accounts/logout/
      | /feed/
      | \.(ics|blt|csv|pdf|json|txt|md|zip|xml|png|svg)$""",
    re.VERBOSE,
)

# Failures that another branch is fixing right now, keyed by (kind, route name). The merger
# empties this list once that work lands; anything not listed here fails the test.
#   kind is "width" or "axe:<rule id>".
EXPECTED_FAILURES: set[tuple[str, str]] = set()

# Finds the element that sticks out furthest past the right edge of the viewport, ignoring
# anything inside a box that scrolls or clips (those are meant to be wider than the screen).
WIDEST_OFFENDER_JS = """
(limit) => {
  // Is el inside a box that scrolls or clips it? An absolutely placed element escapes the
  // overflow of every ancestor between it and its containing block (its positioned ancestor).
  const clips = (el) => {
    let escaping = getComputedStyle(el).position === 'absolute';
    if (getComputedStyle(el).position === 'fixed') return true;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      const positioned = s.position !== 'static';
      if (!escaping || positioned) {
        if (s.overflowX !== 'visible') return true;
        if (positioned) escaping = s.position === 'absolute';
      }
    }
    return false;
  };
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    if (el.classList.length) name += '.' + [...el.classList].join('.');
    const path = [];
    for (let a = el.parentElement; a && a !== document.body && path.length < 4; a = a.parentElement) {
      let p = a.tagName.toLowerCase();
      if (a.classList.length) p += '.' + [...a.classList].join('.');
      path.unshift(p);
    }
    const text = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
    return `${path.join(' > ')} > ${name} (${Math.round(el.getBoundingClientRect().width)} px wide, `
      + `right edge ${Math.round(el.getBoundingClientRect().right)} px) "${text}"`;
  };
  let worst = null, worstRight = limit;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= limit + 0.5) continue;
    if (clips(el)) continue;
    // Prefer the innermost of equally wide elements: it is the one to fix.
    if (r.right >= worstRight) { worst = el; worstRight = r.right; }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    offender: worst ? describe(worst) : null,
  };
}
"""


@dataclass
class Crawl:
    """What one role's crawl has seen: pages per shape, shapes axe has checked, failures."""

    role: str
    base: str
    seen: set[str] = field(default_factory=set)
    per_shape: dict[str, int] = field(default_factory=dict)
    axed: set[str] = field(default_factory=set)
    visited: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)
    loaded: int = 0

    def fail(self, kind: str, route: str, path: str, detail: str) -> None:
        line = f"[{self.role}] {path} ({route}) {kind}: {detail}"
        (self.expected if (kind, route) in EXPECTED_FAILURES else self.failures).append(line)


def route_of(path: str) -> tuple[str, str] | None:
    """Return (route name, route shape) for a same-origin path, or None if Django has none."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name or match.route
    return name, match.route


def shape_of(url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    resolved = route_of(parts.path)
    if resolved is None:
        return None
    name, route = resolved
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return name, route + ("?" + "&".join(keys) if keys else "")


def normalize(base: str, href: str) -> str | None:
    """The same-origin URL to crawl for ``href`` (fragment dropped), or None to skip it."""
    parts = urlsplit(href)
    origin = urlsplit(base)
    if parts.scheme not in ("http", "https") or parts.netloc != origin.netloc:
        return None
    if SKIP_PATH.search(parts.path):
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def check_page(page, axe, crawl: Crawl, url: str, shape: tuple[str, str]) -> list[str]:
    """Load ``url``, record what fails on it and return the links it shows."""
    route, key = shape
    path = url.removeprefix(crawl.base)
    response = page.goto(url, wait_until="load")
    crawl.loaded += 1
    crawl.visited.append(url)
    if response is None or response.status >= 400:
        status = response.status if response else "no response"
        crawl.fail("status", route, path, f"answered {status}")
        return []
    if "text/html" not in (response.headers.get("content-type") or ""):
        return []
    width = page.evaluate(WIDEST_OFFENDER_JS, PHONE["width"])
    if width["scrollWidth"] > PHONE["width"]:
        crawl.fail(
            "width",
            route,
            path,
            f"page is {width['scrollWidth']} px wide; widest: {width['offender']}",
        )
    if key not in crawl.axed:
        crawl.axed.add(key)
        for violation in axe.run(page, options=WCAG_AA).response["violations"]:
            if violation.get("impact") in BLOCKING_IMPACTS:
                targets = ", ".join(
                    str(node["target"][0]) for node in violation["nodes"][:3] if node["target"]
                )
                crawl.fail(
                    f"axe:{violation['id']}",
                    route,
                    path,
                    f"{violation['impact']} — {violation['help']} — {targets}",
                )
    return page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")


def crawl_as(browser, axe, base: str, role: str) -> Crawl:
    """Breadth-first crawl of the demo as ``role``, from the home page."""
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(20_000)
    page = context.new_page()
    crawl = Crawl(role=role, base=base)
    try:
        if ROLES[role]:
            sign_in(page, base, *ROLES[role])
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
        queue = deque(base + path for path in START_PATHS)
        if role == "anonymous":
            queue.extend(base + p for p in ("/accounts/login/", "/accounts/signup/"))
        while queue and crawl.loaded < MAX_PAGES_PER_ROLE:
            url = queue.popleft()
            if url in crawl.seen:
                continue
            crawl.seen.add(url)
            shape = shape_of(url)
            if shape is None:
                crawl.fail("status", "?", url.removeprefix(base), "no route resolves this link")
                continue
            if crawl.per_shape.get(shape[1], 0) >= INSTANCES_PER_SHAPE:
                continue
            crawl.per_shape[shape[1]] = crawl.per_shape.get(shape[1], 0) + 1
            for href in check_page(page, axe, crawl, url, shape):
                link = normalize(base, href)
                if link and link not in crawl.seen:
                    queue.append(link)
    finally:
        context.close()
    return crawl


@pytest.fixture
def axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        skip_or_fail(
            "axe-playwright-python is not installed (pip install -e '.[test]')",
            required=REQUIRE_BROWSER,
        )
    return Axe()


def test_every_page_fits_a_phone_and_passes_axe_as_every_role(live_server, browser, axe):
    call_command("load_demo", stdout=io.StringIO())
    crawls = [crawl_as(browser, axe, live_server.url, role) for role in ROLES]

    # The crawl really reached the demo: every role saw pages, the signed-in ones many shapes.
    shapes = {crawl.role: len(crawl.per_shape) for crawl in crawls}
    assert shapes["anonymous"] >= 3, shapes
    assert shapes["member"] >= 30 and shapes["organizer"] > shapes["member"], shapes

    # What the crawl saw, for a person to look over (beside the browser tests' screenshots).
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "every-page-crawl.txt").write_text(
        "\n".join(f"{c.role}\t{url.removeprefix(c.base)}" for c in crawls for url in c.visited),
        encoding="utf-8",
    )
    failures = [line for crawl in crawls for line in crawl.failures]
    expected = [line for crawl in crawls for line in crawl.expected]
    summary = ", ".join(f"{c.role}: {c.loaded} pages, {len(c.per_shape)} shapes" for c in crawls)
    assert not failures, f"{len(failures)} problem(s) ({summary}):\n" + "\n".join(sorted(failures))
    # An allow-listed failure that no longer happens must leave the list.
    stale = {
        entry
        for entry in EXPECTED_FAILURES
        if not any(f"({entry[1]}) {entry[0]}:" in line for line in expected)
    }
    assert not stale, f"no longer failing, remove from EXPECTED_FAILURES: {sorted(stale)}"


def test_the_width_check_can_fail(browser):
    """The width check finds an element wider than the phone, and ignores one that scrolls."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.set_content(
            '<!doctype html><html lang="en"><body style="margin:0"><div class="scroller" style="overflow-x:auto">'
            '<table style="width:900px"><tr><td>fine</td></tr></table></div></body></html>'
        )
        assert page.evaluate(WIDEST_OFFENDER_JS, 390) == {"scrollWidth": 390, "offender": None}
        page.set_content(
            '<!doctype html><html lang="en"><body style="margin:0"><main><p class="wide" style="width:600px">'
            "Gallagher</p></main></body></html>"
        )
        result = page.evaluate(WIDEST_OFFENDER_JS, 390)
        assert result["scrollWidth"] == 600
        assert "p.wide" in result["offender"] and "Gallagher" in result["offender"]
        # An absolutely placed label escapes a scrolling box that is not positioned.
        page.set_content(
            '<!doctype html><html lang="en"><body style="margin:0"><div style="overflow-x:auto">'
            '<div style="width:900px">wide <span class="hidden-label" style="position:absolute;left:800px">'
            "Withdraw</span></div></div></body></html>"
        )
        result = page.evaluate(WIDEST_OFFENDER_JS, 390)
        assert result["scrollWidth"] > 390 and "span.hidden-label" in result["offender"]
    finally:
        context.close()
