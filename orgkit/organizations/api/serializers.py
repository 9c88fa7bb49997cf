"""Output serializers shape responses; input serializers check request shape. Rules stay in
services. Related-object fields only ever accept ids from the request's organization."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from orgkit.core.audit import describe_event, redact_event_data
from orgkit.core.fields import PlausibleDate
from orgkit.core.models import AuditEvent
from orgkit.organizations.invite_csv import MAX_BYTES
from orgkit.organizations.models import (
    Body,
    BodyMember,
    Branch,
    Invitation,
    Member,
    Organization,
    Role,
    RoleAssignment,
)

ADDRESS_HELP = _(
    "Its web address (the last part of its URL): lower-case letters, digits and hyphens. "
    "Empty: made from the name."
)


ADDRESS_ERRORS = {"invalid": _("Use only letters, digits and hyphens in a web address.")}


class OrganizationOut(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["slug", "name", "timezone", "language", "description", "created_at"]


class OrganizationIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(
        max_length=60,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Its web address (`/o/{address}/`): lower-case letters, digits and hyphens. "
            "Empty: made from the name."
        ),
        error_messages=ADDRESS_ERRORS,
    )
    timezone_name = serializers.ChoiceField(
        choices=sorted(zoneinfo.available_timezones()), default="UTC"
    )
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The default language of its pages and emails."),
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")


class BranchOut(serializers.ModelSerializer):
    class Meta:
        model = Branch
        fields = ["id", "name", "slug"]


class BranchIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(
        max_length=60,
        required=False,
        allow_blank=True,
        default="",
        help_text=ADDRESS_HELP,
        error_messages=ADDRESS_ERRORS,
    )


class MemberOut(serializers.ModelSerializer):
    name = serializers.CharField(source="user.full_name")
    branch = BranchOut(allow_null=True)

    class Meta:
        model = Member
        fields = ["id", "name", "branch", "status", "is_organizer", "joined_on", "left_on"]


class MemberWithEmailOut(MemberOut):
    """Organizers see members' email addresses (to reach them); members see names only."""

    email = serializers.EmailField(source="user.email")

    class Meta(MemberOut.Meta):
        fields = [*MemberOut.Meta.fields, "email"]


class MemberLanguageIn(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=[("", _("the organization's")), *settings.LANGUAGES],
        allow_blank=True,
        help_text=_("A language code, or empty for the organization's language."),
    )


class MemberLanguageOut(serializers.Serializer):
    language = serializers.CharField(help_text=_("The member's own choice; empty: none."))
    effective_language = serializers.CharField(
        help_text=_("The language their pages, answers and emails are in.")
    )


class OrgScopedPrimaryKey(serializers.PrimaryKeyRelatedField):
    """A related id that must belong to the request's organization (else: 'does not exist')."""

    def get_queryset(self):
        organization = self.context["request"].organization
        return self.queryset.filter(organization=organization)


class BodyOut(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    branch = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Body
        fields = ["id", "slug", "name", "kind", "membership", "parent", "branch", "description"]


class BodyIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Body.Kind.choices)
    membership = serializers.ChoiceField(
        choices=Body.Membership.choices, default=Body.Membership.EXPLICIT
    )
    parent = OrgScopedPrimaryKey(queryset=Body.objects.all(), required=False, allow_null=True)
    branch = OrgScopedPrimaryKey(queryset=Branch.objects.all(), required=False, allow_null=True)
    slug = serializers.SlugField(
        max_length=60,
        required=False,
        allow_blank=True,
        default="",
        help_text=ADDRESS_HELP,
        error_messages=ADDRESS_ERRORS,
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")


class BodyMemberOut(serializers.ModelSerializer):
    member = serializers.PrimaryKeyRelatedField(read_only=True)
    name = serializers.CharField(source="member.user.full_name")

    class Meta:
        model = BodyMember
        fields = ["id", "member", "name", "how", "start", "end"]


class BodyMemberIn(serializers.Serializer):
    member = OrgScopedPrimaryKey(queryset=Member.objects.all())
    how = serializers.ChoiceField(choices=BodyMember.How.choices)
    start = PlausibleDate()
    end = PlausibleDate(required=False, allow_null=True, default=None)


class RoleAssignmentOut(serializers.ModelSerializer):
    member = serializers.PrimaryKeyRelatedField(read_only=True)
    name = serializers.CharField(source="member.user.full_name")

    class Meta:
        model = RoleAssignment
        fields = ["id", "member", "name", "how", "start", "end", "note"]


class RoleOut(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    current_holder = serializers.SerializerMethodField()

    class Meta:
        model = Role
        fields = ["id", "name", "description", "body", "current_holder"]

    @extend_schema_field(RoleAssignmentOut(allow_null=True))
    def get_current_holder(self, role: Role) -> dict | None:
        current = getattr(role, "current_assignments", None)
        return RoleAssignmentOut(current[0]).data if current else None


class RoleIn(serializers.Serializer):
    body = OrgScopedPrimaryKey(queryset=Body.objects.all())
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class RoleAssignIn(serializers.Serializer):
    member = OrgScopedPrimaryKey(queryset=Member.objects.all())
    how = serializers.ChoiceField(choices=RoleAssignment.How.choices)
    start = PlausibleDate()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class InvitationOut(serializers.ModelSerializer):
    branch = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "email",
            "full_name",
            "branch",
            "status",
            "created_at",
            "expires_at",
            "accepted_at",
        ]


class InvitationIn(serializers.Serializer):
    email = serializers.EmailField()
    full_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    branch = OrgScopedPrimaryKey(
        queryset=Branch.objects.all(), required=False, allow_null=True, default=None
    )


class InvitationAcceptIn(serializers.Serializer):
    token = serializers.CharField(max_length=200)
    full_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    password = serializers.CharField(required=False, allow_blank=True, default="", write_only=True)


class AuditEventOut(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.full_name", default=None)
    data = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()

    def _is_organizer(self) -> bool:
        member = getattr(self.context.get("request"), "member", None)
        return bool(member and member.is_organizer)

    def get_data(self, event) -> dict:
        # An invitee's address is for organizers, as on the pages.
        return (event.data or {}) if self._is_organizer() else redact_event_data(event.data)

    def get_description(self, event) -> str:
        """The sentence the log page shows, in the caller's language."""
        return describe_event(event, reveal_private=self._is_organizer())

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "verb",
            "actor",
            "target_type",
            "target_id",
            "target_label",
            "data",
            "description",
            "occurred_at",
        ]


class AuditPageOut(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="the page of older events")
    previous = serializers.URLField(allow_null=True, help_text="the page of newer events")
    results = AuditEventOut(many=True)


class BulkInvitationIn(serializers.Serializer):
    csv = serializers.CharField(
        max_length=MAX_BYTES,
        trim_whitespace=False,
        help_text=_(
            "The people to invite, one per line: name, email, branch (a header row, "
            "semicolons or tabs are fine)."
        ),
    )
    dry_run = serializers.BooleanField(
        default=False, help_text=_("Only check the list and report each row; invite nobody.")
    )
    drop_bad_rows = serializers.BooleanField(
        default=False,
        help_text=_("Invite the good rows and leave out the bad ones, instead of refusing all."),
    )


class BulkInvitationRowOut(serializers.Serializer):
    line = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.CharField()
    branch = serializers.CharField()
    problems = serializers.ListField(child=serializers.CharField())
    problem_codes = serializers.ListField(child=serializers.CharField())


class BulkInvitationOut(serializers.Serializer):
    rows = BulkInvitationRowOut(many=True)
    good = serializers.IntegerField()
    bad = serializers.IntegerField()
    invitations = InvitationOut(many=True)
