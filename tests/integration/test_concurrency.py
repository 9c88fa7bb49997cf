"""Races that must not break the rules, tried for real on PostgreSQL with two connections."""

from __future__ import annotations

import pytest

from orgkit.core.errors import ServiceError
from orgkit.core.models import User
from orgkit.organizations import services
from orgkit.organizations.models import Member
from tests.support import make_user, race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]


def test_two_organizers_revoking_each_other_leave_one_organizer():
    for attempt in range(5):
        a = make_user(f"a{attempt}@example.org")
        org = services.organization_create(creator=a, name="Race", slug=f"race-{attempt}")
        first = Member.objects.get(organization=org, user=a)
        second = services.member_add(actor=first, email=f"b{attempt}@example.org", full_name="B")
        services.member_grant_organizer(actor=first, member=second)
        first.refresh_from_db()
        second.refresh_from_db()

        outcomes = race(
            lambda f=first, s=second: services.member_revoke_organizer(actor=f, member=s),
            lambda f=first, s=second: services.member_revoke_organizer(actor=s, member=f),
        )
        assert Member.objects.organizers().filter(organization=org).count() == 1, outcomes
        assert sum(isinstance(o, ServiceError) for o in outcomes) == 1


def test_one_invitation_accepted_twice_at_once_makes_one_member():
    boss = make_user("boss@example.org")
    org = services.organization_create(creator=boss, name="Race", slug="race")
    organizer = Member.objects.get(organization=org, user=boss)
    _, token = services.invitation_create(actor=organizer, email="twice@example.org")

    outcomes = race(
        lambda: services.invitation_accept(
            token=token, full_name="One", password="a-long-passphrase-77"
        ),
        lambda: services.invitation_accept(
            token=token, full_name="Two", password="a-long-passphrase-77"
        ),
    )
    assert sum(isinstance(o, Member) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ServiceError) for o in outcomes) == 1, outcomes
    assert User.objects.filter(email="twice@example.org").count() == 1
    assert Member.objects.filter(organization=org, user__email="twice@example.org").count() == 1


def test_the_same_list_sent_twice_at_once_invites_each_person_once():
    """A double click on "Invite 30 people": both requests check the list, both write; the
    one-pending-invitation-per-address rule lets one through and turns the other into a
    clear refusal with nothing written — never a 500, never a half list."""
    from orgkit.organizations.models import Invitation

    boss = make_user("boss@example.org")
    org = services.organization_create(creator=boss, name="Race", slug="race")
    organizer = Member.objects.get(organization=org, user=boss)
    text = "".join(f"P{i},p{i}@example.org\n" for i in range(30))

    outcomes = race(
        lambda: services.invitations_bulk_create(actor=organizer, text=text),
        lambda: services.invitations_bulk_create(actor=organizer, text=text),
    )
    pending = Invitation.objects.filter(organization=org, status="pending")
    assert pending.count() == 30, outcomes
    assert all(isinstance(o, tuple | ServiceError) for o in outcomes), outcomes


def test_the_same_address_invited_twice_at_once_gives_one_invitation_and_a_clear_refusal():
    """Two organizers invite the same new address at the same instant: one invitation, and the
    other request is refused with a reason (it was a 500 from the unique constraint)."""
    from orgkit.organizations.models import Invitation

    for attempt in range(5):
        boss = make_user(f"boss{attempt}@example.org")
        org = services.organization_create(creator=boss, name="Race", slug=f"race-i{attempt}")
        organizer = Member.objects.get(organization=org, user=boss)
        outcomes = race(
            lambda o=organizer: services.invitation_create(actor=o, email="new@example.org"),
            lambda o=organizer: services.invitation_create(actor=o, email="new@example.org"),
        )
        assert all(isinstance(o, tuple | ServiceError) for o in outcomes), outcomes
        assert Invitation.objects.filter(organization=org, status="pending").count() == 1
        refused = [o for o in outcomes if isinstance(o, ServiceError)]
        assert all("at the same moment" in str(o.message) for o in refused), refused
