"""No usable secret at rest (issue 8, item 5): the attacker reads every column of the outbox
and the feed table with raw SQL — before and after the email is sent — and tries to USE what
it finds: open the invitation, open the password-reset form, fetch the calendar. Each attempt
must fail, while the real secret (which only the recipient's mailbox holds) still works, which
shows the attempts were capable of succeeding.

Runs on SQLite and, in CI, on PostgreSQL (DATABASE_URL).
"""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from orgkit.core.emails import SCRUBBED_NOTE, email_body, email_deliver
from orgkit.core.errors import ServiceError
from orgkit.core.models import OutboundEmail
from orgkit.organizations import services as org_services

pytestmark = pytest.mark.django_db

CANDIDATE = re.compile(r"[A-Za-z0-9_\-]{16,}")


def read_table(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # every column, as a database reader would
        return cursor.fetchall()


def as_text(value) -> str:
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def dump(table: str) -> str:
    return "\n".join(" | ".join(as_text(v) for v in row) for row in read_table(table))


def candidates(text: str) -> set[str]:
    """Everything in a dump that could be a token or part of a link."""
    found = set(CANDIDATE.findall(text))
    for link in re.findall(r"/(?:invite|accounts/reset)/[^\s|]+", text):
        found.update(part for part in link.split("/") if part)
    return found


def invitation_opens(token: str) -> bool:
    try:
        org_services.invitation_by_token(token=token)
    except ServiceError:
        return False
    return True


def reset_form_opens(uidb64: str, token: str) -> bool:
    """Whether the link leads to the form that sets a new password (the page's title shows
    either way; an invalid link says it expired instead of offering the form)."""
    response = Client().get(f"/accounts/reset/{uidb64}/{token}/", follow=True)
    return 'name="new_password1"' in response.content.decode()


def link_in(body: str, marker: str) -> str:
    line = next(line for line in body.splitlines() if marker in line)
    return line[line.index(marker) :].strip()


def test_invitation_link_is_not_readable_from_the_outbox_before_or_after_sending(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _invitation, token = org_services.invitation_create(
            actor=world.organizer, email="newcomer@example.org"
        )
    pending = dump("core_outboundemail")
    assert token not in pending and "/invite/" not in pending
    assert not any(invitation_opens(c) for c in candidates(pending))

    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    sent = dump("core_outboundemail")
    assert token not in sent and "/invite/" not in sent
    assert not any(invitation_opens(c) for c in candidates(sent))
    row = OutboundEmail.objects.get(to="newcomer@example.org")
    assert row.status == "sent" and row.body == SCRUBBED_NOTE and row.sealed_body is None

    # The mailbox's link works: the attempts above could have succeeded had the DB held it.
    link = link_in(mailoutbox[0].body, "/invite/")
    assert link.split("/")[-2] == token and invitation_opens(token)
    page = Client().get(link[link.index("/invite/") :])
    assert page.status_code == 200 and "Tenants United" in page.content.decode()


def test_reset_link_is_not_readable_from_the_outbox_before_or_after_sending(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    uidb64 = urlsafe_base64_encode(force_bytes(world.member.user.pk))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Client().post("/accounts/password/reset/", {"email": "max@example.org"})
    pending = dump("core_outboundemail")
    assert "/accounts/reset/" not in pending
    assert not any(reset_form_opens(uidb64, c) for c in candidates(pending))

    for callback in callbacks:
        callback()
    sent = dump("core_outboundemail")
    assert "/accounts/reset/" not in sent
    assert not any(reset_form_opens(uidb64, c) for c in candidates(sent))
    row = OutboundEmail.objects.get(kind="core.password_reset")
    assert row.status == "sent" and row.body == SCRUBBED_NOTE

    link = link_in(mailoutbox[-1].body, "/accounts/reset/")
    _, _, uid_in_link, token_in_link, _ = link.rsplit("/", 4)
    assert uid_in_link == uidb64 and token_in_link not in sent
    assert reset_form_opens(uidb64, token_in_link)


def test_the_reset_token_is_not_readable_from_the_session_table(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    """Django moves the reset link's token into the session while the member chooses a new
    password; session data is signed, not encrypted. The attacker decodes every session row."""
    from django.contrib.sessions.backends.db import SessionStore

    uidb64 = urlsafe_base64_encode(force_bytes(world.member.user.pk))
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/password/reset/", {"email": "max@example.org"})
    link = link_in(mailoutbox[-1].body, "/accounts/reset/")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    member = Client()
    form_page = member.get(link[link.index("/accounts/reset/") :], follow=True)
    assert 'name="new_password1"' in form_page.content.decode()  # the member is mid-reset

    sessions = read_table("django_session")
    decoded = " ".join(str(SessionStore().decode(row[1])) for row in sessions)
    assert sessions and token not in decoded and token not in dump("django_session")
    assert not any(reset_form_opens(uidb64, c) for c in candidates(decoded))
    # The member's own session still finishes the reset.
    new = "brand-new-pass-2026"
    response = member.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert "_password_reset_token" not in " ".join(
        str(SessionStore().decode(row[1])) for row in read_table("django_session")
    )


def test_failed_sign_ins_keep_no_secret_in_the_attempts_table(world):
    """django-axes records the GET and POST data of each failure: a "next" pointing at an
    invitation link must not end up there in clear."""
    next_url = f"/invite/{world.invitation_token}/"
    Client().post(
        f"/accounts/login/?next={next_url}",
        {"username": "max@example.org", "password": "wrong", "next": next_url},
    )
    table = dump("axes_accessattempt")
    assert world.invitation_token not in table
    assert not any(invitation_opens(c) for c in candidates(table))


def test_ordinary_emails_are_sealed_too_but_kept(world, django_capture_on_commit_callbacks):
    from orgkit.core.emails import email_enqueue

    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue(
            organization=world.org,
            to="max@example.org",
            subject="Handover",
            body="Your turn as Coordinator starts on Monday.",
            kind="rotations.reminder",
        )
    assert "Your turn" not in dump("core_outboundemail")
    email.refresh_from_db()
    assert email.status == "sent" and not email.carries_secret
    assert email_body(email) == "Your turn as Coordinator starts on Monday."


def test_a_sealed_email_redirected_to_another_address_is_never_sent(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    """A database writer who changes the recipient of a queued invitation does not receive it:
    the sealed body is bound to the row and the recipient."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _invitation, token = org_services.invitation_create(
            actor=world.organizer, email="newcomer@example.org"
        )
    OutboundEmail.objects.filter(to="newcomer@example.org").update(to="attacker@example.net")
    for callback in callbacks:
        callback()
    assert mailoutbox == []
    row = OutboundEmail.objects.get(to="attacker@example.net")
    assert row.status == "failed" and "does not open" in row.last_error
    assert email_deliver(email_id=str(row.pk)) is False and mailoutbox == []


def test_the_migration_seals_old_bodies_and_scrubs_sent_links(world):
    """Rows written before sealing: plain bodies. The data migration seals them, and removes
    the links of invitation and reset emails already sent."""
    link = f"http://testserver/invite/{world.invitation_token}/"
    sent_invite = OutboundEmail.objects.create(
        to="new@example.org",
        subject="Invite",
        body=f"Join us: {link}",
        kind="organizations.invitation",
        status="sent",
    )
    queued_invite = OutboundEmail.objects.create(
        to="new@example.org",
        subject="Invite",
        body=f"Join us: {link}",
        kind="organizations.invitation",
    )
    notice = OutboundEmail.objects.create(
        to="max@example.org",
        subject="Notice",
        body="Voting opens Monday.",
        kind="elections.notice",
        status="sent",
    )
    migration = importlib.import_module("orgkit.core.migrations.0005_seal_and_scrub_outbox")
    migration.seal_and_scrub(django_apps, None)

    assert world.invitation_token not in dump("core_outboundemail")
    assert "Voting opens" not in dump("core_outboundemail")
    for row in (sent_invite, queued_invite, notice):
        row.refresh_from_db()
    assert sent_invite.body == SCRUBBED_NOTE and sent_invite.sealed_body is None
    assert queued_invite.carries_secret and email_body(queued_invite) == f"Join us: {link}"
    assert email_body(notice) == "Voting opens Monday."


def test_the_database_holds_no_usable_calendar_feed_token(world):
    from orgkit.rotations import services as rotation_services

    feed, token = rotation_services.feed_create(actor=world.member, kind="personal")
    table = dump("rotations_calendarfeed")
    assert token not in table
    url = "/o/tenants/rotations/feed/{}.ics"
    assert all(Client().get(url.format(c)).status_code == 404 for c in candidates(table))
    assert Client().get(url.format(token)).status_code == 200
