"""Writes for organizations: every change goes through one of these functions.

Each service validates, writes inside one transaction, records an audit event and enqueues any
email after commit. They take keyword arguments only and an ``at`` time (default: now) so that
seeds can build a believable past through the same code, and tests can move the clock.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.core.accounts import account_create
from orgkit.core.audit import audit_record
from orgkit.core.emails import email_enqueue_template
from orgkit.core.errors import ServiceError
from orgkit.core.links import absolute_url
from orgkit.core.models import User
from orgkit.organizations.events import OrganizationEvent
from orgkit.organizations.models import (
    Branch,
    Invitation,
    Member,
)
from orgkit.organizations.services.checks import (
    require_organizer,
    require_same_org,
)
from orgkit.organizations.tenancy import in_organization_time, organization_language

# --- invitations ----------------------------------------------------------------------------


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(
    *,
    actor: Member,
    email: str,
    full_name: str = "",
    branch: Branch | None = None,
    at: datetime | None = None,
) -> tuple[Invitation, str]:
    """Invite someone by email; return the invitation and its one-time token.

    Only the token's hash is stored; the token itself travels in the email, which is in the
    organization's language (the person is not a member yet, so has no language of their own).
    Inviting an address that already has a pending invitation replaces it (the old link stops
    working).
    """
    require_organizer(actor)
    require_same_org(actor, branch)
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254:
        raise ServiceError(_("Enter a valid email address."), field="email")
    org = actor.organization
    if Member.objects.active().filter(organization=org, user__email=email).exists():
        raise ServiceError(
            _("%(email)s is already a member.") % {"email": email},
            field="email",
            code="already_member",
        )
    at = at or timezone.now()
    try:
        with transaction.atomic():
            return invitation_write(
                actor=actor, email=email, full_name=full_name, branch=branch, at=at
            )
    except IntegrityError:
        # Two organizers (or a double click) invited the same new address at the same instant:
        # one pending invitation per address, so the other one stands and this one is refused.
        raise ServiceError(
            _("%(email)s was invited by someone else at the same moment; that invitation stands.")
            % {"email": email},
            field="email",
            code="invited_meanwhile",
        ) from None


def invitation_write(
    *, actor: Member, email: str, full_name: str, branch: Branch | None, at: datetime
) -> tuple[Invitation, str]:
    """Write one checked invitation inside the caller's transaction: withdraw any pending one
    for the address, store the new one, log it and queue its email for after the commit.

    Shared by :func:`invitation_create` and the bulk invitation, which checks every row first.
    """
    org = actor.organization
    token = secrets.token_urlsafe(32)
    for old in Invitation.objects.select_for_update().filter(
        organization=org, email=email, status=Invitation.Status.PENDING
    ):
        old.status = Invitation.Status.REVOKED
        old.save(update_fields=["status"])
    invitation = Invitation.objects.create(
        organization=org,
        email=email,
        full_name=full_name.strip(),
        branch=branch,
        token_hash=_hash_token(token),
        invited_by=actor,
        created_at=at,
        expires_at=at + timedelta(days=settings.ORGKIT_INVITATION_DAYS),
    )
    audit_record(
        organization=org,
        actor=actor.user,
        verb=OrganizationEvent.MEMBER_INVITED,
        target=invitation,
        data={"email": email},
        at=at,
    )
    email_enqueue_template(
        organization=org,
        to=email,
        kind="organizations.invitation",
        context={
            "organization_name": org.name,
            "full_name": full_name.strip(),
            "inviter": actor.display_name,
            "expires_on": in_organization_time(invitation.expires_at, org).date(),
            "link": absolute_url("invitation-accept", token=token),
        },
        language=organization_language(org),
        secret=True,  # the link is the invitation: scrubbed from the outbox once sent
    )
    return invitation, token


def invitation_revoke(*, actor: Member, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation; its link stops working."""
    require_organizer(actor)
    require_same_org(actor, invitation)
    if invitation.status != Invitation.Status.PENDING:
        raise ServiceError(_("Only a pending invitation can be withdrawn."))
    with transaction.atomic():
        invitation.status = Invitation.Status.REVOKED
        invitation.save(update_fields=["status"])
        audit_record(
            organization=invitation.organization,
            actor=actor.user,
            verb=OrganizationEvent.INVITATION_REVOKED,
            target=invitation,
        )
    return invitation


def invitation_by_token(*, token: str, at: datetime | None = None) -> Invitation:
    """Find the pending invitation a token belongs to, or explain why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("organization")
        .filter(token_hash=_hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise ServiceError(_("This invitation link is not valid."), code="invalid_token")
    if invitation.status == Invitation.Status.ACCEPTED:
        raise ServiceError(_("This invitation has already been used."), code="used")
    if invitation.status == Invitation.Status.REVOKED:
        raise ServiceError(_("This invitation was withdrawn."), code="revoked")
    if invitation.status == Invitation.Status.EXPIRED or invitation.expires_at <= (
        at or timezone.now()
    ):
        raise ServiceError(_("This invitation has expired; ask for a new one."), code="expired")
    return invitation


def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
    at: datetime | None = None,
) -> Member:
    """Accept an invitation: link the signed-in ``user``, or create an account for the invited
    address with ``full_name`` and ``password``.

    Everything happens in one transaction under a lock on the invitation, so a link used twice
    at once makes one member, and a failure leaves no orphan account behind.
    """
    at = at or timezone.now()
    with transaction.atomic():
        found = invitation_by_token(token=token, at=at)
        invitation = Invitation.objects.select_for_update().get(pk=found.pk)
        if invitation.status != Invitation.Status.PENDING:
            raise ServiceError(_("This invitation has already been used."), code="used")
        org = invitation.organization
        if user is None:
            if User.objects.filter(email=invitation.email).exists():
                raise ServiceError(
                    _(
                        "An account with this email exists: sign in first, then open the link "
                        "again."
                    ),
                    code="account_exists",
                )
            user = account_create(email=invitation.email, full_name=full_name, password=password)
        member = Member.objects.filter(organization=org, user=user).first()
        if member is not None and member.status == Member.Status.ACTIVE:
            raise ServiceError(
                _("You are already a member of %(organization)s.") % {"organization": org.name},
                code="already_member",
            )
        if member is None:
            member = Member.objects.create(
                organization=org, user=user, branch=invitation.branch, joined_on=at.date()
            )
        else:
            member.status, member.left_on = Member.Status.ACTIVE, None
            member.branch = invitation.branch or member.branch
            member.save(update_fields=["status", "left_on", "branch"])
        invitation.status = Invitation.Status.ACCEPTED
        invitation.accepted_at = at
        invitation.accepted_member = member
        invitation.save(update_fields=["status", "accepted_at", "accepted_member"])
        audit_record(
            organization=org,
            actor=user,
            verb=OrganizationEvent.MEMBER_JOINED,
            target=member,
            data={"invitation": invitation.pk, "email": invitation.email},
            at=at,
        )
    return member


def invitations_expire(*, at: datetime | None = None) -> int:
    """Mark pending invitations past their date as expired (a periodic job)."""
    at = at or timezone.now()
    return Invitation.objects.filter(status=Invitation.Status.PENDING, expires_at__lte=at).update(
        status=Invitation.Status.EXPIRED
    )
