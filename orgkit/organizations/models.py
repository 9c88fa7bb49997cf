"""Organizations and their structure: members, branches, bodies, roles and invitations.

Every row here except Organization carries an ``organization`` foreign key, so every selector
can filter on it (DESIGN.md rule 4). Business rules live in services.py, not in these models.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import localdate, now


class Organization(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    timezone = models.CharField(max_length=64, default="UTC")
    language = models.CharField(max_length=10, default="en")
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Branch(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="branches"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["name"]
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
        ACTIVE = "active", "active"
        LEFT = "left", "left"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    is_organizer = models.BooleanField(default=False)
    joined_on = models.DateField(default=localdate)
    left_on = models.DateField(null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "id"]
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
        BRANCH_COMMITTEE = "branch_committee", "branch committee"
        COMMITTEE = "committee", "committee"
        REGION = "region", "regional body"
        CONGRESS = "congress", "congress / delegate body"
        ASSEMBLY = "assembly", "general assembly"

    class Membership(models.TextChoices):
        EXPLICIT = "explicit", "named members"
        BRANCH = "branch", "all members of the branch"
        ORGANIZATION = "organization", "all members of the organization"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    membership = models.CharField(
        max_length=20, choices=Membership.choices, default=Membership.EXPLICIT
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.PROTECT, related_name="bodies"
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"
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
        ELECTED = "elected", "elected"
        APPOINTED = "appointed", "appointed"
        EX_OFFICIO = "ex_officio", "ex officio"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="body_seats")
    how = models.CharField(max_length=20, choices=How.choices)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["start", "id"]
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
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["body__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="role_name_unique_per_body"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.body.name}"


class RoleAssignment(models.Model):
    """Who held a role, from when to when, and how they came to hold it."""

    class How(models.TextChoices):
        ROTATION = "rotation", "rotation"
        ELECTION = "election", "election"
        APPOINTMENT = "appointment", "appointment"
        DECISION = "decision", "decision"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="role_assignments")
    how = models.CharField(max_length=20, choices=How.choices)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-start", "-id"]
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
        PENDING = "pending", "pending"
        ACCEPTED = "accepted", "accepted"
        REVOKED = "revoked", "revoked"
        EXPIRED = "expired", "expired"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=200, blank=True)
    branch = models.ForeignKey(
        Branch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Only a hash of the token is stored: a leaked database does not leak usable links.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
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
