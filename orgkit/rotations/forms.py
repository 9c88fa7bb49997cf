from __future__ import annotations

from datetime import time

from django import forms

from orgkit.core.fields import PlausibleDateField
from orgkit.organizations.models import Body, Role
from orgkit.rotations.models import CalendarFeed, Rotation


class RotationForm(forms.Form):
    role = forms.ModelChoiceField(
        queryset=Role.objects.none(), help_text="The role that will rotate."
    )
    cadence_every = forms.IntegerField(
        min_value=1, max_value=52, initial=4, label="Hand over every"
    )
    cadence_unit = forms.ChoiceField(choices=Rotation.Unit.choices, initial="weeks", label="Unit")
    anchor = PlausibleDateField(
        label="First handover",
        help_text="Weekly rotations hand over on this weekday.",
    )
    handover_time = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}),
        initial=time(18, 0),
        help_text="In the organization's time zone.",
    )
    term_length = forms.IntegerField(
        min_value=1, max_value=52, initial=1, label="Term length (turns)"
    )
    max_consecutive_terms = forms.IntegerField(
        min_value=1, max_value=10, initial=1, label="Most terms in a row"
    )
    cooldown_turns = forms.IntegerField(
        min_value=0, max_value=52, initial=0, label="Cool-down (turns before serving again)"
    )
    max_terms_per_12_months = forms.IntegerField(
        min_value=1,
        max_value=52,
        required=False,
        label="Most terms in any 12 months",
        help_text="Leave empty for no limit.",
    )
    shadow_turns = forms.BooleanField(
        required=False, initial=True, label="The next holder shadows the current one"
    )
    confirmation_horizon = forms.IntegerField(
        min_value=0,
        max_value=52,
        initial=4,
        help_text="The next N turns are confirmed and never change automatically.",
    )
    plan_ahead_turns = forms.IntegerField(
        min_value=1, max_value=520, initial=12, label="Plan this many turns ahead"
    )
    handover_checklist = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Sent to the outgoing and incoming holder at each handover.",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Role.objects.filter(
            organization=organization
        ).select_related("body")


class LeaveForm(forms.Form):
    start = PlausibleDateField(label="Away from")
    end = PlausibleDateField(label="Back after (last day away)")
    note = forms.CharField(max_length=200, required=False)


class FeedForm(forms.Form):
    kind = forms.ChoiceField(choices=CalendarFeed.Kind.choices, label="Calendar")
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(), required=False, help_text="For a body's calendar."
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organization=organization)


class ReminderForm(forms.Form):
    days_before = forms.IntegerField(
        min_value=0, max_value=60, initial=3, label="Remind me this many days before my turn"
    )
    enabled = forms.BooleanField(required=False, initial=True, label="Send me reminders")


class RotationRulesForm(RotationForm):
    """The rules that may change on a running rotation (not the role, cadence or anchor)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("role", "cadence_every", "cadence_unit", "anchor"):
            del self.fields[name]
