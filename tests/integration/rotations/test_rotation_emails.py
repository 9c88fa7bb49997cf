"""Rotation emails are written from templates in the recipient's language, with absolute links
to the rotation's page, and plain text (no HTML escaping of names)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from orgkit.rotations import services
from orgkit.rotations.mailing import recipient_language
from orgkit.rotations.models import Turn

pytestmark = pytest.mark.django_db


def turn_on(rotation, day: date) -> Turn:
    return Turn.objects.select_related("holder__user", "rotation__role").get(
        rotation=rotation, start=day
    )


def rotation_address(rotation) -> str:
    path = reverse(
        "rotations:detail",
        kwargs={"org_slug": rotation.organization.slug, "rotation_id": rotation.pk},
    )
    return settings.ORGKIT_BASE_URL.rstrip("/") + path


def test_a_reminder_is_written_in_the_organizations_language(
    world, weekly, crew, mailoutbox, django_capture_on_commit_callbacks
):
    world.org.language = "es"
    world.org.save()
    first = turn_on(weekly, date(2026, 12, 14))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.turn_reminders_send(at=first.starts_at - timedelta(days=1)) == 1
    [email] = mailoutbox
    assert email.to == ["ana@example.org"]
    assert "lunes 14 de diciembre de 2026" in email.body and "December" not in email.body
    assert rotation_address(weekly) in email.body


def test_a_swap_request_names_the_asker_unescaped_and_links_the_rotation(
    world, weekly, crew, mailoutbox, django_capture_on_commit_callbacks
):
    ana, bo = crew[1], crew[2]
    ana.user.full_name = "Ana O'Hara & Co"
    ana.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.swap_request(
            actor=ana,
            offered_turn=turn_on(weekly, date(2026, 12, 14)),
            wanted_turn=turn_on(weekly, date(2026, 12, 21)),
        )
    [email] = mailoutbox
    assert email.to == [bo.user.email]
    assert email.subject == "Ana O'Hara & Co asks to swap turns"
    assert email.body.startswith(
        "Ana O'Hara & Co offers their turn of 14 December 2026 for yours of 21 December 2026"
    )
    assert rotation_address(weekly) in email.body and "&#x27;" not in email.body


def test_turn_moved_and_handover_emails_come_from_their_templates(
    world, weekly, crew, mailoutbox, django_capture_on_commit_callbacks
):
    weekly.handover_checklist = "Keys are in the blue box."
    weekly.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.leave_add(
            actor=crew[3], member=crew[3], start=date(2026, 12, 28), end=date(2027, 1, 3)
        )
    moved = [m for m in mailoutbox if m.to == ["cy@example.org"]]
    assert moved and moved[0].subject == "Your turn as Coordinator moved"
    assert "Mon 28 Dec 2026: you no longer hold this turn" in moved[0].body
    assert rotation_address(weekly) in moved[0].body
    mailoutbox.clear()
    first = turn_on(weekly, date(2026, 12, 14))
    with django_capture_on_commit_callbacks(execute=True):
        services.turns_hand_over(at=first.starts_at)
    bodies = {m.to[0]: m.body for m in mailoutbox if m.subject.startswith("Handover: ")}
    assert bodies["ana@example.org"].startswith("You take over as Coordinator")
    assert bodies["max@example.org"].startswith("You hand over as Coordinator")
    assert all("Keys are in the blue box." in body for body in bodies.values())


def test_the_recipients_own_language_comes_first(world, crew):
    member = crew[1]
    member.organization.language = "es"
    assert recipient_language(member) == "es"
    member.language = "en"  # the member's own choice beats the organization's
    assert recipient_language(member) == "en"
    member.language, member.organization.language = "", ""
    assert recipient_language(member) == settings.LANGUAGE_CODE
