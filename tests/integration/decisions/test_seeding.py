"""The demo organization shows a published decision with a minority report and an appeal."""

import pytest

from orgkit.decisions import services
from orgkit.decisions.models import Appeal, MinorityReport, Motion
from orgkit.decisions.seeding import seed_demo
from orgkit.organizations.seeding import load_demo

pytestmark = pytest.mark.django_db


def test_demo_has_a_published_decision_with_a_report_and_an_appeal():
    from orgkit.core.models import OutboundEmail

    org = load_demo()
    emails_before = OutboundEmail.objects.count()
    assert seed_demo(organization=org) is True
    motion = Motion.objects.get(organization=org)
    assert motion.state == Motion.State.PUBLISHED and (motion.votes_for, motion.votes_against) == (
        3,
        2,
    )
    report = MinorityReport.objects.get(motion=motion)
    assert report.signatures.count() == 1 and report.rejoinders.count() == 2
    assert Appeal.objects.get(motion=motion).state == Appeal.State.LISTED
    assert services.record_verify(organization=org) is None
    assert OutboundEmail.objects.count() == emails_before  # a past record sends no email
    assert seed_demo(organization=org) is False  # idempotent
