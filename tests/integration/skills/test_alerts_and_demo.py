"""Weekly succession alerts (per organization, isolated, emailed once) and the demo seeder."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from orgkit.core.audit import describe_event
from orgkit.core.models import AuditEvent, OutboundEmail
from orgkit.core.periodic import PeriodicJobFailures
from orgkit.skills import services
from orgkit.skills.models import Level, SuccessionAlert, TeachingSession

pytestmark = pytest.mark.django_db


def test_single_holder_alert_is_raised_once_emailed_and_closed_when_mended(
    world, crew, skills, django_capture_on_commit_callbacks
):
    chair, _ = skills
    services.level_set(actor=crew[1], skill=chair, level=Level.CAN_TEACH)
    with django_capture_on_commit_callbacks(execute=False):
        (alert,) = services.alerts_check(organization=world.org)
    assert (alert.kind, alert.skill_id, alert.member_id) == ("single_holder", chair.pk, crew[1].pk)
    logged = AuditEvent.objects.get(verb="skills.alert.raised")
    # The log names the skill and the person, not the alert's machine key.
    assert describe_event(logged) == (
        f"Succession alert: skill held by one person: {chair.name}, {crew[1].user.full_name}"
    )
    (email,) = OutboundEmail.objects.filter(kind="skills.succession_alerts")
    assert email.to == world.organizer.user.email
    assert email.subject == "Tenants United: a succession alert"
    assert services.alerts_check(organization=world.org) == []  # the same week again: nothing
    assert OutboundEmail.objects.filter(kind="skills.succession_alerts").count() == 1
    services.level_set(actor=crew[2], skill=chair, level=Level.CAN_DO)
    services.alerts_check(organization=world.org)
    assert SuccessionAlert.objects.get(pk=alert.pk).resolved_at is not None


def test_term_alerts_from_a_rotation(world, crew, skills, weekly, frozen_now):
    chair, _ = skills
    services.requirement_set(actor=world.organizer, role=world.role, skill=chair, level=3)
    first = weekly.turns.order_by("start").first()
    holder = first.holder
    services.level_set(actor=holder, skill=chair, level=Level.CAN_DO)
    # The first turn is under way and ends within the horizon; nobody else could take over.
    at = first.starts_at + timedelta(days=1)
    found = {a.kind for a in services.alerts_check(organization=world.org, at=at, notify=False)}
    assert "no_successor" in found
    # Four weeks into the same holder's term with nobody taught: the coordinator alert too.
    from orgkit.rotations.models import Rotation

    Rotation.objects.filter(pk=weekly.pk).update(max_consecutive_terms=10)
    weekly.turns.update(holder=holder)
    later = first.starts_at + timedelta(days=30)
    found = {a.kind for a in services.alerts_check(organization=world.org, at=later, notify=False)}
    assert "taught_nobody" in found


def test_the_weekly_job_isolates_each_organization(world, skills, monkeypatch):
    from orgkit.skills import tasks
    from orgkit.skills.services import alerts as alerts_module

    real = alerts_module.alerts_check

    def failing_for_other(*, organization, **kw):
        if organization.pk == world.other_org.pk:
            raise RuntimeError("bad data")
        return real(organization=organization, **kw)

    monkeypatch.setattr("orgkit.skills.services.alerts_check", failing_for_other)
    with pytest.raises(PeriodicJobFailures) as exc:
        tasks.check_succession()
    assert exc.value.failed == ["organization other"] and exc.value.done == 1


def test_demo_has_a_year_of_sessions_and_an_alert(db):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    from orgkit.organizations.models import Organization

    org = Organization.objects.get(slug="metalworkers")
    days = list(TeachingSession.objects.filter(organization=org).values_list("held_on", flat=True))
    assert len(days) >= 12 and max(days) - min(days) >= timedelta(days=300)
    assert SuccessionAlert.objects.filter(
        organization=org, resolved_at__isnull=True, kind="single_holder"
    ).exists()
    call_command("load_demo", verbosity=0)  # a second run adds nothing
    assert TeachingSession.objects.filter(organization=org).count() == len(days)
    assert date.today() - max(days) < timedelta(days=30)
