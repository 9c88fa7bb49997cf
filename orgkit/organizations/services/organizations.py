"""Writes for organizations: every change goes through one of these functions.

Each service validates, writes inside one transaction, records an audit event and enqueues any
email after commit. They take keyword arguments only and an ``at`` time (default: now) so that
seeds can build a believable past through the same code, and tests can move the clock.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from orgkit.core.accounts import account_create
from orgkit.core.audit import audit_record
from orgkit.core.bounds import require_plausible_date
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.core.models import User
from orgkit.organizations.events import OrganizationEvent
from orgkit.organizations.models import (
    BodyMember,
    Branch,
    Member,
    Organization,
    RoleAssignment,
)
from orgkit.organizations.removals import MEMBERSHIP, check_removal
from orgkit.organizations.services.checks import (
    check_language,
    check_slug,
    check_timezone,
    require_organizer,
    require_same_org,
)

# Addresses the URL scheme or a future feature needs; an organization may not take them.
RESERVED_SLUGS = frozenset({"new", "api", "admin", "static", "accounts", "invite", "o"})

# --- organizations --------------------------------------------------------------------------


def organization_create(
    *,
    creator: User,
    name: str,
    slug: str = "",
    timezone_name: str = "UTC",
    language: str = "en",
    description: str = "",
    at: datetime | None = None,
) -> Organization:
    """Create an organization; its creator becomes its first member and organizer.

    Without a ``slug`` (its web address) one is made from the name: "Harbour Tenants" →
    ``harbour-tenants``, or ``harbour-tenants-2`` if that is taken or reserved.
    """
    if getattr(settings, "ORGKIT_ORG_CREATION_STAFF_ONLY", False) and not creator.is_staff:
        raise NotAllowed(_("On this server only staff can create organizations."))
    name = name.strip()
    if not name:
        raise ServiceError(_("Give the organization a name."), field="name")
    slug = check_slug(slug) if (slug or "").strip() else organization_free_slug(name=name)
    if slug in RESERVED_SLUGS:
        raise ServiceError(
            _("“%(slug)s” is reserved; choose another address.") % {"slug": slug}, field="slug"
        )
    check_timezone(timezone_name)
    check_language(language)
    at = at or timezone.now()
    try:
        with transaction.atomic():
            org = Organization.objects.create(
                name=name,
                slug=slug,
                timezone=timezone_name,
                language=language,
                description=description,
                created_at=at,
            )
            member = Member.objects.create(
                organization=org, user=creator, is_organizer=True, joined_on=at.date()
            )
            audit_record(
                organization=org,
                actor=creator,
                verb=OrganizationEvent.ORGANIZATION_CREATED,
                target=org,
                data={"slug": slug},
                at=at,
            )
            audit_record(
                organization=org,
                actor=creator,
                verb=OrganizationEvent.ORGANIZER_GRANTED,
                target=member,
                data={"reason": "founder"},
                at=at,
            )
    except IntegrityError:
        raise ServiceError(
            _("The address “%(slug)s” is already taken.") % {"slug": slug},
            field="slug",
            code="slug_taken",
        ) from None
    return org


def organization_free_slug(*, name: str) -> str:
    """A web address made from ``name`` that no organization uses and the URL scheme does not
    reserve. A name with no Latin letters or digits gets ``group``."""
    base = slugify(name)[:50].strip("-") or "group"
    taken = (
        set(Organization.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        | RESERVED_SLUGS
    )
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def organization_update(
    *, actor: Member, name: str, timezone_name: str, language: str, description: str
) -> Organization:
    """Change an organization's settings (organizers only)."""
    require_organizer(actor)
    if not name.strip():
        raise ServiceError(_("Give the organization a name."), field="name")
    check_timezone(timezone_name)
    check_language(language)
    org = actor.organization
    with transaction.atomic():
        org.name, org.timezone = name.strip(), timezone_name
        org.language, org.description = language, description
        org.save(update_fields=["name", "timezone", "language", "description"])
        audit_record(
            organization=org,
            actor=actor.user,
            verb=OrganizationEvent.ORGANIZATION_UPDATED,
            target=org,
            data={"name": org.name, "timezone": timezone_name, "language": language},
        )
    return org


# --- organizers -----------------------------------------------------------------------------


def member_grant_organizer(*, actor: Member, member: Member) -> Member:
    """Make a member an organizer."""
    require_organizer(actor)
    require_same_org(actor, member)
    if member.status != Member.Status.ACTIVE:
        raise ServiceError(_("Only an active member can be an organizer."))
    if member.is_organizer:
        return member
    with transaction.atomic():
        member.is_organizer = True
        member.save(update_fields=["is_organizer"])
        audit_record(
            organization=member.organization,
            actor=actor.user,
            verb=OrganizationEvent.ORGANIZER_GRANTED,
            target=member,
        )
    return member


def member_revoke_organizer(*, actor: Member, member: Member) -> Member:
    """Remove the organizer role from a member — or from oneself (stepping down).

    An organization always keeps at least one organizer. The check runs under a row lock on the
    organization's organizers, so two organizers revoking each other at once cannot leave none.
    """
    require_same_org(actor, member)
    stepping_down = actor.pk == member.pk
    if not stepping_down:
        require_organizer(actor)
    if not member.is_organizer:
        return member
    with transaction.atomic():
        organizers = list(
            Member.objects.select_for_update()
            .filter(organization_id=member.organization_id, is_organizer=True, status="active")
            .values_list("pk", flat=True)
        )
        if organizers == [member.pk]:
            raise ServiceError(
                _(
                    "An organization must keep at least one organizer: make someone else an "
                    "organizer first."
                ),
                code="last_organizer",
            )
        member.is_organizer = False
        member.save(update_fields=["is_organizer"])
        audit_record(
            organization=member.organization,
            actor=actor.user,
            verb=OrganizationEvent.ORGANIZER_STEPPED_DOWN
            if stepping_down
            else OrganizationEvent.ORGANIZER_REVOKED,
            target=member,
        )
    return member


def member_leave(*, actor: Member, member: Member, on: date | None = None) -> Member:
    """A member leaves (or an organizer records that they left).

    Their history stays; the roles they hold and the seats they sit in end on the day they
    leave, so those roles show as vacant rather than held by someone who is gone.
    """
    require_same_org(actor, member)
    if actor.pk != member.pk:
        require_organizer(actor)
    if member.status != Member.Status.ACTIVE:
        raise ServiceError(_("%(name)s has already left.") % {"name": member.display_name})
    if actor.pk != member.pk:
        # Ending someone else's membership is an expulsion unless a guard says otherwise.
        check_removal(actor=actor, member=member, kind=MEMBERSHIP)
    on = on or timezone.localdate()
    with transaction.atomic():
        if member.is_organizer:
            member_revoke_organizer(actor=actor, member=member)
        ended_roles = RoleAssignment.objects.filter(member=member, end__isnull=True).update(end=on)
        BodyMember.objects.filter(member=member, end__isnull=True).update(end=on)
        member.status = Member.Status.LEFT
        member.left_on = on
        member.save(update_fields=["status", "left_on"])
        audit_record(
            organization=member.organization,
            actor=actor.user,
            verb=OrganizationEvent.MEMBER_LEFT,
            target=member,
            data={"on": on.isoformat(), "roles_ended": ended_roles},
        )
    return member


def member_add(
    *,
    actor: Member,
    email: str,
    full_name: str,
    branch: Branch | None = None,
    joined_on: date | None = None,
    at: datetime | None = None,
) -> Member:
    """Add someone from the roster without an invitation (importing an existing membership).

    If no account uses the address yet, one is made without a usable password: the person
    claims it with "forgot password". An existing account is linked, not duplicated.
    """
    require_organizer(actor)
    require_same_org(actor, branch)
    email = (email or "").strip().lower()
    if "@" not in email:
        raise ServiceError(_("Enter a valid email address."), field="email")
    if not full_name.strip():
        raise ServiceError(_("Give the member's name."), field="full_name")
    require_plausible_date(joined_on, field="joined_on")
    at = at or timezone.now()
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = account_create(email=email, full_name=full_name, password=None)
        if Member.objects.filter(organization=actor.organization, user=user).exists():
            raise ServiceError(
                _("%(email)s is already on the roster.") % {"email": email}, field="email"
            )
        member = Member.objects.create(
            organization=actor.organization,
            user=user,
            branch=branch,
            joined_on=joined_on or at.date(),
        )
        audit_record(
            organization=actor.organization,
            actor=actor.user,
            verb=OrganizationEvent.MEMBER_ADDED,
            target=member,
            data={"email": email, "branch": branch.slug if branch else None},
            at=at,
        )
    return member


def member_set_language(
    *, actor: Member, member: Member, language: str, at: datetime | None = None
) -> Member:
    """Choose the language a member's pages, API answers and emails are in; ``""`` goes back
    to the organization's. A personal setting: each member sets their own, organizers too."""
    require_same_org(actor, member)
    if actor.pk != member.pk:
        raise NotAllowed(_("Members choose their own language."))
    if member.status != Member.Status.ACTIVE:
        raise ServiceError(_("Only an active member can choose a language."))
    language = check_language((language or "").strip(), allow_blank=True)
    if language == member.language:
        return member
    with transaction.atomic():
        previous = member.language
        member.language = language
        member.save(update_fields=["language"])
        audit_record(
            organization=member.organization,
            actor=actor.user,
            verb=OrganizationEvent.MEMBER_LANGUAGE_SET,
            target=member,
            data={"language": language or "default", "previous": previous or "default"},
            at=at,
        )
    return member
