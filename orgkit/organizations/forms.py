"""Input forms for the web UI. They check shape; services check rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orgkit.core.fields import PlausibleDateField
from orgkit.organizations.invite_csv import MAX_BYTES, MAX_ROWS
from orgkit.organizations.models import Body, BodyMember, Branch, Member, RoleAssignment
from orgkit.organizations.timezones import timezone_choices

# Django's own message says "slug"; people know it as a web address.
ADDRESS_ERRORS = {"invalid": _("Use only letters, digits and hyphens in a web address.")}
LEAVE_EMPTY = _(
    "The last part of its web address (letters, digits, hyphens). Leave empty to make it "
    "from the name."
)


class OrganizationForm(forms.Form):
    name = forms.CharField(max_length=200, label=_("Name"), help_text=_("As your members know it."))
    slug = forms.SlugField(
        max_length=60,
        error_messages=ADDRESS_ERRORS,
        required=False,
        label=_("Web address"),
        help_text=_(
            "The last part of your organization's web address: lower-case letters, digits "
            "and hyphens. Leave empty to make it from the name."
        ),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    timezone_name = forms.ChoiceField(
        choices=timezone_choices,
        initial=settings.TIME_ZONE,
        label=_("Time zone"),
        help_text=_("Turns, deadlines and meetings are shown in it."),
    )
    language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        label=_("Language"),
        help_text=_("Of its pages and emails; each member may choose their own."),
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Description")
    )

    def __init__(self, *args, address_prefix: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            if address_prefix:
                self.fields["slug"].help_text = _(
                    "Your organization's pages will be at %(prefix)s<address>/ — lower-case "
                    "letters, digits and hyphens. Leave empty to make it from the name."
                ) % {"prefix": address_prefix}
            # The script shows the whole address as it will be (js/organization-form.js).
            self.fields["slug"].widget.attrs["data-address-prefix"] = address_prefix
            self.fields["timezone_name"].widget.attrs["data-guess-browser-zone"] = "true"


class OrganizationSettingsForm(OrganizationForm):
    def __init__(self, *args, current_timezone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["slug"]
        self.fields["timezone_name"].choices = timezone_choices(current_timezone)


class MemberLanguageForm(forms.Form):
    """A member's own language: one of LANGUAGES, or blank for the organization's."""

    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        languages = dict(settings.LANGUAGES)
        default = _("The organization's (%(language)s)") % {
            "language": languages.get(organization.language, organization.language)
        }
        self.fields["language"].choices = [("", default), *settings.LANGUAGES]


class OrgScopedForm(forms.Form):
    """A form whose choices come from one organization only."""

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization


class InvitationForm(OrgScopedForm):
    email = forms.EmailField(label=_("Email"))
    full_name = forms.CharField(max_length=200, required=False, label=_("Name (optional)"))
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.none(), required=False, label=_("Branch")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.filter(organization=self.organization)


class BulkInvitationForm(forms.Form):
    """A list of people to invite: pasted rows, or a CSV file (the file wins when both)."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        required=False,
        strip=False,
        max_length=MAX_BYTES,
        label=_("Paste the list"),
        help_text=_(
            "One person per line: name, email, branch (branch optional). Commas, semicolons "
            "or tabs; a header row is fine."
        ),
    )
    file = forms.FileField(
        required=False,
        label=_("Or upload a CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv,text/plain"}),
    )
    checked = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Worded here, not at import: the limits go into the reader's language.
        self.fields["file"].help_text = _(
            "Columns name, email, branch; at most %(rows)s rows and %(size)s kB."
        ) % {"rows": MAX_ROWS, "size": MAX_BYTES // 1000}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s kB. Split it into several smaller files.")
                % {"size": MAX_BYTES // 1000}
            )
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Paste the list or choose a file."))
        return data


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(max_length=200, label=_("Your name"))
    password = forms.CharField(widget=forms.PasswordInput, label=_("Choose a password"))


class BranchForm(forms.Form):
    name = forms.CharField(max_length=200, label=_("Name"))
    slug = forms.SlugField(
        max_length=60,
        required=False,
        label=_("Web address"),
        help_text=LEAVE_EMPTY,
        error_messages=ADDRESS_ERRORS,
    )


class BodyForm(OrgScopedForm):
    name = forms.CharField(max_length=200, label=_("Name"))
    kind = forms.ChoiceField(choices=Body.Kind.choices, label=_("Kind"))
    membership = forms.ChoiceField(choices=Body.Membership.choices, label=_("Who belongs"))
    parent = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, label=_("Reports to (parent body)")
    )
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.none(), required=False, label=_("Branch")
    )
    slug = forms.SlugField(
        max_length=60,
        required=False,
        label=_("Web address"),
        help_text=LEAVE_EMPTY,
        error_messages=ADDRESS_ERRORS,
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Description")
    )

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
    member = MemberChoiceField(queryset=Member.objects.none(), label=_("Member"))
    how = forms.ChoiceField(choices=BodyMember.How.choices, label=_("How"))
    start = PlausibleDateField(initial=timezone.localdate, label=_("From"))
    end = PlausibleDateField(required=False, label=_("To"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _member_choices(self.organization)


class RoleForm(forms.Form):
    name = forms.CharField(max_length=120, label=_("Name"))
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Description")
    )


class RoleAssignForm(OrgScopedForm):
    member = MemberChoiceField(queryset=Member.objects.none(), label=_("Member"))
    how = forms.ChoiceField(choices=RoleAssignment.How.choices, label=_("How"))
    start = PlausibleDateField(initial=timezone.localdate, label=_("From"))
    note = forms.CharField(max_length=300, required=False, label=_("Note"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _member_choices(self.organization)
