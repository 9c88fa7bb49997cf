"""Organizations and their structure: members, branches, bodies, roles and invitations.

Every row here except Organization carries an ``organization`` foreign key, so every selector
can filter on it (DESIGN.md rule 4). Business rules live in services.py, not in these models.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import localdate, now
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    # The default language of its pages and emails; each member may choose their own.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), default=now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class Branch(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="branches"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=60)
    created_at = models.DateTimeField(_("created"), default=now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("branch")
        verbose_name_plural = _("branches")
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="branch_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Member.Status.ACTIVE)

    def organizers(self):
        return self.active().filter(is_organizer=True)


class Member(models.Model):
    """Ties one account to one organization. A person in three groups has three Member rows."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        LEFT = "left", _("left")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    is_organizer = models.BooleanField(_("organizer"), default=False)
    joined_on = models.DateField(_("joined on"), default=localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # The member's own choice of language; blank means the organization's
    # (tenancy.member_language resolves it).
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default=""
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "id"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="member_once_per_org"),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def display_name(self) -> str:
        return self.user.full_name or self.user.email


class Body(models.Model):
    """A committee, council or assembly. Bodies form a tree: branch committee → region →
    congress. Membership is explicit (BodyMember rows) or, for an assembly, everyone in a
    branch or in the whole organization."""

    class Kind(models.TextChoices):
        BRANCH_COMMITTEE = "branch_committee", _("branch committee")
        COMMITTEE = "committee", _("committee")
        REGION = "region", _("regional body")
        CONGRESS = "congress", _("congress / delegate body")
        ASSEMBLY = "assembly", _("general assembly")

    class Membership(models.TextChoices):
        EXPLICIT = "explicit", _("named members")
        BRANCH = "branch", _("all members of the branch")
        ORGANIZATION = "organization", _("all members of the organization")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    membership = models.CharField(
        _("who belongs"), max_length=20, choices=Membership.choices, default=Membership.EXPLICIT
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.PROTECT, related_name="bodies"
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), default=now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="body_slug_unique"),
            models.CheckConstraint(
                condition=~Q(membership="branch") | Q(branch__isnull=False),
                name="branch_assembly_has_branch",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BodyMember(models.Model):
    class How(models.TextChoices):
        ELECTED = "elected", _("elected")
        APPOINTED = "appointed", _("appointed")
        EX_OFFICIO = "ex_officio", _("ex officio")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="body_seats")
    how = models.CharField(_("how"), max_length=20, choices=How.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=now)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="body_member_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} on {self.body}"


class Role(models.Model):
    """A responsibility on a body: coordinator, secretary, treasurer…"""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="roles")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), default=now)

    class Meta:
        ordering = ["body__name", "name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="role_name_unique_per_body"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.body.name}"


class RoleAssignment(models.Model):
    """Who held a role, from when to when, and how they came to hold it."""

    class How(models.TextChoices):
        ROTATION = "rotation", _("rotation")
        ELECTION = "election", _("election")
        APPOINTMENT = "appointment", _("appointment")
        DECISION = "decision", _("decision")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="role_assignments")
    how = models.CharField(_("how"), max_length=20, choices=How.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=now)

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="role_assignment_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} as {self.role}"


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REVOKED = "revoked", _("revoked")
        EXPIRED = "expired", _("expired")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Only a hash of the token is stored: a leaked database does not leak usable links.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    invited_by = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("sent"), default=now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            # One open invitation per address per organization: re-inviting revokes the old one.
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"
