"""Forms of the skills pages. Rows chosen on a page are limited to the organization's by the
querysets the views pass in; ids are parsed by ``OrgRowChoiceField`` (never by the views)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orgkit.core.bounds import row_id
from orgkit.core.fields import PlausibleDateField
from orgkit.organizations.models import Member
from orgkit.skills.models import Level, Skill


class OrgRowChoiceField(forms.ModelChoiceField):
    """A row chosen by id among the organization's; text that cannot be an id is refused."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        pk = row_id(str(value))
        if pk is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(pk)


class MemberChoices(forms.ModelMultipleChoiceField):
    """Members ticked in a list (checkboxes: easy by keyboard and on a phone)."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        if value and any(row_id(str(v)) is None for v in value):
            raise ValidationError(self.error_messages["invalid_pk_value"] % {"pk": "?"})
        return super().clean(value)

    def label_from_instance(self, obj: Member) -> str:
        return obj.display_name


class SkillForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("What it covers"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SessionForm(forms.Form):
    skill = OrgRowChoiceField(queryset=Skill.objects.none(), label=_("Skill"))
    teachers = MemberChoices(queryset=Member.objects.none(), label=_("Who taught"))
    learners = MemberChoices(queryset=Member.objects.none(), label=_("Who learned"))
    held_on = PlausibleDateField(label=_("Date"))
    minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=1440, initial=60
    )
    level_offered = forms.TypedChoiceField(
        label=_("A sign-off confirms the level"),
        choices=Level.choices,
        coerce=int,
        initial=Level.WITH_SUPPORT,
        help_text=_("Each learner may sign off at this level or below, or dispute the record."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, skills, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = skills
        self.fields["teachers"].queryset = members
        self.fields["learners"].queryset = members
        self.fields["learners"].required = False  # the service says why it needs one


class LevelForm(forms.Form):
    skill = OrgRowChoiceField(queryset=Skill.objects.none(), label=_("Skill"))
    level = forms.TypedChoiceField(label=_("My level"), choices=Level.choices, coerce=int)

    def __init__(self, *args, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = skills


class RequirementForm(LevelForm):
    """What a role needs (the level field says "level needed")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].label = _("Level needed")


class RotationRuleForm(RequirementForm):
    required = forms.BooleanField(
        label=_("Only members at this level take turns"),
        required=False,
        initial=True,
        help_text=_("Unticked: members at the level are preferred, others still take turns."),
    )


class SignOffForm(forms.Form):
    """The learner's answer; which button they pressed (sign off or dispute) is the
    ``answer`` the view reads."""

    level = forms.TypedChoiceField(
        label=_("Level I reached"), choices=Level.choices, coerce=int, required=False
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
