"""The demo seed loads through services and is idempotent; the in-process scheduler runs the
periodic jobs once, in the right process."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command

from orgkit.core.models import AuditEvent, User
from orgkit.core.scheduler import InProcessScheduler, interval_seconds, should_start_scheduler
from orgkit.organizations.models import Body, Invitation, Member, Organization, RoleAssignment
from orgkit.rotations.models import Leave, Rotation, Skip, Turn
from tests.support import log_in


@pytest.mark.django_db
def test_demo_seed_loads_and_a_second_run_changes_nothing(capsys):
    call_command("load_demo")
    first = capsys.readouterr().out
    assert "organizer@demo.orgkit.test" in first and "demo-organizer-1922" in first
    org = Organization.objects.get(slug="metalworkers")
    snapshot = {
        "users": User.objects.count(),
        "members": Member.objects.filter(organization=org).count(),
        "bodies": Body.objects.filter(organization=org).count(),
        "assignments": RoleAssignment.objects.filter(organization=org).count(),
        "events": AuditEvent.objects.filter(organization=org).count(),
        "invitations": Invitation.objects.filter(organization=org).count(),
        "turns": Turn.objects.filter(organization=org).count(),
        "leave": Leave.objects.filter(organization=org).count(),
    }
    assert snapshot["members"] == 40 and org.branches.count() == 3
    assert (
        Body.objects.get(organization=org, slug="sormovo-committee").parent.slug
        == "regional-council"
    )
    sormovo = Rotation.objects.get(organization=org, role__body__slug="sormovo-committee")
    served = Turn.objects.filter(rotation=sormovo, status="served").select_related("holder__user")
    assert [t.holder.display_name for t in served] == [
        "Marta Kowalski",
        "Idris Haddad",
        "Lena Brandt",
        "Ana Petrova",
    ]
    upcoming = Turn.objects.filter(rotation=sormovo, status="planned").order_by("start").first()
    assert upcoming.holder.display_name == "Tomás Ruiz" or "leave" in str(upcoming.reasons)
    assert Skip.objects.filter(
        organization=org, member__user__email="member@demo.orgkit.test"
    ).exists()
    call_command("load_demo")
    assert "already loaded" in capsys.readouterr().out
    assert snapshot == {
        "users": User.objects.count(),
        "members": Member.objects.filter(organization=org).count(),
        "bodies": Body.objects.filter(organization=org).count(),
        "assignments": RoleAssignment.objects.filter(organization=org).count(),
        "events": AuditEvent.objects.filter(organization=org).count(),
        "invitations": Invitation.objects.filter(organization=org).count(),
        "turns": Turn.objects.filter(organization=org).count(),
        "leave": Leave.objects.filter(organization=org).count(),
    }


@pytest.mark.django_db
def test_demo_logins_work(client):
    call_command("load_demo")
    assert log_in(client, "organizer@demo.orgkit.test", "demo-organizer-1922")
    page = client.get("/o/metalworkers/").content.decode()
    assert "United Metalworkers" in page and "Coordinator" in page


@pytest.mark.parametrize(
    ("broker", "reloader", "run_main", "expected"),
    [
        ("", True, None, False),  # the autoreloader's watcher process
        ("", True, "true", True),  # its serving child: the one place to run
        ("", False, None, True),  # --noreload: a single process
        ("redis://localhost", False, None, False),  # beat and workers do it
    ],
)
def test_scheduler_starts_in_exactly_one_process(broker, reloader, run_main, expected):
    environ = {"RUN_MAIN": run_main} if run_main else {}
    assert (
        should_start_scheduler(broker_url=broker, use_reloader=reloader, environ=environ)
        is expected
    )


def test_scheduler_runs_each_job_when_due_and_not_before():
    now = [1000.0]
    ran: list[str] = []
    schedule = {
        "often": {"task": "a", "schedule": timedelta(minutes=5)},
        "rarely": {"task": "b", "schedule": 3600},
    }
    scheduler = InProcessScheduler(schedule=schedule, run_task=ran.append, clock=lambda: now[0])
    assert scheduler.run_due() == ["often", "rarely"]  # everything once at start
    now[0] += 299
    assert scheduler.run_due() == []
    now[0] += 1
    assert scheduler.run_due() == ["often"]
    now[0] += 3300
    assert scheduler.run_due() == ["often", "rarely"]
    assert ran == ["a", "b", "a", "a", "b"]


def test_a_failing_job_does_not_stop_the_others():
    def run(task):
        if task == "bad":
            raise RuntimeError("boom")
        ran.append(task)

    ran: list[str] = []
    schedule = {"bad": {"task": "bad", "schedule": 60}, "good": {"task": "good", "schedule": 60}}
    assert InProcessScheduler(schedule=schedule, run_task=run, clock=lambda: 0.0).run_due() == [
        "bad",
        "good",
    ]
    assert ran == ["good"]


@pytest.mark.django_db
def test_the_configured_jobs_run_in_process(world):
    """The real schedule, run the way `serve` runs it: expired invitations get expired."""
    from orgkit.core.scheduler import run_task_by_name

    Invitation.objects.update(expires_at=world.invitation.created_at - timedelta(days=1))
    scheduler = InProcessScheduler(
        schedule=settings.CELERY_BEAT_SCHEDULE, run_task=run_task_by_name, clock=lambda: 0.0
    )
    assert "expire-invitations" in scheduler.run_due()
    world.invitation.refresh_from_db()
    assert world.invitation.status == "expired"
    assert all(interval_seconds(entry) > 0 for entry in settings.CELERY_BEAT_SCHEDULE.values())


@pytest.mark.django_db
def test_run_periodic_jobs_command(world, capsys):
    from django.core.management.base import CommandError

    Invitation.objects.update(expires_at=world.invitation.created_at - timedelta(days=1))
    call_command("run_periodic_jobs", "--job", "expire-invitations")
    assert "expire-invitations: 1" in capsys.readouterr().out
    call_command("run_periodic_jobs")
    out = capsys.readouterr().out
    assert all(name in out for name in settings.CELERY_BEAT_SCHEDULE)
    with pytest.raises(CommandError, match="unknown job"):
        call_command("run_periodic_jobs", "--job", "nope")
