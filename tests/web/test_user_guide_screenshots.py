"""The user guide's pictures, taken by the suite: each job in docs/user-guide.md — schedule a
rotation, run a proportional election, apportion a congress, record a minority report and an
appeal, log skill sharing — is walked in Chromium on the demo, and each screenshot is taken
only after the page shows what the guide says it shows.

Every run takes them (into test-artifacts/guide/); `bin/guide-screenshots` runs this test with
ORGKIT_GUIDE_DIR=docs/guide to replace the committed pictures. The guide and this list must name
the same pictures: a picture the guide shows that no test takes fails here.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from orgkit.decisions.models import Motion
from orgkit.elections.models import Election
from orgkit.rotations.models import Rotation
from tests.support import sign_in
from tests.web.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "user-guide.md"
ORGANIZER = ("organizer@demo.orgkit.test", "demo-organizer-1922")
MEMBER = ("member@demo.orgkit.test", "demo-member-1922")


def guide_dir() -> Path:
    chosen = os.environ.get("ORGKIT_GUIDE_DIR")
    path = Path(chosen) if chosen else ARTIFACTS / "guide"
    path = path if path.is_absolute() else ROOT / path
    path.mkdir(parents=True, exist_ok=True)
    return path


def shots_in_the_guide() -> set[str]:
    return set(re.findall(r"\]\(guide/([a-z0-9-]+\.png)\)", GUIDE.read_text()))


class Camera:
    """Takes a named picture of a page once a text the guide relies on is on it."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base, self.taken = page, base, []

    def shoot(self, name: str, path: str, *, shows: str, full_page: bool = False) -> None:
        self.page.goto(self.base + path)
        self.page.get_by_text(shows, exact=False).first.wait_for()
        self.page.screenshot(path=str(guide_dir() / name), full_page=full_page)
        self.taken.append(name)


def test_the_guide_pictures_each_job_on_the_demo(live_server, new_page):
    call_command("load_demo", stdout=io.StringIO())
    org = "/o/metalworkers"
    sormovo = Rotation.objects.get(role__body__slug="sormovo-committee")
    congress = Election.objects.get(title__startswith="Delegates to the Regional Congress")
    overtime = Motion.objects.get(title="Accept the overtime agreement")

    page = new_page()
    page.set_viewport_size({"width": 1100, "height": 800})
    camera = Camera(page, live_server.url)
    sign_in(page, live_server.url, *ORGANIZER)
    # Schedule a rotation
    camera.shoot("rotation-new.png", f"{org}/rotations/new/", shows="Make a role rotate")
    camera.shoot(
        "rotation-plan.png", f"{org}/rotations/{sormovo.pk}/", shows="Needs cover", full_page=True
    )
    camera.shoot(
        "rotation-fairness.png", f"{org}/rotations/{sormovo.pk}/fairness/", shows="balance"
    )
    # Run a proportional election
    camera.shoot("election-new.png", f"{org}/elections/new/", shows="Counting rule")
    camera.shoot(
        "election-results.png",
        f"{org}/elections/{congress.pk}/results/",
        shows="winner-take-all",
        full_page=True,
    )
    # Apportion a congress
    camera.shoot("apportion.png", f"{org}/elections/apportion/", shows="Share seats by")
    # Record a minority report and an appeal
    camera.shoot(
        "minority-report.png",
        f"{org}/decisions/motions/{overtime.pk}/",
        shows="Minority report",
        full_page=True,
    )
    # Log skill sharing
    camera.shoot("skills-log.png", f"{org}/skills/log/", shows="Log a session")
    camera.shoot("skills-matrix.png", f"{org}/skills/matrix/", shows="Bookkeeping")

    member = new_page()
    member.set_viewport_size({"width": 1100, "height": 800})
    member_camera = Camera(member, live_server.url)
    sign_in(member, live_server.url, *MEMBER)
    member_camera.shoot("my-turns.png", f"{org}/rotations/mine/", shows="My turns")

    taken = set(camera.taken + member_camera.taken)
    assert shots_in_the_guide() == taken, (
        f"pictures the guide shows but no test takes: {shots_in_the_guide() - taken}; "
        f"taken but not in the guide: {taken - shots_in_the_guide()}"
    )
