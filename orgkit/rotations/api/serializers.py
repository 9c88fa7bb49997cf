from __future__ import annotations

from rest_framework import serializers

from orgkit.core.fields import PlausibleDate
from orgkit.organizations.api.serializers import OrgScopedPrimaryKey
from orgkit.organizations.models import Member, Role
from orgkit.rotations.explanations import reason_text
from orgkit.rotations.models import Leave, Rotation, Swap, Turn


class RotationOut(serializers.ModelSerializer):
    role = serializers.CharField(source="role.name")
    role_id = serializers.IntegerField()
    body = serializers.CharField(source="role.body.slug")

    class Meta:
        model = Rotation
        fields = [
            "id",
            "role",
            "role_id",
            "body",
            "cadence_unit",
            "cadence_every",
            "anchor",
            "handover_time",
            "term_length",
            "max_consecutive_terms",
            "cooldown_turns",
            "max_terms_per_12_months",
            "shadow_turns",
            "confirmation_horizon",
            "plan_ahead_turns",
            "handover_checklist",
        ]


class RotationIn(serializers.Serializer):
    role = OrgScopedPrimaryKey(queryset=Role.objects.all())
    cadence_unit = serializers.ChoiceField(choices=Rotation.Unit.choices)
    cadence_every = serializers.IntegerField(min_value=1, max_value=52)
    anchor = PlausibleDate()
    handover_time = serializers.TimeField(required=False)
    term_length = serializers.IntegerField(min_value=1, max_value=52, default=1)
    max_consecutive_terms = serializers.IntegerField(min_value=1, max_value=10, default=1)
    cooldown_turns = serializers.IntegerField(min_value=0, max_value=52, default=0)
    max_terms_per_12_months = serializers.IntegerField(
        min_value=1, max_value=52, required=False, allow_null=True, default=None
    )
    shadow_turns = serializers.BooleanField(default=True)
    confirmation_horizon = serializers.IntegerField(min_value=0, max_value=52, default=4)
    plan_ahead_turns = serializers.IntegerField(min_value=1, max_value=520, default=12)
    handover_checklist = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonOut(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField(help_text="The reason as a sentence, in the request's language.")
    member = serializers.IntegerField(allow_null=True)
    on = serializers.DateField(allow_null=True)


class TurnOut(serializers.ModelSerializer):
    holder = serializers.PrimaryKeyRelatedField(read_only=True)
    holder_name = serializers.CharField(source="holder.user.full_name", default=None)
    shadow = serializers.PrimaryKeyRelatedField(read_only=True)
    shadow_name = serializers.CharField(source="shadow.user.full_name", default=None)
    covered_for = serializers.PrimaryKeyRelatedField(read_only=True)
    reasons = ReasonOut(many=True)

    class Meta:
        model = Turn
        fields = [
            "id",
            "rotation",
            "index",
            "start",
            "end",
            "starts_at",
            "ends_at",
            "holder",
            "holder_name",
            "shadow",
            "shadow_name",
            "covered_for",
            "status",
            "confirmed",
            "accepted_at",
            "reasons",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # The stored text is the engine's English; word each reason in the request's language.
        for shown, row in zip(data["reasons"], instance.reasons, strict=False):
            shown["text"] = reason_text(row, turn_start=instance.start)
        return data


class SwapOut(serializers.ModelSerializer):
    class Meta:
        model = Swap
        fields = [
            "id",
            "rotation",
            "offered_turn",
            "wanted_turn",
            "requested_by",
            "counterpart",
            "status",
            "created_at",
            "decided_at",
        ]


class SwapIn(serializers.Serializer):
    offered_turn = OrgScopedPrimaryKey(queryset=Turn.objects.all())


class PoolIn(serializers.Serializer):
    member = OrgScopedPrimaryKey(
        queryset=Member.objects.all(), required=False, allow_null=True, default=None
    )


class LeaveOut(serializers.ModelSerializer):
    class Meta:
        model = Leave
        fields = ["id", "member", "start", "end", "note"]


class LeaveIn(serializers.Serializer):
    start = PlausibleDate()
    end = PlausibleDate()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class TallyOut(serializers.Serializer):
    member = serializers.IntegerField()
    name = serializers.CharField()
    turns = serializers.IntegerField()
    served = serializers.IntegerField()
    planned = serializers.IntegerField()


class FairnessOut(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    balance = serializers.CharField(help_text="Exact fraction in [0, 1], e.g. '2/3'.")
    balance_percent = serializers.IntegerField()
    members = TallyOut(many=True)
    never_served = serializers.ListField(child=serializers.IntegerField())
    overloaded = serializers.ListField(child=serializers.IntegerField())


class RotationRulesIn(serializers.Serializer):
    """Rules that may change on a running rotation; send only those to change."""

    handover_time = serializers.TimeField(required=False)
    term_length = serializers.IntegerField(min_value=1, max_value=52, required=False)
    max_consecutive_terms = serializers.IntegerField(min_value=1, max_value=10, required=False)
    cooldown_turns = serializers.IntegerField(min_value=0, max_value=52, required=False)
    max_terms_per_12_months = serializers.IntegerField(
        min_value=1, max_value=52, required=False, allow_null=True
    )
    shadow_turns = serializers.BooleanField(required=False)
    confirmation_horizon = serializers.IntegerField(min_value=0, max_value=52, required=False)
    plan_ahead_turns = serializers.IntegerField(min_value=1, max_value=520, required=False)
    handover_checklist = serializers.CharField(required=False, allow_blank=True)


class TurnMoveOut(serializers.Serializer):
    """One turn that would change hands (a preview): ``chosen`` if it is a turn the person
    picked, otherwise a knock-on change of the plan."""

    start = serializers.DateField()
    old_holder = serializers.CharField(allow_null=True)
    new_holder = serializers.CharField(allow_null=True)
    chosen = serializers.BooleanField()


class PreviewOut(serializers.Serializer):
    moves = TurnMoveOut(many=True)


class SwapArrangeIn(serializers.Serializer):
    first_turn = OrgScopedPrimaryKey(queryset=Turn.objects.all())
    second_turn = OrgScopedPrimaryKey(queryset=Turn.objects.all())
