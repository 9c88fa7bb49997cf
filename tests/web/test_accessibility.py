"""WCAG 2.1 AA checks with axe-core on the main pages of the demo organization, in Chromium.

axe finds what a machine can (labels, contrast, landmarks, ARIA misuse); keyboard use is
covered by the flows in the other browser tests, which drive every form by its label.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from orgkit.rotations.models import Rotation
from tests.support import REQUIRE_BROWSER, sign_in, skip_or_fail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


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


def test_main_pages_have_no_wcag_aa_violations(live_server, new_page, axe):
    call_command("load_demo", stdout=io.StringIO())
    rotation = Rotation.objects.get(role__body__slug="sormovo-committee")
    page = new_page()
    sign_in(page, live_server.url, "organizer@demo.orgkit.test", "demo-organizer-1922")
    paths = [
        "/",
        "/o/metalworkers/",
        "/o/metalworkers/members/",
        "/o/metalworkers/bodies/",
        "/o/metalworkers/bodies/sormovo-committee/",
        f"/o/metalworkers/roles/{rotation.role_id}/",
        "/o/metalworkers/invitations/",
        "/o/metalworkers/invitations/bulk/",
        "/orgs/new/",
        "/o/metalworkers/log/",
        "/o/metalworkers/rotations/",
        f"/o/metalworkers/rotations/{rotation.pk}/",
        f"/o/metalworkers/rotations/{rotation.pk}/calendar/",
        f"/o/metalworkers/rotations/{rotation.pk}/fairness/",
        "/o/metalworkers/rotations/mine/",
        "/o/metalworkers/rotations/new/",
        "/o/metalworkers/rotations/bodies/sormovo-committee/calendar/",
        "/o/metalworkers/elections/",
        "/o/metalworkers/health/",
        "/o/metalworkers/case-studies/",
        "/o/metalworkers/case-studies/metalworkers-congress-1922/",
        "/o/metalworkers/case-studies/moscow-delegates-1921/",
        "/o/metalworkers/skills/",
        "/o/metalworkers/skills/mine/",
        "/o/metalworkers/skills/matrix/",
        "/o/metalworkers/skills/roles/",
        f"/o/metalworkers/skills/roles/{rotation.role_id}/",
        "/o/metalworkers/skills/log/",
        "/o/metalworkers/skills/log/new/",
        "/o/metalworkers/skills/alerts/",
    ]
    problems = {}
    for path in paths:
        page.goto(live_server.url + path)
        results = axe.run(page, options=WCAG_AA)
        if results.violations_count:
            problems[path] = results.generate_report()
    anonymous = new_page()
    for path in ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]:
        anonymous.goto(live_server.url + path)
        results = axe.run(anonymous, options=WCAG_AA)
        if results.violations_count:
            problems[path] = results.generate_report()
    assert not problems, "\n\n".join(f"{path}:\n{report}" for path, report in problems.items())

    # The checker itself must be able to fail: an unlabeled input and an image without alt text.
    anonymous.set_content(
        '<html lang="en"><title>t</title><main><img src="x.png"><input></main></html>'
    )
    assert axe.run(anonymous, options=WCAG_AA).violations_count >= 2
