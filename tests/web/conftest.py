"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Locally, without Chromium, these tests skip and say why; in CI (ORGKIT_REQUIRE_BROWSER=1) they
fail instead. Screenshots land in test-artifacts/ so a person can look at what the test saw.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support import REQUIRE_BROWSER, skip_or_fail

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    for candidate in [
        os.environ.get("ORGKIT_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]:
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        skip_or_fail("no Chromium found (apt-get install chromium)", required=REQUIRE_BROWSER)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail(
            "playwright is not installed (pip install -e '.[test]')", required=REQUIRE_BROWSER
        )
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
    # under one unless told it is safe, which it is here (one thread drives, nothing awaits).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def new_page(browser):
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
