"""Pages: forms show clear errors, one-button actions report their outcome, htmx fragments."""

from __future__ import annotations

import pytest
from django.test import Client

from orgkit.core.models import User
from orgkit.organizations.models import Member, Organization
from tests.support import log_in

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_signup_then_create_an_organization():
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {"full_name": "Rosa", "email": "Rosa@Example.org", "password": "a-long-passphrase-77"},
    )
    assert response.status_code == 302
    response = client.post(
        "/orgs/new/",
        {
            "name": "Riverside Tenants",
            "slug": "riverside",
            "timezone_name": "Europe/Dublin",
            "language": "en",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/o/riverside/"
    org = Organization.objects.get(slug="riverside")
    assert Member.objects.get(organization=org).user.email == "rosa@example.org"
    page = client.get("/o/riverside/").content.decode()
    assert "Riverside Tenants" in page and "1</strong> organizer" in page


def test_signup_with_a_taken_email_explains(world):
    response = Client().post(
        "/accounts/signup/",
        {"full_name": "X", "email": "max@example.org", "password": "a-long-passphrase-77"},
    )
    assert response.status_code == 400
    assert "An account with this email exists" in response.content.decode()
    assert User.objects.filter(email="max@example.org").count() == 1


def test_slug_clash_shows_a_message_not_an_error_page(world):
    response = client_for(world.member.user).post(
        "/orgs/new/", {"name": "Copy", "slug": "tenants", "timezone_name": "UTC", "language": "en"}
    )
    assert response.status_code == 400
    assert "already taken" in response.content.decode()


def test_member_list_htmx_search_returns_only_the_table(world):
    client = client_for(world.member.user)
    full = client.get(f"/o/{world.org.slug}/members/?q=max")
    fragment = client.get(f"/o/{world.org.slug}/members/?q=max", headers={"HX-Request": "true"})
    assert "<html" in full.content.decode() and "<html" not in fragment.content.decode()
    assert "Max Member" in fragment.content.decode() and "Olga" not in fragment.content.decode()


def test_members_do_not_see_emails_but_organizers_do(world):
    url = f"/o/{world.org.slug}/members/"
    assert "olga@example.org" not in client_for(world.member.user).get(url).content.decode()
    assert "olga@example.org" in client_for(world.organizer.user).get(url).content.decode()


def test_a_member_cannot_revoke_someone_elses_organizer_role(world):
    url = f"/o/{world.org.slug}/members/{world.organizer.pk}/organizer/revoke/"
    assert client_for(world.member.user).post(url).status_code == 403
    world.organizer.refresh_from_db()
    assert world.organizer.is_organizer


def test_the_last_organizer_is_told_why_they_cannot_step_down(world):
    client = client_for(world.organizer.user)
    response = client.post(
        f"/o/{world.org.slug}/members/{world.organizer.pk}/organizer/revoke/", follow=True
    )
    assert "at least one organizer" in response.content.decode()


def test_invite_then_accept_in_another_session(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    organizer = client_for(world.organizer.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(
            f"/o/{world.org.slug}/invitations/", {"email": "lea@example.org", "full_name": "Lea"}
        )
    assert response.status_code == 302
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/invite/" in line)
    path = link[link.index("/invite/") :]
    newcomer = Client()
    assert "Join Tenants United" in newcomer.get(path).content.decode()
    response = newcomer.post(path, {"full_name": "Lea Lopez", "password": "a-long-passphrase-77"})
    assert response.status_code == 302 and response["Location"] == f"/o/{world.org.slug}/"
    assert "Lea Lopez" in organizer.get(f"/o/{world.org.slug}/members/").content.decode()
    reused = Client().get(path)
    assert reused.status_code == 410 and "already been used" in reused.content.decode()


def test_invalid_invitation_form_keeps_input_and_explains(world):
    response = client_for(world.organizer.user).post(
        f"/o/{world.org.slug}/invitations/", {"email": "max@example.org"}
    )
    assert response.status_code == 400 and "already a member" in response.content.decode()


def test_handover_form_rejects_a_backdated_term(world):
    response = client_for(world.organizer.user).post(
        f"/o/{world.org.slug}/roles/{world.role.pk}/assign/",
        {"member": world.organizer.pk, "how": "election", "start": "2020-01-01"},
    )
    assert response.status_code == 400 and "must start after" in response.content.decode()


def test_body_form_cannot_pick_another_organizations_branch(world):
    from orgkit.organizations import services

    foreign = services.branch_create(
        actor=Member.objects.get(organization=world.other_org), name="Elsewhere"
    )
    response = client_for(world.organizer.user).post(
        f"/o/{world.org.slug}/bodies/new/",
        {"name": "Sneaky", "kind": "assembly", "membership": "branch", "branch": foreign.pk},
    )
    assert response.status_code == 400
    assert not world.org.bodies.filter(name="Sneaky").exists()


def test_pages_carry_csrf_protection(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.organizer.user)
    response = client.post(f"/o/{world.org.slug}/branches/", {"name": "No Token"})
    assert response.status_code == 403
    assert not world.org.branches.filter(name="No Token").exists()


def test_unknown_page_is_a_friendly_404(world):
    response = client_for(world.member.user).get(f"/o/{world.org.slug}/bodies/no-such-body/")
    assert response.status_code == 404 and "Not found" in response.content.decode()


def test_static_assets_are_served_without_a_cdn(client):
    assert client.get("/static/css/orgkit.css").status_code == 200
    assert client.get("/static/vendor/htmx-2.0.11.min.js").status_code == 200


def test_password_reset_email_goes_through_the_outbox(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    from orgkit.core.models import OutboundEmail

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/accounts/password/reset/", {"email": "max@example.org"})
    assert response.status_code == 302
    assert (
        OutboundEmail.objects.get(to="max@example.org", kind="core.password_reset").status == "sent"
    )
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/reset/") :]
    client = Client()
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-new-pass-2026", "new_password2": "brand-new-pass-2026"},
    )
    assert response.status_code == 302
    assert log_in(Client(), "max@example.org", "brand-new-pass-2026")


def test_a_member_leaves_and_loses_access_but_history_stays(world):
    client = client_for(world.member.user)
    response = client.post(f"/o/{world.org.slug}/members/{world.member.pk}/leave/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(f"/o/{world.org.slug}/").status_code == 404
    history = (
        client_for(world.organizer.user)
        .get(f"/o/{world.org.slug}/roles/{world.role.pk}/")
        .content.decode()
    )
    assert "Max Member" in history


def test_a_member_cannot_record_that_someone_else_left(world):
    response = client_for(world.member.user).post(
        f"/o/{world.org.slug}/members/{world.organizer.pk}/leave/"
    )
    assert response.status_code == 403
    world.organizer.refresh_from_db()
    assert world.organizer.status == "active"


def test_the_last_organizer_cannot_leave(world):
    client = client_for(world.organizer.user)
    response = client.post(f"/o/{world.org.slug}/members/{world.organizer.pk}/leave/", follow=True)
    assert "at least one organizer" in response.content.decode()
    world.organizer.refresh_from_db()
    assert world.organizer.status == "active"


def test_signed_in_member_opening_an_invitation_for_their_own_org_is_told_why(world):
    response = client_for(world.member.user).post(f"/invite/{world.invitation_token}/")
    assert response.status_code == 400 and "already a member" in response.content.decode()


def test_absurdly_large_ids_are_a_404_not_a_500(world):
    client = client_for(world.member.user)
    assert client.get(f"/o/{world.org.slug}/members/{'9' * 30}/").status_code == 404
    assert client.get(f"/o/{world.org.slug}/members/{'9' * 18}/").status_code == 404
    assert client.get(f"/api/v1/orgs/{world.org.slug}/members/{'9' * 30}/").status_code == 404
