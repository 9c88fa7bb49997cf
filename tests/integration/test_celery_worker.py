"""A real Celery worker on Redis sends the invitation email.

The worker is started by .ci/run against pytest-django's test database (test_<NAME>) with the
file email backend in a folder this test also reads. Locally, without CELERY_BROKER_URL, the
test skips; in CI (ORGKIT_REQUIRE_WORKER=1) it fails instead.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.conf import settings

from orgkit.core.models import OutboundEmail
from orgkit.organizations import services
from orgkit.organizations.models import Member
from tests.support import REQUIRE_WORKER, make_user, skip_or_fail

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def real_worker():
    if not os.environ.get("CELERY_BROKER_URL"):
        skip_or_fail(
            "CELERY_BROKER_URL is not set: no Celery worker to test against",
            required=REQUIRE_WORKER,
        )
    from config.celery import app

    if not app.control.ping(timeout=1):
        skip_or_fail("no Celery worker answered a ping", required=REQUIRE_WORKER)
    app.conf.task_always_eager = False
    try:
        yield app
    finally:
        app.conf.task_always_eager = True


def wait_for(predicate, *, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.2)
    return predicate()


def test_invitation_email_is_sent_by_a_real_worker(real_worker):
    mail_dir = Path(os.environ.get("ORGKIT_WORKER_EMAIL_DIR", settings.EMAIL_FILE_PATH))
    boss = make_user("worker-test-organizer@example.org", "Wanda Worker")
    org = services.organization_create(creator=boss, name="Worker Test Union", slug="worker-test")
    organizer = Member.objects.get(organization=org, user=boss)

    invitation, token = services.invitation_create(actor=organizer, email="invitee@example.org")

    email = wait_for(
        lambda: OutboundEmail.objects.filter(
            organization=org, to="invitee@example.org", status="sent"
        ).first()
    )
    assert email is not None, "the worker did not mark the email sent within 30 s"

    def sent_file_with_token():
        for path in mail_dir.glob("*.log"):
            text = path.read_text(encoding="utf-8", errors="replace")
            if f"/invite/{token}/" in text:
                return text
        return None

    text = wait_for(sent_file_with_token, seconds=5)
    assert text is not None, f"no email with the invitation link in {mail_dir}"
    assert "To: invitee@example.org" in text and "Worker Test Union" in text
