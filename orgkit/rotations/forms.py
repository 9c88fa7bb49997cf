"""Forms of the rotation pages. Ids posted by a page (a member, a turn) are parsed here, by
fields limited to the organization, never by the views."""

from __future__ import annotations

from datetime import time

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orgkit.core.bounds import row_id
from orgkit.core.fields import PlausibleDateField
from orgkit.organizations.models import Body, Member, Role
from orgkit.rotations.models import CalendarFeed, Rotation, Turn


class OrgRowChoiceField(forms.ModelChoiceField):
    """A row chosen by its id among the organization's (the queryset says which). Text that
    cannot be an id ("²", a 30-digit number) is refused before it reaches the database."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        pk = row_id(str(value))
        if pk is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(pk)


class RotationForm(forms.Form):
    role = forms.ModelChoiceField(
        queryset=Role.objects.none(), label=_("Role"), help_text=_("The role that will rotate.")
    )
    cadence_every = forms.IntegerField(
        min_value=1, max_value=52, initial=4, label=_("Hand over every")
    )
    cadence_unit = forms.ChoiceField(
        choices=Rotation.Unit.choices, initial="weeks", label=_("Unit")
    )
    anchor = PlausibleDateField(
        label=_("First handover"),
        help_text=_("Weekly rotations hand over on this weekday."),
    )
    handover_time = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}),
        initial=time(18, 0),
        label=_("Handover time"),
        help_text=_("In the organization's time zone."),
    )
    term_length = forms.IntegerField(
        min_value=1, max_value=52, initial=1, label=_("Term length (turns)")
    )
    max_consecutive_terms = forms.IntegerField(
        min_value=1, max_value=10, initial=1, label=_("Most terms in a row")
    )
    cooldown_turns = forms.IntegerField(
        min_value=0, max_value=52, initial=0, label=_("Cool-down (turns before serving again)")
    )
    max_terms_per_12_months = forms.IntegerField(
        min_value=1,
        max_value=52,
        required=False,
        label=_("Most terms in any 12 months"),
        help_text=_("Leave empty for no limit."),
    )
    shadow_turns = forms.BooleanField(
        required=False, initial=True, label=_("The next holder shadows the current one")
    )
    confirmation_horizon = forms.IntegerField(
        min_value=0,
        max_value=52,
        initial=4,
        label=_("Turns fixed in advance"),
        help_text=_(
            "How many of the next turns are settled: the plan never moves them on its own."
        ),
    )
    plan_ahead_turns = forms.IntegerField(
        min_value=1, max_value=520, initial=12, label=_("Plan this many turns ahead")
    )
    handover_checklist = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label=_("Handover checklist"),
        help_text=_("Sent to the outgoing and incoming holder at each handover."),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Role.objects.filter(
            organization=organization
        ).select_related("body")


class LeaveForm(forms.Form):
    start = PlausibleDateField(label=_("Away from"))
    end = PlausibleDateField(label=_("Back after (last day away)"))
    note = forms.CharField(max_length=200, required=False, label=_("Note"))


class OnBehalfForm(forms.Form):
    """The member an organizer names when acting for someone (pool, leave); blank means the
    signed-in member themselves."""

    member = OrgRowChoiceField(queryset=Member.objects.none(), required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            organization=organization
        ).select_related("user", "organization")


class SwapRequestForm(forms.Form):
    """Which turn of yours to offer for the one you want."""

    offered_turn = OrgRowChoiceField(
        queryset=Turn.objects.none(),
        error_messages={"required": _("Choose which of your turns to offer.")},
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offered_turn"].queryset = Turn.objects.filter(
            organization=organization
        ).select_related("organization", "rotation__role", "holder__user")


class FeedForm(forms.Form):
    kind = forms.ChoiceField(choices=CalendarFeed.Kind.choices, label=_("Calendar"))
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        required=False,
        label=_("Body"),
        help_text=_("For a body's calendar."),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organization=organization)


class ReminderForm(forms.Form):
    days_before = forms.IntegerField(
        min_value=0, max_value=60, initial=3, label=_("Remind me this many days before my turn")
    )
    enabled = forms.BooleanField(required=False, initial=True, label=_("Send me reminders"))


class RotationRulesForm(RotationForm):
    """The rules that may change on a running rotation (not the role, cadence or anchor)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("role", "cadence_every", "cadence_unit", "anchor"):
            del self.fields[name]


class SwapArrangeForm(forms.Form):
    """An organizer arranges a swap: two turns, held by two members, change hands."""

    first_turn = OrgRowChoiceField(
        queryset=Turn.objects.none(),
        label=_("One turn"),
        error_messages={"required": _("Choose the two turns to swap.")},
    )
    second_turn = OrgRowChoiceField(
        queryset=Turn.objects.none(),
        label=_("The other turn"),
        error_messages={"required": _("Choose the two turns to swap.")},
    )

    def __init__(self, *args, organization, rotation=None, **kwargs):
        super().__init__(*args, **kwargs)
        turns = Turn.objects.filter(organization=organization).select_related(
            "organization", "rotation__role", "holder__user"
        )
        if rotation is not None:
            turns = turns.filter(rotation=rotation)
        for name in ("first_turn", "second_turn"):
            self.fields[name].queryset = turns
