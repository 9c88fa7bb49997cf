"""Input forms for the decision pages. They check shape; services check rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from orgkit.core.fields import PlausibleDateTimeField
from orgkit.organizations.forms import MemberChoiceField, OrgScopedForm
from orgkit.organizations.models import Body, Member

DATETIME = {"type": "datetime-local"}
TEXT = {"rows": 6}


class MeetingForm(OrgScopedForm):
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label=_("Body"))
    title = forms.CharField(max_length=200, label=_("Title"))
    starts_at = PlausibleDateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs=DATETIME)
    )
    location = forms.CharField(max_length=200, required=False, label=_("Place"))
    emergency_reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        label=_("Emergency decision: reasons (only to meet inside the notice period)"),
        help_text=_("Shown on the meeting page and in the log."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organization=self.organization)


class MeetingMoveForm(forms.Form):
    starts_at = PlausibleDateTimeField(
        label=_("New start"), widget=forms.DateTimeInput(attrs=DATETIME)
    )
    emergency_reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        label=_("Emergency decision: reasons (needed to move it earlier)"),
    )


class MotionForm(OrgScopedForm):
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label=_("Body"))
    title = forms.CharField(max_length=200, label=_("Title"))
    text = forms.CharField(widget=forms.Textarea(attrs=TEXT), max_length=50_000, label=_("Text"))
    seconder = MemberChoiceField(
        queryset=Member.objects.none(), required=False, label=_("Seconder")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organization=self.organization)
        self.fields["seconder"].queryset = (
            Member.objects.active().filter(organization=self.organization).select_related("user")
        )


class ReportForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Title"))
    text = forms.CharField(
        widget=forms.Textarea(attrs=TEXT), max_length=50_000, label=_("Report (Markdown)")
    )


class OpenVotingForm(forms.Form):
    closes_at = PlausibleDateTimeField(
        label=_("Voting closes at"), widget=forms.DateTimeInput(attrs=DATETIME)
    )
