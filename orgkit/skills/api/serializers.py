"""Skills API shapes. Output serializers shape responses; input serializers check shape;
rules stay in services. Related ids are looked up inside the request's organization only."""

from __future__ import annotations

from rest_framework import serializers

from orgkit.core.fields import PlausibleDate
from orgkit.organizations.api.serializers import OrgScopedPrimaryKey
from orgkit.organizations.models import Member, Role
from orgkit.rotations.models import Rotation
from orgkit.skills.models import (
    Level,
    MemberSkillLevel,
    RoleSkillRequirement,
    RotationSkillRequirement,
    SignOff,
    Skill,
    TeachingSession,
)


class SkillOut(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["id", "name", "description", "created_at", "retired_at"]


class SkillIn(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )


class SkillChangeIn(SkillIn):
    retired = serializers.BooleanField(required=False)


class SignOffOut(serializers.ModelSerializer):
    learner = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = SignOff
        fields = ["id", "learner", "status", "level", "comment", "answered_at"]


class SessionOut(serializers.ModelSerializer):
    skill = serializers.PrimaryKeyRelatedField(read_only=True)
    teachers = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    signoffs = SignOffOut(many=True, read_only=True)

    class Meta:
        model = TeachingSession
        fields = [
            "id",
            "skill",
            "held_on",
            "minutes",
            "notes",
            "level_offered",
            "source",
            "teachers",
            "signoffs",
        ]


class SessionIn(serializers.Serializer):
    skill = OrgScopedPrimaryKey(queryset=Skill.objects.all())
    teachers = serializers.ListField(
        child=OrgScopedPrimaryKey(queryset=Member.objects.all()), max_length=200
    )
    learners = serializers.ListField(
        child=OrgScopedPrimaryKey(queryset=Member.objects.all()), max_length=200
    )
    held_on = PlausibleDate()
    minutes = serializers.IntegerField(min_value=1, max_value=1440)
    level_offered = serializers.ChoiceField(choices=Level.choices, default=Level.WITH_SUPPORT)
    notes = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")


class SignOffIn(serializers.Serializer):
    confirm = serializers.BooleanField()
    level = serializers.ChoiceField(choices=Level.choices, required=False, allow_null=True)
    comment = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")


class LevelOut(serializers.ModelSerializer):
    skill = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = MemberSkillLevel
        fields = ["skill", "level", "confirmed_level", "updated_at"]


class LevelIn(serializers.Serializer):
    skill = OrgScopedPrimaryKey(queryset=Skill.objects.all())
    level = serializers.ChoiceField(choices=Level.choices)


class MatrixRowOut(serializers.Serializer):
    member = serializers.IntegerField()
    name = serializers.CharField()
    levels = serializers.DictField(child=serializers.IntegerField())


class MatrixOut(serializers.Serializer):
    skills = SkillOut(many=True)
    rows = MatrixRowOut(many=True)


class CoverageOut(serializers.Serializer):
    role = serializers.IntegerField()
    name = serializers.CharField()
    requirements = serializers.DictField(child=serializers.IntegerField())
    pool = serializers.ListField(child=serializers.IntegerField())
    able = serializers.ListField(child=serializers.IntegerField())
    bus_factor = serializers.IntegerField()
    team_bus_factor = serializers.IntegerField()


class AlertOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    role = serializers.IntegerField(source="role_id", allow_null=True)
    skill = serializers.IntegerField(source="skill_id", allow_null=True)
    member = serializers.IntegerField(source="member_id", allow_null=True)
    on = serializers.DateField(allow_null=True)
    raised_at = serializers.DateTimeField()


class RequirementOut(serializers.ModelSerializer):
    role = serializers.PrimaryKeyRelatedField(read_only=True)
    skill = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = RoleSkillRequirement
        fields = ["id", "role", "skill", "level"]


class RequirementIn(serializers.Serializer):
    role = OrgScopedPrimaryKey(queryset=Role.objects.all())
    skill = OrgScopedPrimaryKey(queryset=Skill.objects.all())
    level = serializers.ChoiceField(choices=Level.choices)


class RotationRuleOut(serializers.ModelSerializer):
    rotation = serializers.PrimaryKeyRelatedField(read_only=True)
    skill = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = RotationSkillRequirement
        fields = ["id", "rotation", "skill", "level", "required"]


class RotationRuleIn(serializers.Serializer):
    rotation = OrgScopedPrimaryKey(queryset=Rotation.objects.filter(is_active=True))
    skill = OrgScopedPrimaryKey(queryset=Skill.objects.all())
    level = serializers.ChoiceField(choices=Level.choices)
    required = serializers.BooleanField(default=True)
