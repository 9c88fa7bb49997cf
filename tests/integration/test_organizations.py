"""Organization services: rules, audit events and bad input (nothing half-written)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.core.models import AuditEvent, User
from orgkit.organizations import selectors, services
from orgkit.organizations.models import Invitation, Member, Organization, RoleAssignment
from tests.support import make_user

pytestmark = pytest.mark.django_db


def verbs(org) -> list[str]:
    return list(
        AuditEvent.objects.filter(organization=org).order_by("id").values_list("verb", flat=True)
    )


def test_creating_an_organization_makes_the_creator_its_organizer():
    user = make_user("a@example.org")
    org = services.organization_create(creator=user, name="Bakers' Co-op", slug="bakers")
    member = Member.objects.get(organization=org, user=user)
    assert member.is_organizer and member.status == "active"
    assert verbs(org) == ["organizations.organization.created", "organizations.organizer.granted"]


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("tenants", "already taken"),
        ("Bad Slug", "lower-case"),
        ("admin", "reserved"),
        ("-x-", "lower-case"),
    ],
)
def test_bad_slugs_are_refused_and_nothing_is_written(world, slug, message):
    before = Organization.objects.count()
    with pytest.raises(ServiceError, match=message):
        services.organization_create(creator=make_user("b@example.org"), name="X", slug=slug)
    assert Organization.objects.count() == before


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Harbour Tenants' Union", "harbour-tenants-union"),
        ("Tenants", "tenants-2"),  # "tenants" is the world's
        ("Admin", "admin-2"),  # reserved by the URL scheme
        ("Союз жильцов", "group"),  # no Latin letters or digits
    ],
)
def test_a_blank_web_address_is_made_from_the_name(world, name, slug):
    org = services.organization_create(creator=make_user("d@example.org"), name=name, slug="")
    assert org.slug == slug


def test_unknown_timezone_is_refused():
    with pytest.raises(ServiceError, match="time zone"):
        services.organization_create(
            creator=make_user("c@example.org"), name="X", slug="x", timezone_name="Mars/Olympus"
        )


def test_creation_can_be_restricted_to_staff(settings):
    settings.ORGKIT_ORG_CREATION_STAFF_ONLY = True
    with pytest.raises(NotAllowed):
        services.organization_create(creator=make_user("d@example.org"), name="X", slug="x")
    staff = make_user("e@example.org")
    staff.is_staff = True
    staff.save()
    assert services.organization_create(creator=staff, name="X", slug="x").slug == "x"


def test_one_person_can_belong_to_several_organizations(world):
    services.invitation_create(
        actor=Member.objects.get(organization=world.other_org), email=world.member.user.email
    )
    token = services.invitation_create(
        actor=Member.objects.get(organization=world.other_org), email=world.member.user.email
    )[1]
    services.invitation_accept(token=token, user=world.member.user)
    slugs = {org.slug for org in selectors.organizations_of_user(user=world.member.user)}
    assert slugs == {"tenants", "other"}
    assert User.objects.filter(email=world.member.user.email).count() == 1


def test_home_counts_every_active_member_not_only_the_viewer(world):
    """The home page's count once reused the viewer's own membership join and said "1 member"."""
    expected = Member.objects.filter(organization=world.org, status=Member.Status.ACTIVE).count()
    assert expected > 1
    counts = {
        org.slug: org.active_members
        for org in selectors.organizations_of_user(user=world.member.user)
    }
    assert counts == {"tenants": expected}
    client = Client()
    client.force_login(world.member.user)
    page = client.get("/").content.decode()
    assert f"{expected} members" in page


def test_organizers_grant_and_revoke_and_it_is_audited(world):
    services.member_grant_organizer(actor=world.organizer, member=world.member)
    world.member.refresh_from_db()
    assert world.member.is_organizer
    services.member_revoke_organizer(actor=world.organizer, member=world.member)
    world.member.refresh_from_db()
    assert not world.member.is_organizer
    assert verbs(world.org)[-2:] == [
        "organizations.organizer.granted",
        "organizations.organizer.revoked",
    ]


def test_a_member_cannot_grant_the_organizer_role(world):
    events = AuditEvent.objects.filter(organization=world.org).count()
    with pytest.raises(NotAllowed):
        services.member_grant_organizer(actor=world.member, member=world.member)
    world.member.refresh_from_db()
    assert not world.member.is_organizer
    assert AuditEvent.objects.filter(organization=world.org).count() == events


def test_the_last_organizer_cannot_step_down_but_can_after_naming_another(world):
    with pytest.raises(ServiceError, match="at least one organizer"):
        services.member_revoke_organizer(actor=world.organizer, member=world.organizer)
    services.member_grant_organizer(actor=world.organizer, member=world.member)
    services.member_revoke_organizer(actor=world.organizer, member=world.organizer)
    world.organizer.refresh_from_db()
    assert not world.organizer.is_organizer
    assert verbs(world.org)[-1] == "organizations.organizer.stepped_down"


def test_services_refuse_rows_from_another_organization(world):
    stranger = Member.objects.get(organization=world.other_org)
    with pytest.raises(ServiceError, match="Not found"):
        services.member_grant_organizer(actor=world.organizer, member=stranger)
    with pytest.raises(ServiceError, match="Not found"):
        services.body_member_add(
            actor=world.organizer,
            body=world.body,
            member=stranger,
            how="elected",
            start=date(2026, 2, 1),
        )


def test_role_assignment_closes_the_previous_term(world):
    newcomer = services.member_add(
        actor=world.organizer, email="n@example.org", full_name="Nia New"
    )
    services.role_assign(
        actor=world.organizer,
        role=world.role,
        member=newcomer,
        how="election",
        start=date(2026, 6, 1),
    )
    history = list(selectors.role_history(organization=world.org, role=world.role))
    assert [(a.member.display_name, a.start, a.end) for a in history] == [
        ("Nia New", date(2026, 6, 1), None),
        ("Max Member", date(2026, 1, 1), date(2026, 5, 31)),
    ]


def test_role_assignment_cannot_start_before_the_current_term(world):
    with pytest.raises(ServiceError, match="must start after"):
        services.role_assign(
            actor=world.organizer,
            role=world.role,
            member=world.organizer,
            how="election",
            start=date(2025, 12, 1),
        )
    assert RoleAssignment.objects.filter(role=world.role).count() == 1


def test_overlapping_seats_on_a_body_are_refused(world):
    with pytest.raises(ServiceError, match="already sits"):
        services.body_member_add(
            actor=world.organizer,
            body=world.body,
            member=world.member,
            how="appointed",
            start=date(2026, 3, 1),
        )


def test_assembly_membership_follows_the_branch(world):
    assembly = services.body_create(
        actor=world.organizer,
        name="North Assembly",
        kind="assembly",
        membership="branch",
        branch=world.branch,
        parent=world.body,
    )
    members = selectors.body_current_members(
        organization=world.org, body=assembly, on=date(2026, 5, 1)
    )
    assert [m.display_name for m in members] == ["Max Member"]
    tree = selectors.body_tree(organization=world.org)
    assert [(n.body.name, [c.body.name for c in n.children]) for n in tree] == [
        ("Steering Committee", ["North Assembly"])
    ]


def test_branch_assembly_needs_a_branch(world):
    with pytest.raises(ServiceError, match="needs its branch"):
        services.body_create(actor=world.organizer, name="A", kind="assembly", membership="branch")


# --- invitations ---------------------------------------------------------------------------


def test_accepting_an_invitation_creates_the_account_and_membership(world):
    member = services.invitation_accept(
        token=world.invitation_token, full_name="Nora New", password="a-long-passphrase-77"
    )
    assert member.organization == world.org and member.user.full_name == "Nora New"
    assert member.user.check_password("a-long-passphrase-77")
    world.invitation.refresh_from_db()
    assert world.invitation.status == "accepted"
    assert "organizations.member.joined" in verbs(world.org)


def test_an_invitation_cannot_be_used_twice(world):
    services.invitation_accept(
        token=world.invitation_token, full_name="N", password="a-long-passphrase-77"
    )
    with pytest.raises(ServiceError, match="already been used"):
        services.invitation_accept(
            token=world.invitation_token, full_name="N", password="a-long-passphrase-77"
        )


def test_an_expired_invitation_is_refused(world):
    later = timezone.now() + timedelta(days=30)
    with pytest.raises(ServiceError, match="expired"):
        services.invitation_accept(
            token=world.invitation_token, full_name="N", password="a-long-passphrase-77", at=later
        )
    assert services.invitations_expire(at=later) == 1
    world.invitation.refresh_from_db()
    assert world.invitation.status == "expired"


def test_a_garbage_or_revoked_token_is_refused(world):
    with pytest.raises(ServiceError, match="not valid"):
        services.invitation_accept(token="nonsense", full_name="N", password="a-long-passphrase-77")
    services.invitation_revoke(actor=world.organizer, invitation=world.invitation)
    with pytest.raises(ServiceError, match="withdrawn"):
        services.invitation_accept(
            token=world.invitation_token, full_name="N", password="a-long-passphrase-77"
        )


def test_a_failed_acceptance_leaves_no_orphan_account(world):
    users_before = User.objects.count()
    with pytest.raises(ServiceError):
        services.invitation_accept(token=world.invitation_token, full_name="N", password="123")
    assert User.objects.count() == users_before
    world.invitation.refresh_from_db()
    assert world.invitation.status == "pending"


def test_existing_account_must_sign_in_rather_than_get_a_second_account(world):
    invitation, token = services.invitation_create(actor=world.organizer, email="OTTO@example.org")
    assert invitation.email == "otto@example.org"
    with pytest.raises(ServiceError, match="sign in first"):
        services.invitation_accept(token=token, full_name="Otto", password="a-long-passphrase-77")
    member = services.invitation_accept(token=token, user=world.outsider_user)
    assert member.organization == world.org


def test_inviting_a_member_again_is_refused_and_reinviting_replaces_the_old_link(world):
    with pytest.raises(ServiceError, match="already a member"):
        services.invitation_create(actor=world.organizer, email="MAX@example.org")
    _, new_token = services.invitation_create(actor=world.organizer, email="new@example.org")
    world.invitation.refresh_from_db()
    assert world.invitation.status == "revoked"
    assert Invitation.objects.filter(email="new@example.org", status="pending").count() == 1
    assert services.invitation_by_token(token=new_token).status == "pending"


def test_invitation_email_is_sent_after_commit_with_the_link(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _, token = services.invitation_create(actor=world.organizer, email="zed@example.org")
        assert mailoutbox == []  # nothing leaves before the transaction commits
    sent = [m for m in mailoutbox if m.to == ["zed@example.org"]]
    assert len(sent) == 1 and f"/invite/{token}/" in sent[0].body


def test_no_email_for_an_invitation_that_rolled_back(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.invitation_create(actor=world.organizer, email="ghost@example.org")
            raise RuntimeError("something later in the request failed")
    assert callbacks == [] and mailoutbox == []
    assert not Invitation.objects.filter(email="ghost@example.org").exists()


def test_audit_events_read_as_sentences(world):
    from orgkit.core.audit import audit_events_for, describe_event

    latest = {e.verb: describe_event(e) for e in audit_events_for(organization=world.org)}
    assert latest["organizations.member.invited"] == "invited new@example.org"
    assert latest["organizations.role.assigned"] == (
        "handed Coordinator, Steering Committee to Max Member (rotation, from 1 Jan 2026)"
    )


def test_the_log_hides_invitees_addresses_from_members_and_shows_no_raw_codes(world):
    """A newcomer saw "organizations.member.invited" after every line and the invitee's email
    in a plain member's log; organizers still see the address (page and API)."""
    from rest_framework.test import APIClient

    pages = {}
    for who in (world.member, world.organizer):
        client = Client()
        client.force_login(who.user)
        pages[who] = client.get("/o/tenants/log/").content.decode()
    assert "new@example.org" not in pages[world.member]
    assert "invited a new member" in pages[world.member]
    assert "invited new@example.org" in pages[world.organizer]
    for page in pages.values():
        assert "organizations.member.invited" not in page.split("<select", 1)[0]
        assert "organizations.role.assigned" not in page
        assert "1 Jan 2026" in page and "2026-01-01" not in page
        assert '<option value="rotations.">Rotations</option>' in page

    api = APIClient()
    api.force_authenticate(world.member.user)
    rows = api.get("/api/v1/orgs/tenants/log/?verb=organizations.member").json()["results"]
    invited = next(r for r in rows if r["verb"] == "organizations.member.invited")
    assert "email" not in invited["data"] and invited["description"] == "invited a new member"
    api.force_authenticate(world.organizer.user)
    rows = api.get("/api/v1/orgs/tenants/log/?verb=organizations.member").json()["results"]
    invited = next(r for r in rows if r["verb"] == "organizations.member.invited")
    assert invited["data"]["email"] == "new@example.org"


def test_the_log_filter_by_area_keeps_only_that_apps_events(world):
    client = Client()
    client.force_login(world.member.user)
    page = client.get("/o/tenants/log/", {"verb": "organizations."}).content.decode()
    assert "handed Coordinator" in page
    assert '<option value="organizations." selected>' in page


def test_audit_events_cannot_be_rewritten(world):
    event = AuditEvent.objects.filter(organization=world.org).first()
    event.verb = "tampered"
    with pytest.raises(RuntimeError, match="append-only"):
        event.save()


def test_leaving_ends_current_roles_and_seats_but_keeps_history(world):
    services.member_leave(actor=world.member, member=world.member, on=date(2026, 8, 1))
    assignment = RoleAssignment.objects.get(role=world.role)
    assert (assignment.start, assignment.end) == (date(2026, 1, 1), date(2026, 8, 1))
    assert world.member.body_seats.get().end == date(2026, 8, 1)
    assert (
        selectors.body_current_members(organization=world.org, body=world.body, on=date(2026, 9, 1))
        == []
    )
    with pytest.raises(ServiceError, match="already left"):
        services.member_leave(actor=world.organizer, member=world.member)


def test_an_assembly_of_everyone_lists_its_members_a_page_at_a_time(world):
    """Issue 15: a whole-organization assembly listed all 10,000 members on its page."""
    for i in range(205):
        services.member_add(
            actor=world.organizer, email=f"m{i}@example.org", full_name=f"M {i:03d}"
        )
    services.body_create(
        actor=world.organizer,
        name="Assembly",
        slug="assembly",
        kind="assembly",
        membership="organization",
    )
    everyone = Member.objects.filter(organization=world.org, status="active").count()
    client = Client()
    client.force_login(world.member.user)
    first = client.get("/o/tenants/bodies/assembly/").content.decode()
    assert f"Members now ({everyone})" in first
    assert first.count('<li><a href="/o/tenants/members/') == 200
    second = client.get("/o/tenants/bodies/assembly/", {"page": 2}).content.decode()
    assert second.count('<li><a href="/o/tenants/members/') == everyone - 200
