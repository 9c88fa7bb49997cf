"""Input forms for the web UI. They check shape; services check rules."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils import timezone

from orgkit.core.fields import PlausibleDateField
from orgkit.organizations.models import Body, BodyMember, Branch, Member, RoleAssignment

TIMEZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]
LANGUAGE_CHOICES = [("en", "English")]


class OrganizationForm(forms.Form):
    name = forms.CharField(max_length=200, help_text="As your members know it.")
    slug = forms.SlugField(
        max_length=60,
        label="Web address",
        help_text="Lower-case letters, digits and hyphens: orgkit.example/o/<address>/",
    )
    timezone_name = forms.ChoiceField(choices=TIMEZONE_CHOICES, initial="UTC", label="Time zone")
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, initial="en")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OrganizationSettingsForm(OrganizationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["slug"]


class OrgScopedForm(forms.Form):
    """A form whose choices come from one organization only."""

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization


class InvitationForm(OrgScopedForm):
    email = forms.EmailField()
    full_name = forms.CharField(max_length=200, required=False, label="Name (optional)")
    branch = forms.ModelChoiceField(queryset=Branch.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.filter(organization=self.organization)


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(max_length=200, label="Your name")
    password = forms.CharField(widget=forms.PasswordInput, label="Choose a password")


class BranchForm(forms.Form):
    name = forms.CharField(max_length=200)
    slug = forms.SlugField(max_length=60, required=False, help_text="Leave empty to derive it.")


class BodyForm(OrgScopedForm):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Body.Kind.choices)
    membership = forms.ChoiceField(choices=Body.Membership.choices, label="Who belongs")
    parent = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, label="Reports to (parent body)"
    )
    branch = forms.ModelChoiceField(queryset=Branch.objects.none(), required=False)
    slug = forms.SlugField(max_length=60, required=False, help_text="Leave empty to derive it.")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Body.objects.filter(organization=self.organization)
        self.fields["branch"].queryset = Branch.objects.filter(organization=self.organization)


def _member_choices(organization):
    return Member.objects.active().filter(organization=organization).select_related("user")


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Member) -> str:
        return obj.display_name


class BodyMemberForm(OrgScopedForm):
    member = MemberChoiceField(queryset=Member.objects.none())
    how = forms.ChoiceField(choices=BodyMember.How.choices)
    start = PlausibleDateField(initial=timezone.localdate)
    end = PlausibleDateField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _member_choices(self.organization)


class RoleForm(forms.Form):
    name = forms.CharField(max_length=120)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RoleAssignForm(OrgScopedForm):
    member = MemberChoiceField(queryset=Member.objects.none())
    how = forms.ChoiceField(choices=RoleAssignment.How.choices)
    start = PlausibleDateField(initial=timezone.localdate)
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _member_choices(self.organization)
